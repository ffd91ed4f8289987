import Foundation

extension StatsInput {
    /// Builds the stats input by replaying the whole review log through `replay` once,
    /// noting for each counted review what the scheduler knew just before it.
    ///
    /// Gives the same reviews as ``CollectionReplay/replay(_:annotate:)`` with `annotate`, but
    /// streams: no per-review annotation records, and study days come from a cache instead of
    /// a time-zone lookup per review. Cards in the decks that the log never mentions are new;
    /// reviews of cards no longer in any deck are kept (they count when nothing is selected).
    ///
    /// Cards are independent, so a long log is replayed in two halves (split by card id), as
    /// two jobs of `runJobs`; the reviews are then merged back into log order.
    public init(cards: [Card], log: [ReviewLogEntry], replay: CollectionReplay, now: Date,
                runJobs: JobRunner = Jobs.inTurn) {
        self.init(cards: cards, log: log, replay: replay, now: now,
                  shards: log.count >= 50_000 ? 2 : 1, runJobs: runJobs)
    }

    /// As ``init(cards:log:replay:now:runJobs:)`` with a chosen number of shards (1 or 2).
    init(cards: [Card], log: [ReviewLogEntry], replay: CollectionReplay, now: Date, shards: Int,
         runJobs: JobRunner = Jobs.inTurn) {
        let sorted = CollectionReplay.isSorted(log) ? log : log.sorted(by: ReviewLogEntry.order)
        let counted = CollectionReplay.droppingUndone(sorted).counted
        let count = max(1, min(2, shards))
        let capacity = cards.count / count
        let parts = Jobs.map(count, run: runJobs) { shard in
            ReplayShard.run(counted, shard: shard, of: count, replay: replay, capacity: capacity)
        }
        let scheduler = replay.scheduler
        let summaries = cards.map { card in
            StatsCard(card, record: parts[ReplayShard.shard(of: card.id, count: count)].state.record(card.id),
                      scheduler: replay.hasDeckPresets ? replay.scheduler(for: card.id) : scheduler,
                      calendar: replay.calendar, now: now)
        }
        self.init(reviews: ReplayShard.merged(parts), cards: summaries, calendar: replay.calendar,
                  now: now, desiredRetention: scheduler.settings.desiredRetention)
    }
}

/// One shard of a parallel replay: the cards whose id falls in it, their reviews and the
/// positions of those reviews in the log.
private struct ReplayShard: @unchecked Sendable {
    var state: ReplayState
    var reviews: [StatsReview] = []
    var positions: [Int] = []

    static func shard(of card: CardID, count: Int) -> Int {
        Int(truncatingIfNeeded: (card.rawValue >> 17) % UInt64(count))
    }

    static func run(_ log: [ReviewLogEntry], shard: Int, of count: Int, replay: CollectionReplay,
                    capacity: Int) -> ReplayShard {
        var result = ReplayShard(state: ReplayState(replay: replay, capacity: capacity))
        result.reviews.reserveCapacity(log.count / count + 1024)
        result.positions.reserveCapacity(log.count / count + 1024)
        for (position, entry) in log.enumerated()
        where count == 1 || Self.shard(of: entry.card, count: count) == shard {
            if let review = result.state.fold(entry) {
                result.reviews.append(review)
                result.positions.append(position)
            }
        }
        return result
    }

    /// All shards' reviews in log order.
    static func merged(_ parts: [ReplayShard]) -> [StatsReview] {
        guard parts.count == 2 else { return parts.first?.reviews ?? [] }
        let a = parts[0], b = parts[1]
        var out: [StatsReview] = []
        out.reserveCapacity(a.reviews.count + b.reviews.count)
        var i = 0, j = 0
        while i < a.reviews.count || j < b.reviews.count {
            if j == b.reviews.count || (i < a.reviews.count && a.positions[i] < b.positions[j]) {
                out.append(a.reviews[i]); i += 1
            } else {
                out.append(b.reviews[j]); j += 1
            }
        }
        return out
    }
}

/// Card records during a streaming replay, in arrays indexed by a ``CardIDSet``.
struct ReplayState {
    let replay: CollectionReplay
    var index: CardIDSet
    var records: [CardRecord] = []
    /// Study day and time of each card's last counted review (NaN: none yet).
    var lastDay: [Int] = []
    var lastTime: [Double] = []
    var days: DayCache

