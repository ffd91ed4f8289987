import Foundation

/// A break's days as written and read: `YYYY-MM-DD` calendar dates, which are study day
/// numbers (``StudyCalendar/dayNumber(_:)`` counts days since 1970-01-01 the same way).
public enum PlannedBreakDate {
    /// `2026-12-20` for its study day.
    public static func text(_ day: Int) -> String {
        let (y, m, d) = StudyCalendar.civil(fromDays: day)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// The study day of `YYYY-MM-DD`; `nil` for anything else or a date that does not exist.
    public static func day(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        let day = StudyCalendar.days(year: y, month: m, day: d)
        // 2026-02-30 comes back as another date.
        return StudyCalendar.civil(fromDays: day) == (y, m, d) ? day : nil
    }
}
