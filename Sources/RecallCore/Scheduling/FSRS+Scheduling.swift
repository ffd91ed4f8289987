import Foundation

extension FSRS {
    /// The card after a review with `rating` at `now`.
    ///
    /// Memory is updated by the formulas of `docs/fsrs.md` (whole days counted by
    /// `counting`), then the learning-step state machine ("Steps and states" there) picks the
    /// next state and due time. A review time
    /// before the last review counts as the same day; intervals are never negative.
    /// `fuzzSeed` is used only when fuzz is on and the card ends in review.
    public func next(_ card: CardSchedule, rating: Rating, at now: Date, calendar: StudyCalendar,
                     counting: DayCounting = .studyDays, fuzzSeed: UInt64 = 0) -> CardSchedule {
        let elapsed = card.lastReview.map {
            counting.elapsedDays(from: $0, to: now, calendar: calendar)
        }
        var out = card
        out.memory = nextMemory(card.memory, rating: rating, elapsedDays: elapsed)
        out.reps += 1
        out.lastReview = now
        if card.state == .review && rating == .again { out.lapses += 1 }

        let outcome: StepOutcome
        switch card.state {
        case .new, .learning:
            outcome = StepOutcome.decide(steps: learningSteps, step: card.step ?? 0, rating: rating)
        case .relearning:
            outcome = StepOutcome.decide(steps: relearningSteps, step: card.step ?? 0, rating: rating)
        case .review:
            if rating == .again, let first = relearningSteps.first {
                outcome = .step(0, seconds: first)
            } else {
                outcome = .graduate
            }
        }
        switch outcome {
        case .step(let step, let seconds):
            let state: CardState = card.state == .review || card.state == .relearning ? .relearning : .learning
            return out.inStep(state, step: step, seconds: seconds, now: now)
        case .graduate:
            let days = nextInterval(stability: out.memory?.stability ?? FSRS.minimumStability)
            return out.graduated(days: days, fuzz: enableFuzz, maximumInterval: maximumInterval, now: now,
                                 calendar: calendar, counting: counting, fuzzSeed: fuzzSeed)
        }
    }

    /// The chance of recalling `card` at `now`: R(t, S) with t in whole days counted by
    /// `counting`; `nil` for a card with no memory state (py-fsrs reports 0 for those).
    public func retrievability(of card: CardSchedule, at now: Date, calendar: StudyCalendar,
                               counting: DayCounting = .studyDays) -> Double? {
        guard let memory = card.memory, let last = card.lastReview else { return nil }
        let t = counting.elapsedDays(from: last, to: now, calendar: calendar)
        return forgettingCurve(elapsedDays: t, stability: memory.stability)
    }
}
