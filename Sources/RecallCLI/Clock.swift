import Foundation

/// The one place the executable reads the time.
///
/// `RECALL_NOW` (ISO-8601, e.g. `2026-03-01T09:00:00Z`) sets the start time; the clock then
/// runs on from it as usual, so scripted sessions can move through days. A bare date
/// (`2026-03-23`) means noon of that date in the local time zone: inside that date's study
/// day whatever the day-start hour, where midnight would fall in the day before.
enum Clock {
    private static let start: (base: Date, monotonic: UInt64) = {
        let mono = DispatchTime.now().uptimeNanoseconds
        if let text = ProcessInfo.processInfo.environment["RECALL_NOW"], !text.isEmpty,
           let date = parseISO8601(text) {
            return (date, mono)
        }
        return (Date(), mono)
    }()

    /// `RECALL_NOW` if set and valid, else `nil`; an invalid value is reported by ``validate()``.
    static func validate() throws {
        if let text = ProcessInfo.processInfo.environment["RECALL_NOW"], !text.isEmpty,
           parseISO8601(text) == nil {
            throw CLIError("RECALL_NOW is set to '\(text)', which is not an ISO-8601 time",
                           hint: "use a form like 2026-03-01T09:00:00Z or 2026-03-01T09:00:00+01:00")
        }
    }

    /// The current time.
    static func now() -> Date {
        // Read the start first: on the very first call it is set up here, after which the
        // uptime read below is never earlier than its own.
        let origin = start
        let elapsed = DispatchTime.now().uptimeNanoseconds - origin.monotonic
        return origin.base.addingTimeInterval(Double(elapsed) / 1e9)
    }

    /// The user's time zone (`TZ` is honoured by the system).
    static var timeZone: TimeZone { TimeZone.current }

    /// Accepts `YYYY-MM-DDTHH:MM:SS[.fff]` with `Z`, `±HH:MM` or `±HHMM`, or a bare date
    /// (noon of that date in `timeZone`); nil for anything else, including out-of-range fields.
    ///
    /// Read by hand rather than with `ISO8601DateFormatter`, whose ICU set-up would be a
    /// noticeable share of every short process run with `RECALL_NOW` (scripts, tests,
    /// benchmarks).
    static func parseISO8601(_ text: String, timeZone: TimeZone = .current) -> Date? {
        let b = Array(text.utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= b.count else { return nil }
            var n = 0
            for c in b[i..<(i + digits)] {
                guard c >= 0x30, c <= 0x39 else { return nil }
                n = n * 10 + Int(c - 0x30)
            }
            i += digits
            return n
        }
        func skip(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), skip(0x2D), let month = number(2), skip(0x2D), let day = number(2),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var seconds = Double(daysSinceEpoch(year: year, month: month, day: day)) * 86_400
        guard i < b.count else {
            // Noon: no time zone's offset, nor a daylight-saving change, moves it out of its date.
            let noonUTC = seconds + 12 * 3600
            let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: noonUTC))
            return Date(timeIntervalSince1970: noonUTC - Double(offset))
        }
        guard skip(0x54), let hour = number(2), skip(0x3A), let minute = number(2), skip(0x3A), let second = number(2),
              hour < 24, minute < 60, second < 60 else { return nil }
        seconds += Double(hour * 3600 + minute * 60 + second)
        if skip(0x2E) {
            var scale = 0.1, digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                seconds += Double(b[i] - 0x30) * scale
                scale /= 10
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
        }
        if skip(0x5A) { return i == b.count ? Date(timeIntervalSince1970: seconds) : nil }
        guard i < b.count, b[i] == 0x2B || b[i] == 0x2D else { return nil }
        let sign = b[i] == 0x2B ? 1.0 : -1.0
        i += 1
        guard let offsetHours = number(2) else { return nil }
        _ = skip(0x3A)
        guard let offsetMinutes = number(2), i == b.count, offsetHours < 24, offsetMinutes < 60 else { return nil }
        return Date(timeIntervalSince1970: seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
