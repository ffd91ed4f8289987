import Foundation

/// Turns instants into study days: a day starts at ``dayStartHour`` local time in
/// ``timeZone``, as in Anki (default 4:00). Pure: the time zone is a value handed in.
public struct StudyCalendar: Sendable, Equatable {
    public var timeZone: TimeZone {
        didSet { offsets = UTCOffsetTable(timeZone) }
    }
    /// Local hour (0-23) at which a new study day begins.
    public var dayStartHour: Int
    /// The time zone's offsets, precomputed: asking `TimeZone` on every call dominated replay.
    private var offsets: UTCOffsetTable

    public init(timeZone: TimeZone, dayStartHour: Int = 4) {
        self.timeZone = timeZone
        self.dayStartHour = dayStartHour
        offsets = UTCOffsetTable(timeZone)
    }

    public static func == (a: StudyCalendar, b: StudyCalendar) -> Bool {
        a.timeZone == b.timeZone && a.dayStartHour == b.dayStartHour
    }

    /// Seconds east of UTC in ``timeZone`` at `date`.
    public func secondsFromGMT(for date: Date) -> Int {
        offsets.offset(at: date.timeIntervalSince1970) ?? timeZone.secondsFromGMT(for: date)
    }

    /// UTC with the day starting at midnight; handy in tests.
    public static let utcMidnight = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!, dayStartHour: 0)

    /// The study day `date` falls in, as a count of days since 1970-01-01 (local, shifted by
    /// the day-start hour). Two instants on the same study day give the same number.
    public func dayNumber(_ date: Date) -> Int {
        let local = date.timeIntervalSince1970 + Double(secondsFromGMT(for: date))
            - Double(dayStartHour * 3600)
        return Int((local / 86400).rounded(.down))
    }

    /// Whole study days from `earlier` to `later` (negative if the clock went backwards).
    public func daysBetween(_ earlier: Date, _ later: Date) -> Int {
        dayNumber(later) - dayNumber(earlier)
    }

    /// The instant at which study day `day` begins.
    public func startOfDay(_ day: Int) -> Date {
        let guess = Double(day) * 86400 + Double(dayStartHour * 3600)
        // Offsets can differ across a DST change; one correction step is enough.
        var t = guess - Double(secondsFromGMT(for: Date(timeIntervalSince1970: guess)))
        t = guess - Double(secondsFromGMT(for: Date(timeIntervalSince1970: t)))
        return Date(timeIntervalSince1970: t)
    }

    /// The calendar date (`YYYY-MM-DD`) of study day `day`.
    public func dateString(day: Int) -> String {
        let (y, m, d) = StudyCalendar.civil(fromDays: day)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// Proleptic Gregorian date for a count of days since 1970-01-01 (Howard Hinnant's
    /// algorithm).
    public static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date.
    public static func days(year y0: Int, month m: Int, day d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 0 = Monday … 6 = Sunday for study day `day`.
    public static func weekday(day: Int) -> Int { ((day % 7) + 7 + 3) % 7 }
}
