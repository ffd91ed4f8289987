import Foundation

/// Anki's variant of SM-2, as an alternative to FSRS.
///
/// - Learning: the same steps as FSRS (Again → first step, Hard repeats the step, Good →
///   next step); passing the last step gives the graduating interval (1 d), Easy the easy
///   interval (4 d). The card starts with the starting ease (250 %).
/// - Review, with `late` = days past due (0 when early):
///   Hard = max(ivl × 1.2, ivl + 1), ease −0.15;
///   Good = max((ivl + late/2) × ease, Hard + 1);
///   Easy = max((ivl + late) × ease × 1.3, Good + 1), ease +0.15.
///   A review before the due day uses the days actually waited instead of the interval, so
///   studying early does not inflate intervals.
/// - Lapse (Again): ease −0.20 (never below 130 %), new interval = max(1, ivl × 0), then the
///   relearning steps; passing them restores that new interval (Easy adds a day).
/// - Intervals are capped at the maximum interval and fuzzed like FSRS's.
public struct SM2: Sendable {
    public let settings: CollectionSettings
    public static let minimumEase = 1.3

    public init(settings: CollectionSettings) { self.settings = settings }

    /// The card after a review with `rating` at `now`. Days are counted by `counting`.
    public func next(_ card: CardSchedule, rating: Rating, at now: Date, calendar: StudyCalendar,
                     counting: DayCounting = .studyDays, fuzzSeed: UInt64 = 0) -> CardSchedule {
        var out = card
        out.reps += 1
        out.lastReview = now
        switch card.state {
        case .new, .learning:
            let outcome = StepOutcome.decide(steps: settings.learningSteps, step: card.step ?? 0,
                                             rating: rating)
            if case .step(let step, let seconds) = outcome {
                return out.inStep(.learning, step: step, seconds: seconds, now: now)
            }
            if card.state == .new { out.easeFactor = settings.startingEase }
            let days = rating == .easy ? settings.easyInterval : settings.graduatingInterval
            return graduated(out, days: days, now: now, calendar: calendar, counting: counting,
                             fuzzSeed: fuzzSeed)
        case .relearning:
            let outcome = StepOutcome.decide(steps: settings.relearningSteps,
                                             step: card.step ?? 0, rating: rating)
            if case .step(let step, let seconds) = outcome {
                return out.inStep(.relearning, step: step, seconds: seconds, now: now)
            }
            let days = max(card.interval, 1) + (rating == .easy ? 1 : 0)
            return graduated(out, days: days, now: now, calendar: calendar, counting: counting,
                             fuzzSeed: fuzzSeed)
        case .review:
            let elapsed = card.lastReview.map {
                counting.elapsedDays(from: $0, to: now, calendar: calendar)
            }
            return reviewed(out, rating: rating, elapsed: elapsed, now: now, calendar: calendar,
                            counting: counting, fuzzSeed: fuzzSeed)
        }
    }

    /// `elapsed` is the days since the previous review (`nil` if unknown: taken as on time).
    private func reviewed(_ card: CardSchedule, rating: Rating, elapsed: Int?, now: Date,
                          calendar: StudyCalendar, counting: DayCounting,
                          fuzzSeed: UInt64) -> CardSchedule {
        var out = card
        let ivl = max(card.interval, 1)
        let elapsed = elapsed ?? ivl
        if rating == .again {
            out.lapses += 1
            out.easeFactor = max(SM2.minimumEase, card.easeFactor - 0.2)
            let kept = Double(ivl) * settings.lapseNewInterval
            out.interval = kept.isFinite && kept >= 1 ? Int(min(kept, Double(ivl)).rounded(.down)) : 1
            if let first = settings.relearningSteps.first {
                return out.inStep(.relearning, step: 0, seconds: first, now: now)
            }
            return graduated(out, days: out.interval, now: now, calendar: calendar,
                             counting: counting, fuzzSeed: fuzzSeed)
        }
        let days = reviewIntervals(interval: ivl, elapsed: elapsed, ease: card.easeFactor)
        switch rating {
        case .hard: out.easeFactor = max(SM2.minimumEase, card.easeFactor - 0.15)
        case .easy: out.easeFactor = card.easeFactor + 0.15
        default: break
        }
        let chosen = rating == .hard ? days.hard : rating == .good ? days.good : days.easy
        return graduated(out, days: chosen, now: now, calendar: calendar, counting: counting,
                         fuzzSeed: fuzzSeed)
    }

    /// The Hard, Good and Easy intervals (before fuzz) for a review card; always
    /// hard < good < easy and at least 1 day.
    func reviewIntervals(interval ivl: Int, elapsed: Int, ease: Double)
        -> (hard: Int, good: Int, easy: Int) {
        let base = Double(min(max(elapsed, 1), ivl))
        let late = Double(max(0, elapsed - ivl))
        let cap = settings.boundedMaximumInterval
        /// Rounded to whole days and capped (also guards against overflow).
        func days(_ x: Double) -> Int { x.isFinite ? Int(min(x, Double(cap)).rounded()) : cap }
        let hard = min(cap, max(days(base * settings.hardMultiplier), Int(base) + 1))
        let good = min(cap, max(days((base + late / 2) * ease), hard + 1))
        let easy = min(cap, max(days((base + late) * ease * settings.easyBonus), good + 1))
        return (hard, good, easy)
    }

    /// `days` kept between 1 and the maximum interval.
    private func graduated(_ card: CardSchedule, days: Int, now: Date, calendar: StudyCalendar,
                           counting: DayCounting, fuzzSeed: UInt64) -> CardSchedule {
        let cap = settings.boundedMaximumInterval
        return card.graduated(days: min(max(days, 1), cap), fuzz: settings.enableFuzz, maximumInterval: cap,
                              now: now, calendar: calendar, counting: counting, fuzzSeed: fuzzSeed)
    }
}
