import Foundation

/// The collection's scheduler, FSRS-6 or SM-2 as its settings choose.
///
/// Days are counted by ``counting``: local study days everywhere in the product, whole
/// 24-hour periods for conformance replay against py-fsrs.
public struct Scheduler: Sendable {
    public enum Algorithm: Sendable {
        case fsrs(FSRS)
        case sm2(SM2)
    }

    /// The version of the scheduling code (both algorithms and the replay around them).
    /// Raise it with any change that gives other card states or review annotations from the
    /// same log and settings: the store's caches of a replay (`state.json`, `state.bin`, the
    /// stats caches) made by another version are then made again.
    public static let version = 1

    public let algorithm: Algorithm
    public let settings: CollectionSettings
    public let counting: DayCounting

    public init(settings: CollectionSettings, counting: DayCounting = .studyDays) {
        self.settings = settings
        self.counting = counting
        switch settings.scheduler {
        case .fsrs: algorithm = .fsrs(FSRS(settings: settings))
        case .sm2: algorithm = .sm2(SM2(settings: settings))
        }
    }

    /// A card that has never been studied, due at `createdAt`.
    public func newCard(createdAt: Date) -> CardSchedule {
        CardSchedule.new(createdAt: createdAt, startingEase: settings.startingEase)
    }

    /// The card after a review with `rating` at `now`.
    ///
    /// `fuzzSeed` should be ``IntervalFuzz/seed(card:reviewCount:)`` so that replays agree.
    public func next(_ card: CardSchedule, rating: Rating, at now: Date, calendar: StudyCalendar,
                     fuzzSeed: UInt64 = 0) -> CardSchedule {
        switch algorithm {
        case .fsrs(let fsrs):
            return fsrs.next(card, rating: rating, at: now, calendar: calendar,
                             counting: counting, fuzzSeed: fuzzSeed)
        case .sm2(let sm2):
            return sm2.next(card, rating: rating, at: now, calendar: calendar,
                            counting: counting, fuzzSeed: fuzzSeed)
        }
    }

    /// `card` with the due date its last review would give it under these settings: a review
    /// card's interval recomputed from its stability (FSRS; SM-2 keeps its interval) and
    /// counted from its last review. Cards not in review state are returned unchanged.
    ///
    /// `fuzzSeed` should be the seed of the card's last review, so that the fuzz agrees.
    public func rescheduled(_ card: CardSchedule, calendar: StudyCalendar, fuzzSeed: UInt64) -> CardSchedule {
        guard card.state == .review, let last = card.lastReview else { return card }
        var out = card
        var days = card.scheduledDays
        if case .fsrs(let fsrs) = algorithm, let memory = card.memory {
            days = fsrs.nextInterval(stability: memory.stability)
            if fsrs.enableFuzz {
                days = IntervalFuzz.apply(days, maximumInterval: fsrs.maximumInterval, seed: fuzzSeed)
            }
        }
        out.scheduledDays = days
        out.due = counting.due(after: last, days: days, calendar: calendar)
        return out
    }

    /// The outcome of all four ratings at `now` (what the grade prompt shows).
    public func preview(_ card: CardSchedule, at now: Date, calendar: StudyCalendar,
                        fuzzSeed: UInt64 = 0) -> SchedulingPreview {
        func outcome(_ r: Rating) -> CardSchedule {
            next(card, rating: r, at: now, calendar: calendar, fuzzSeed: fuzzSeed)
        }
        return SchedulingPreview(again: outcome(.again), hard: outcome(.hard),
                                 good: outcome(.good), easy: outcome(.easy), now: now)
    }

    /// The predicted chance of recalling `card` at `now`; `nil` for a card never studied.
    ///
    /// FSRS uses the card's memory state. SM-2 has no memory model, so this estimates R with
    /// FSRS's forgetting curve taking the last interval as the stability (R = 90 % at due);
    /// good enough for ordering reviews.
    public func retrievability(of card: CardSchedule, at now: Date,
                               calendar: StudyCalendar) -> Double? {
        guard let last = card.lastReview else { return nil }
        return retrievability(of: card,
                              elapsedDays: counting.elapsedDays(from: last, to: now,
                                                                calendar: calendar))
    }

    /// The predicted chance of recall `elapsedDays` after the card's last review; `nil` for
    /// a card never studied.
    public func retrievability(of card: CardSchedule, elapsedDays: Int) -> Double? {
        guard card.lastReview != nil else { return nil }
        switch algorithm {
        case .fsrs(let fsrs):
            guard let memory = card.memory else { return nil }
            return fsrs.forgettingCurve(elapsedDays: elapsedDays, stability: memory.stability)
        case .sm2:
            let s = Double(max(card.scheduledDays, 1))
            return pow(1 + Scheduler.sm2Factor * Double(max(elapsedDays, 0)) / s,
                       Scheduler.sm2Decay)
        }
    }

    private static let sm2Decay = -CollectionSettings.defaultParameters[20]
    private static let sm2Factor = pow(0.9, 1 / sm2Decay) - 1
}
