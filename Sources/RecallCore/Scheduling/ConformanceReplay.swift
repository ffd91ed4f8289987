import Foundation

/// Replays one card's history exactly as py-fsrs would (whole 24-hour days, due times to the
/// second), for checking Recall against reference vectors (`recall replay`).
public struct ConformanceReplay: Sendable {
    /// The card after one review, with the figures the vectors schema records.
    public struct Step: Hashable, Sendable {
        public var schedule: CardSchedule
        /// Whole 24-hour periods since the previous review; `nil` for the first.
        public var elapsedDays: Int?
        /// R just before the review (0 for a card never reviewed, as py-fsrs reports).
        public var retrievabilityBefore: Double
        /// R of the card after the review, evaluated at its new due time.
        public var retrievabilityAtDue: Double
        /// R of the card after the review, evaluated at the next review's time (`nil` for the
        /// last review).
        public var retrievabilityAtNextReview: Double?
    }

    public let fsrs: FSRS
    private static let calendar = StudyCalendar.utcMidnight

    public init(settings: CollectionSettings) {
        fsrs = FSRS(settings: settings)
    }

    /// Replays `reviews` (chronological) of a card created at `created`. With fuzz on, each
    /// review is fuzzed with a seed from `seed` and the review index.
    public func replay(created: Date, reviews: [(time: Date, rating: Rating)],
                       seed: UInt64 = 0) -> [Step] {
        var card = CardSchedule.new(createdAt: created)
        var steps: [Step] = []
        steps.reserveCapacity(reviews.count)
        for (i, review) in reviews.enumerated() {
            let before = retrievability(card, at: review.time) ?? 0
            if i > 0 { steps[i - 1].retrievabilityAtNextReview = before }
            let elapsed = card.lastReview.map { Self.wholeDays(from: $0, to: review.time) }
            card = fsrs.next(card, rating: review.rating, at: review.time,
                             calendar: Self.calendar, counting: .whole24HourPeriods,
                             fuzzSeed: seed &+ UInt64(i))
            steps.append(Step(schedule: card, elapsedDays: elapsed, retrievabilityBefore: before,
                              retrievabilityAtDue: retrievability(card, at: card.due) ?? 0,
                              retrievabilityAtNextReview: nil))
        }
        return steps
    }

    private func retrievability(_ card: CardSchedule, at time: Date) -> Double? {
        fsrs.retrievability(of: card, at: time, calendar: Self.calendar,
                            counting: .whole24HourPeriods)
    }

    private static func wholeDays(from a: Date, to b: Date) -> Int {
        DayCounting.whole24HourPeriods.elapsedDays(from: a, to: b, calendar: calendar)
    }
}
