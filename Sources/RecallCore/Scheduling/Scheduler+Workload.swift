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
        guard let workload, counting == .studyDays, plain.state == .review else { return plain }
        let reviewDay = calendar.dayNumber(now)
        var days = plain.scheduledDays
        if workload.movesDays, settings.enableFuzz, card.state == .review {
            var unfuzzed = settings
            unfuzzed.enableFuzz = false
            let unfuzzedDays = Scheduler(settings: unfuzzed, counting: counting)
                .next(card, rating: rating, at: now, calendar: calendar).scheduledDays
            if unfuzzedDays >= 3 {
                let range = IntervalFuzz.range(for: unfuzzedDays, maximumInterval: settings.boundedMaximumInterval)
                days = workload.interval(in: range, reviewDay: reviewDay, seed: fuzzSeed)
            }
        }
        // No review card falls due inside a planned break, whatever its interval: when its
        // whole range lies inside one, it goes to the nearer edge (see PlannedBreaks).
        days = workload.breaks.dayOutsideBreaks(reviewDay + days, earliest: reviewDay + 1) - reviewDay
        guard days != plain.scheduledDays else { return plain }
        return plain.kept(days: days, after: now, calendar: calendar, counting: counting)
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
