import Foundation

extension StatsInput {
    /// Builds the stats input from a point part-way through the log: the reviews of the log
    /// before it (`prefixReviews`, as ``init(cards:log:replay:now:)`` gives them for that
    /// part alone) and the card records there (`base`), replaying only `tail`.
    ///
    /// Gives exactly what the whole-log replay gives, or nil when it could not: an undo in
    /// the tail (it may take back a review of the prefix), a tail out of log order, or a tail
    /// starting no later than `latestPrefixTime` (the whole log would then be sorted
    /// differently).
    public init?(cards: [Card], prefixReviews: [StatsReview], latestPrefixTime: Date?,
                 base: CardRecords, tail: [ReviewLogEntry], replay: CollectionReplay,
                 now: Date) {
        self.init(cards: cards, prefix: .reviews(prefixReviews), latestPrefixTime: latestPrefixTime,
                  base: base, tail: tail, replay: replay, now: now)
    }

    /// As ``init(cards:prefixReviews:latestPrefixTime:base:tail:replay:now:)`` with the
    /// prefix's reviews summed up (``StatsInput/prefixSummary``): the input is then for stats
    /// without a deck or tag selection, and ``StatsInput/reviews`` holds the tail's reviews.
    public init?(cards: [Card], prefixSummary: StatsSummary, latestPrefixTime: Date?,
                 base: CardRecords, tail: [ReviewLogEntry], replay: CollectionReplay,
                 now: Date) {
        self.init(cards: cards, prefix: .summary(prefixSummary), latestPrefixTime: latestPrefixTime,
                  base: base, tail: tail, replay: replay, now: now)
    }

    private enum Prefix {
        case reviews([StatsReview])
        case summary(StatsSummary)
    }

    private init?(cards: [Card], prefix: Prefix, latestPrefixTime: Date?,
                  base: CardRecords, tail: [ReviewLogEntry], replay: CollectionReplay,
                  now: Date) {
        guard !tail.contains(where: { $0.event == .undo }), CollectionReplay.isSorted(tail) else { return nil }
        if let first = tail.first, let latest = latestPrefixTime, !(first.time > latest) { return nil }
        var reviews: [StatsReview] = []
        var summary: StatsSummary?
        switch prefix {
        case .reviews(let prefixReviews): reviews = prefixReviews
        case .summary(let prefixSummary): summary = prefixSummary
        }
        // Without a tail the records are the base's; seeding a replay would cost more.
        var state: ReplayState?
        if !tail.isEmpty {
            var replayed = ReplayState(replay: replay, base: base)
            for entry in tail {
                if let review = replayed.fold(entry) { reviews.append(review) }
            }
            state = replayed
        }
        let scheduler = replay.scheduler
        let summaries: [StatsCard] = cards.withUnsafeBufferPointer { cards in
            // Where the base keeps each card's record, found in one tight loop first (so the
            // lookups' cache misses overlap) rather than one lookup per card built.
            let positions = state == nil ? base.positions(count: cards.count) { cards[$0].id } : []
            return cards.indices.map { i -> StatsCard in
                let id = cards[i].id
                let record = if let state { state.record(id) } else { base.record(at: positions[i]) }
                // Without per-deck parameters the one scheduler is passed as it is (choosing
                // between two in an expression would copy it, arrays and all, for every card).
                guard replay.hasDeckPresets else {
                    return StatsCard(cards[i], record: record, scheduler: scheduler, calendar: replay.calendar, now: now)
                }
                return StatsCard(cards[i], record: record, scheduler: replay.scheduler(for: id),
                                 calendar: replay.calendar, now: now)
            }
        }
        self.init(reviews: reviews, cards: summaries, calendar: replay.calendar, now: now,
                  desiredRetention: scheduler.settings.desiredRetention)
        prefixSummary = summary
    }
}
