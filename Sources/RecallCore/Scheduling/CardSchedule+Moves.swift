import Foundation

/// The two moves both schedulers (``FSRS`` and ``SM2``) end a review with, once they have
/// decided where the card goes: into a learning step, or into review.
extension CardSchedule {
    /// The card in (re)learning `state` at `step`, due `seconds` after `now`.
    func inStep(_ state: CardState, step: Int, seconds: TimeInterval, now: Date) -> CardSchedule {
        var out = self
        out.state = state
        out.step = step
        out.due = now.addingTimeInterval(seconds)
        out.scheduledDays = 0
        return out
    }

    /// The card in review for `days` days, fuzzed within `maximumInterval` when `fuzz` is on
    /// (`fuzzSeed` picks the fuzz), due as `counting` counts days from `now`.
    func graduated(days: Int, fuzz: Bool, maximumInterval: Int, now: Date, calendar: StudyCalendar,
                   counting: DayCounting, fuzzSeed: UInt64) -> CardSchedule {
        var out = self
        let days = fuzz ? IntervalFuzz.apply(days, maximumInterval: maximumInterval, seed: fuzzSeed) : days
        out.state = .review
        out.step = nil
        out.due = counting.due(after: now, days: days, calendar: calendar)
        out.scheduledDays = days
        out.interval = days
        return out
    }

    /// The card in review, due `days` study days (as `counting` counts them) after `from`:
    /// a due date recorded in the log, applied whatever the settings are now.
    public func kept(days: Int, after from: Date, calendar: StudyCalendar, counting: DayCounting) -> CardSchedule {
        var out = self
        out.state = .review
        out.step = nil
        out.due = counting.due(after: from, days: days, calendar: calendar)
        out.scheduledDays = days
        out.interval = days
        return out
    }
}
