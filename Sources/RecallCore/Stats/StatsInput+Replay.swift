import Foundation

extension StatsInput {
    /// Builds the stats input by replaying the whole review log through `replay` once,
    /// noting for each counted review what the scheduler knew just before it.
    ///
    /// Gives the same reviews as ``CollectionReplay/replay(_:annotate:)`` with `annotate`, but
    /// streams: no per-review annotation records, and study days come from a cache instead of
    /// a time-zone lookup per review. Cards in the decks that the log never mentions are new;
    /// reviews of cards no longer in any deck are kept (they count when nothing is selected).
    public init(cards: [Card], log: [ReviewLogEntry], replay: CollectionReplay, now: Date) {
        var state = ReplayState(replay: replay, capacity: cards.count)
        let sorted = CollectionReplay.isSorted(log) ? log : log.sorted(by: ReviewLogEntry.order)
        let counted = CollectionReplay.droppingUndone(sorted).counted
        var reviews: [StatsReview] = []
        reviews.reserveCapacity(counted.count)
        for entry in counted {
            if let review = state.fold(entry) { reviews.append(review) }
        }
        let scheduler = replay.scheduler
        let summaries = cards.map { card in
            StatsCard(card, record: state.record(card.id), scheduler: scheduler,
                      calendar: replay.calendar, now: now)
        }
        self.init(reviews: reviews, cards: summaries, calendar: replay.calendar, now: now,
                  desiredRetention: scheduler.settings.desiredRetention)
    }
}

/// Card records during a streaming replay, in arrays indexed by a ``CardIndexTable``.
private struct ReplayState {
    let replay: CollectionReplay
    var index: CardIndexTable
    var records: [CardRecord] = []
    /// Study day and time of each card's last counted review (NaN: none yet).
    var lastDay: [Int] = []
    var lastTime: [Double] = []
    var days: DayCache

    init(replay: CollectionReplay, capacity: Int) {
        self.replay = replay
        index = CardIndexTable(capacity: capacity + 1024)
        days = DayCache(calendar: replay.calendar)
    }

    func record(_ id: CardID) -> CardRecord? {
        index.existingIndex(of: id).map { records[$0] }
    }

    /// Applies one counted entry; returns the annotated review for a review entry.
    mutating func fold(_ entry: ReviewLogEntry) -> StatsReview? {
        let (i, isNew) = index.index(of: entry.card)
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
            retrievabilityBefore: retrievability(before, elapsed: elapsed, at: entry.time),
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

    private func retrievability(_ card: CardSchedule, elapsed: Int?, at time: Date) -> Double? {
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
            })
    }
}
