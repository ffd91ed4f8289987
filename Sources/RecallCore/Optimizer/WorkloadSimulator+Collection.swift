import Foundation

extension WorkloadSimulator {
    /// A simulator that starts from a collection: its studied cards among `cards` (the deck
    /// cards; suspended ones are left out) with their memory states and due days, its new
    /// cards, its daily limits and maximum interval, its parameters (a deck's own for its
    /// cards) and the learner's `behaviour`. Days are study days of `calendar` from `now`.
    public init(settings: CollectionSettings, cards: [Card], records: CardRecords, behaviour: ReviewBehaviour,
                calendar: StudyCalendar, now: Date) {
        self.init(parameters: settings.parameters)
        let decks = settings.deckParameters.keys.sorted()
        otherParameters = decks.compactMap { settings.deckParameters[$0]?.parameters }
        var parameterSet: [CardID: Int] = [:]
        for (index, deck) in decks.enumerated() {
            for card in settings.deckParameters[deck]?.cards ?? [] { parameterSet[card] = index + 1 }
        }
        let today = calendar.dayNumber(now)
        var fresh = 0
        for card in cards {
            guard let record = records[card.id], record.schedule.state != .new else { fresh += 1; continue }
            guard !record.suspended, let memory = record.schedule.memory else { continue }
            let last = record.schedule.lastReview.map(calendar.dayNumber) ?? today
            start.append(StartingCard(stability: memory.stability, difficulty: memory.difficulty,
                                      lastReviewDay: min(last - today, 0), dueDay: calendar.dayNumber(record.schedule.due) - today,
                                      parameterSet: parameterSet[card.id] ?? 0))
        }
        self.cards = fresh
        newPerDay = settings.newPerDay
        reviewsPerDay = settings.reviewsPerDay
        maximumInterval = settings.maximumInterval
        costs = behaviour.costs
        ratings = behaviour.ratings
    }
}
