import Foundation

/// What the stats keep of a run of reviews for the whole collection (no deck or tag
/// selected), independent of the current day: per-day totals, the calibration bins and the
/// per-card counters the bins need to go on.
///
/// Summing a log's first part into one of these and then adding only the reviews after it
/// gives exactly the stats of the whole log, so `recall stats` can keep the summary of the
/// part `state.json` covers instead of going through a million reviews each time.
public struct StatsSummary: Sendable, Equatable {
    /// One study day's reviews.
    public struct Day: Sendable, Equatable {
        /// The study day number (``StudyCalendar/dayNumber(_:)``).
        public var day: Int
        public var reviews = 0
        /// Reviews of cards that were new.
        public var new = 0
        public var again = 0
        /// Time spent answering, in milliseconds (negative durations count as 0).
        public var milliseconds = 0
        /// Reviews in the review state, by the interval before them (young: under 21 days).
        public var young = PassCount()
        public var mature = PassCount()

        public init(day: Int) { self.day = day }
    }

    /// One calibration bin's sums (see ``CalibrationAccumulator``).
    public struct Bin: Sendable, Equatable {
        public var slot: Int
        public var reviews: Int
        public var passed: Int
        public var predictedSum: Double

        public init(slot: Int, reviews: Int, passed: Int, predictedSum: Double) {
            self.slot = slot
            self.reviews = reviews
            self.passed = passed
            self.predictedSum = predictedSum
        }
    }

    /// A card's reviews a day or more after the previous one, and the Again ratings among them.
    public struct CardCounts: Sendable, Equatable {
        public var card: CardID
        public var longTermReviews: Int32
        public var longTermLapses: Int32

        public init(card: CardID, longTermReviews: Int32, longTermLapses: Int32) {
            self.card = card
            self.longTermReviews = longTermReviews
            self.longTermLapses = longTermLapses
        }
    }

    /// Reviews counted.
    public var total: Int
    /// Days with reviews, in the order they were first seen.
    public var days: [Day]
    /// Calibration bins with at least one review, by slot.
    public var bins: [Bin]
    /// Every card reviewed, in the order first seen.
    public var cards: [CardCounts]

    public init(total: Int, days: [Day], bins: [Bin], cards: [CardCounts]) {
        self.total = total
        self.days = days
        self.bins = bins
        self.cards = cards
    }

    /// The summary of `reviews` (in log order) for the whole collection.
    public init(reviews: [StatsReview], calendar: StudyCalendar) {
        var pass = ReviewPass(today: 0, calendar: calendar)
        pass.register([], filter: .all)
        for review in reviews { pass.add(review) }
        self = pass.summary
    }
}

extension StatsSummary {
    /// The summary after `entries` (the log's next entries, in log order, ids resolved) are
    /// added, when the cards' records just before them are `base` (only the cards in
    /// `entries` are looked up; a card missing from it was new). `latestPrefixTime` is the
    /// latest entry time covered so far.
    ///
    /// Nil when the entries cannot simply be added, as for the stats' own log tail: an undo
    /// (it may take back a review already counted), entries out of order, or entries not
    /// after `latestPrefixTime`. Then the whole log has to be summed up again.
    public func extended(with entries: [ReviewLogEntry], base: CardRecords, replay: CollectionReplay,
                         latestPrefixTime: Date?) -> (summary: StatsSummary, latest: Date?)? {
        guard !entries.contains(where: { $0.event == .undo }), CollectionReplay.isSorted(entries) else { return nil }
        if let first = entries.first, let latest = latestPrefixTime, !(first.time > latest) { return nil }
        var state = ReplayState(replay: replay, base: base)
        var pass = ReviewPass(today: 0, calendar: replay.calendar, resuming: self)
        for entry in entries {
            if let review = state.fold(entry) { pass.add(review) }
        }
        let latest = entries.last.map { $0.time } ?? latestPrefixTime
        return (pass.summary, latest)
    }
}
