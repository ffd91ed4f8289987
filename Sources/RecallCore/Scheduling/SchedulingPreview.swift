import Foundation

/// The outcome of each of the four ratings for one card, for showing intervals before the
/// user answers (`1 again <10m  2 hard 1d  3 good 3d  4 easy 8d`).
public struct SchedulingPreview: Hashable, Sendable {
    public var again: CardSchedule
    public var hard: CardSchedule
    public var good: CardSchedule
    public var easy: CardSchedule
    /// The time the preview was made for.
    public var now: Date

    public init(again: CardSchedule, hard: CardSchedule, good: CardSchedule,
                easy: CardSchedule, now: Date) {
        self.again = again
        self.hard = hard
        self.good = good
        self.easy = easy
        self.now = now
    }

    public subscript(rating: Rating) -> CardSchedule {
        switch rating {
        case .again: again
        case .hard: hard
        case .good: good
        case .easy: easy
        }
    }

    /// A short label for the wait after `rating`: `<10m` for a (re)learning step, `3d`,
    /// `2.1mo` or `1.3y` for a review interval in days.
    public func label(_ rating: Rating) -> String {
        let outcome = self[rating]
        if outcome.state == .review {
            return IntervalLabel.days(outcome.scheduledDays)
        }
        let wait = IntervalLabel.seconds(max(0, outcome.due.timeIntervalSince(now)))
        return wait.hasPrefix("<") ? wait : "<" + wait
    }

    /// `1 again <10m  2 hard 1d  3 good 3d  4 easy 8d`.
    public var line: String {
        Rating.allCases.map { "\($0.rawValue) \($0) \(label($0))" }.joined(separator: "  ")
    }
}