    init(replay: CollectionReplay, capacity: Int) {
        self.replay = replay
        index = CardIDSet(minimumCapacity: capacity + 1024)
        days = DayCache(calendar: replay.calendar)
    }

    /// Starts from `base` (the records at some point of the log) instead of nothing.
    init(replay: CollectionReplay, base: CardRecords) {
        self.init(replay: replay, capacity: base.count)
        records.reserveCapacity(base.count)
        for (id, record) in base {
            index.insert(id)
            records.append(record)
        }
        lastDay = Array(repeating: 0, count: records.count)
        lastTime = Array(repeating: .nan, count: records.count)
    }

    func record(_ id: CardID) -> CardRecord? {
        index.position(of: id).map { records[$0] }
    }

    /// Applies one counted entry; returns the annotated review for a review entry.
    mutating func fold(_ entry: ReviewLogEntry) -> StatsReview? {
        let (isNew, i) = index.insert(entry.card)
        if isNew {
            records.append(CardRecord(schedule: replay.scheduler.newCard(createdAt: entry.time)))
            lastDay.append(0)
            lastTime.append(.nan)
        }
        guard entry.event == .review, let rating = entry.rating else {
            replay.fold(entry, into: &records[i])
            return nil
        }
        let before = records[i].schedule
        let day = days.day(entry.time)
        let elapsed = before.lastReview.map { elapsedDays(since: $0, card: i, to: entry.time, day: day) }
        let review = StatsReview(
            card: entry.card, time: entry.time, rating: rating, durationMs: entry.durationMs,
            stateBefore: before.state,
            retrievabilityBefore: retrievability(before, of: entry.card, elapsed: elapsed, at: entry.time),
            elapsedDays: max(0, elapsed ?? 0), scheduledDaysBefore: before.scheduledDays)
        replay.fold(entry, into: &records[i])
        lastDay[i] = day
        lastTime[i] = entry.time.timeIntervalSince1970
        return review
    }

    /// Days since `last` as the scheduler counts them, from the cached study days when `last`
    /// is the card's previous review (it always is, unless the log was reset by `forget`).
    private func elapsedDays(since last: Date, card i: Int, to time: Date, day: Int) -> Int {
        let counting = replay.scheduler.counting
        if counting == .studyDays, last.timeIntervalSince1970 == lastTime[i] { return day - lastDay[i] }
        return counting.elapsedDays(from: last, to: time, calendar: replay.calendar)
    }

    private func retrievability(_ card: CardSchedule, of id: CardID, elapsed: Int?, at time: Date) -> Double? {
        if replay.hasDeckPresets {
            return elapsed.flatMap { replay.scheduler(for: id).retrievability(of: card, elapsedDays: $0) }
        }
        switch replay.scheduler.algorithm {
        case .fsrs(let fsrs):
            guard let memory = card.memory, let elapsed else { return nil }
            return fsrs.forgettingCurve(elapsedDays: elapsed, stability: memory.stability)
        case .sm2:
            return replay.scheduler.retrievability(of: card, at: time, calendar: replay.calendar)
        }
    }
}

extension StatsCard {
    /// A card's summary from its deck entry and its replayed record (`nil`: never studied).
    public init(_ card: Card, record: CardRecord?, scheduler: Scheduler, calendar: StudyCalendar,
                now: Date) {
        let schedule = record?.schedule
        let isNew = schedule.map { $0.state == .new } ?? true
        self.init(
            id: card.id, deck: card.deck, tags: card.tags, source: card.source,
            question: card.question, state: schedule?.state ?? .new,
            suspended: record?.suspended ?? false,
            stability: schedule?.memory?.stability, difficulty: schedule?.memory?.difficulty,
            due: isNew ? nil : schedule?.due, lapses: schedule?.lapses ?? 0,
            retrievability: schedule.flatMap {
                scheduler.retrievability(of: $0, at: now, calendar: calendar)
            },
            isLeech: record?.isLeech ?? false,
            buried: record?.isBuried(onDay: calendar.dayNumber(now)) ?? false,
            forgotten: isNew && (record?.reviewCount ?? 0) > 0)
    }
}
