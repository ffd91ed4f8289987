import Foundation

extension WorkloadSimulator {
    /// A simulator that starts from a collection: its studied cards among `cards` (the deck
    /// cards; suspended ones are left out) with their memory states and due days, its new
    /// cards, its daily limits and maximum interval, its parameters (a deck's own for its
    /// cards) and the learner's `behaviour`. Days are study days of `calendar` from `now`.
    public init(settings: CollectionSettings, cards: [Card], records: CardRecords, behaviour: ReviewBehaviour,
                calendar: StudyCalendar, now: Date) {
        self.init(parameters: settings.parameters)
        let decks = settings.deckPresets.filter { $0.value.parameters != nil }.keys.sorted()
        otherParameters = decks.compactMap { settings.deckPresets[$0]?.parameters }
        let setOf = Dictionary(uniqueKeysWithValues: decks.enumerated().map { ($1, $0 + 1) })
        var parameterSet: [CardID: Int] = [:]
        // A preset's cards take the parameters of the nearest deck that has some.
        for (deck, preset) in settings.deckPresets where !preset.cards.isEmpty {
            guard let source = settings.deckWithParameters(containing: deck), let set = setOf[source] else { continue }
            for card in preset.cards { parameterSet[card] = set }
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
