import Foundation

extension Scheduler {
    /// The card after a review with `rating` at `now`, its day chosen by `workload`: when a
    /// review card stays in review with a fuzzed interval (3 days or more), the interval is
    /// picked within the fuzz range by the load balancer and easy days instead of at random.
    /// New and (re)learning cards keep the plain fuzz, as in Anki.
    /// Without a workload (or when it moves nothing) this is ``next(_:rating:at:calendar:fuzzSeed:)``.
    ///
    /// What it picks is recorded in the log entry (``ReviewLogEntry/scheduledDays``), so a
    /// replay never balances again.
    public func next(_ card: CardSchedule, rating: Rating, at now: Date, calendar: StudyCalendar,
                     fuzzSeed: UInt64, workload: Workload?) -> CardSchedule {
        let plain = next(card, rating: rating, at: now, calendar: calendar, fuzzSeed: fuzzSeed)
        guard let workload, workload.movesDays, settings.enableFuzz, counting == .studyDays,
              card.state == .review, plain.state == .review else { return plain }
        var unfuzzed = settings
        unfuzzed.enableFuzz = false
        let days = Scheduler(settings: unfuzzed, counting: counting)
            .next(card, rating: rating, at: now, calendar: calendar).scheduledDays
        guard days >= 3 else { return plain }
        let range = IntervalFuzz.range(for: days, maximumInterval: settings.boundedMaximumInterval)
        let chosen = workload.interval(in: range, reviewDay: calendar.dayNumber(now), seed: fuzzSeed)
        return plain.kept(days: chosen, after: now, calendar: calendar, counting: counting)
    }

    /// The outcome of all four ratings at `now` with days chosen by `workload` (what the
    /// grade prompt shows, and what answering then records).
    public func preview(_ card: CardSchedule, at now: Date, calendar: StudyCalendar,
                        fuzzSeed: UInt64, workload: Workload?) -> SchedulingPreview {
        func outcome(_ r: Rating) -> CardSchedule {
            next(card, rating: r, at: now, calendar: calendar, fuzzSeed: fuzzSeed, workload: workload)
        }
        return SchedulingPreview(again: outcome(.again), hard: outcome(.hard),
                                 good: outcome(.good), easy: outcome(.easy), now: now)
    }
}
