import Foundation

extension StatsInput {
    /// Builds the stats input from the collection's cards and a replay of its review log made
    /// with `annotate: true`.
    ///
    /// Cards in the decks that the log never mentions are new. Reviews of cards no longer in
    /// any deck are kept (they count when no deck or tag is selected).
    public init(cards: [Card], replay: CollectionReplay.Result, scheduler: Scheduler,
                calendar: StudyCalendar, now: Date) {
        var reviews: [StatsReview] = []
        reviews.reserveCapacity(replay.reviews.count)
        for record in replay.reviews {
            guard let rating = record.entry.rating else { continue }
            reviews.append(StatsReview(
                card: record.entry.card, time: record.entry.time, rating: rating,
                durationMs: record.entry.durationMs, stateBefore: record.stateBefore.state,
                retrievabilityBefore: record.retrievabilityBefore,
                elapsedDays: max(0, record.elapsedDays ?? 0),
                scheduledDaysBefore: record.scheduledDaysBefore))
        }
        let summaries = cards.map { card in
            StatsCard(card, record: replay.records[card.id], scheduler: scheduler,
                      calendar: calendar, now: now)
        }
        self.init(reviews: reviews, cards: summaries, calendar: calendar, now: now,
                  desiredRetention: scheduler.settings.desiredRetention)
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
