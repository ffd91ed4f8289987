import Foundation

/// How the scheduler counts the days between two reviews.
public enum DayCounting: Sendable, Hashable {
    /// Local study days from the day-start hour, as Anki counts them: 23:00 and 09:00 the
    /// next morning are one day apart. Review cards fall due at the start of a study day.
    /// What Recall uses everywhere except conformance replay.
    case studyDays
    /// Whole 24-hour periods, rounded down, as py-fsrs counts them; review cards fall due
    /// exactly `interval` × 24 h after the review. Used by `recall replay`.
    case whole24HourPeriods

    /// Days from `earlier` to `later`; negative if the clock went backwards.
    public func elapsedDays(from earlier: Date, to later: Date, calendar: StudyCalendar) -> Int {
        switch self {
        case .studyDays:
            return calendar.daysBetween(earlier, later)
        case .whole24HourPeriods:
            let seconds = later.timeIntervalSince1970 - earlier.timeIntervalSince1970
            return Int((seconds / 86400).rounded(.down))
        }
    }

    /// When a card reviewed at `now` and given `days` (at least 1) falls due.
    public func due(after now: Date, days: Int, calendar: StudyCalendar) -> Date {
        switch self {
        case .studyDays:
            return calendar.startOfDay(calendar.dayNumber(now) + days)
        case .whole24HourPeriods:
            return now.addingTimeInterval(Double(days) * 86400)
        }
    }
}
