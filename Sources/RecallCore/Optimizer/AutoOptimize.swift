import Foundation

/// When Recall refits the collection's FSRS parameters on its own (`auto_optimize`), and
/// what it keeps of the last fit.
///
/// The rule: a refit is due once at least ``Policy/minimumDays`` days have passed since
/// the last fit *and* the collection has at least ``Policy/growth`` more reviews than it
/// had then (with no fit yet: since the first review, and at least the optimizer's minimum
/// history). Whether the fit is then adopted is ``FSRSOptimizer/Outcome/isImprovement``,
/// the same rule `recall optimize` applies.
public enum AutoOptimize {
    /// What one fit found, kept until the next fit (and shown once at the next greeting).
    public struct Record: Sendable, Equatable {
        public enum Result: String, Sendable, CaseIterable {
            /// The fit predicted the held-out reviews better and was adopted.
            case adopted
            /// The fit was not better on the held-out reviews; the parameters stayed.
            case kept
            /// Too little history to fit; the parameters stayed.
            case tooLittleHistory = "too_little_history"
        }

        /// When the fit was made.
        public var fittedAt: Date
        /// The collection's reviews (undone ones excluded) when it was made.
        public var reviews: Int
        public var result: Result
        /// Held-out log loss and RMSE(bins) of the parameters before the fit.
        public var current: PredictionMetrics
        /// The same for the fitted parameters (equal to ``current`` when nothing was fitted).
        public var fitted: PredictionMetrics
        /// Reviews made on a later day than each card's first: what the fit could learn from.
        public var scoredReviews: Int
        /// Whether a greeting has said so already.
        public var announced: Bool

        public init(fittedAt: Date, reviews: Int, result: Result, current: PredictionMetrics,
                    fitted: PredictionMetrics, scoredReviews: Int, announced: Bool = false) {
            self.fittedAt = fittedAt
            self.reviews = reviews
            self.result = result
            self.current = current
            self.fitted = fitted
            self.scoredReviews = scoredReviews
            self.announced = announced
        }

        /// The record of `outcome`, a fit made at `time` when the collection had `reviews` reviews.
        public init(_ outcome: FSRSOptimizer.Outcome, at time: Date, reviews: Int, announced: Bool = false) {
            let result: Result = !outcome.hasEnoughData ? .tooLittleHistory : outcome.isImprovement ? .adopted : .kept
            self.init(fittedAt: time, reviews: reviews, result: result, current: outcome.current,
                      fitted: outcome.fitted, scoredReviews: outcome.trainCount + outcome.testCount,
                      announced: announced)
        }
    }

    /// How much the history must grow between fits.
    public struct Policy: Sendable, Equatable {
        /// Days since the last fit (or the first review) at least.
        public var minimumDays = 30.0
        /// Share of reviews added since the last fit at least (0.1: 10 % more).
        public var growth = 0.10
        /// Reviews in the collection at least before any fit is tried (the optimizer needs
        /// this many scored reviews, which are fewer than all reviews).
        public var minimumReviews = FSRSOptimizer.Configuration().minimumReviews

        public init() {}
    }

    /// Whether a refit is due at `now` for a collection with `reviews` reviews, the first of
    /// them at `firstReview`, whose last fit is `last` (nil: never fitted).
    public static func isDue(last: Record?, reviews: Int, firstReview: Date?, now: Date,
                             policy: Policy = Policy()) -> Bool {
        guard reviews >= policy.minimumReviews else { return false }
        let since: Date
        let before: Int
        if let last {
            since = last.fittedAt
            before = last.reviews
        } else {
            guard let firstReview else { return false }
            since = firstReview
            before = 0
        }
        let days = now.timeIntervalSince(since) / 86400
        return days >= policy.minimumDays && Double(reviews) >= Double(before) * (1 + policy.growth) && reviews > before
    }

    /// The collection's reviews (undone ones excluded) and the earliest time a card with a
    /// history was first studied.
    public static func history(_ records: CardRecords) -> (reviews: Int, firstReview: Date?) {
        var reviews = 0
        var first: Date?
        for (_, record) in records {
            reviews += record.reviewCount
            if let introduced = record.introduced, first.map({ introduced < $0 }) ?? true { first = introduced }
        }
        return (reviews, first)
    }

    /// Whether a fit made with `fittedWith` may still be adopted into `now`: the settings it
    /// was compared against are still those in force (nobody saved other parameters, moved
    /// cards to a deck's own parameters, switched to SM-2 or turned auto_optimize off).
    public static func canAdopt(fittedWith: CollectionSettings, into now: CollectionSettings) -> Bool {
        now.autoOptimize && now.scheduler == .fsrs && now.parameters == fittedWith.parameters
            && now.deckParameters == fittedWith.deckParameters
    }
}
