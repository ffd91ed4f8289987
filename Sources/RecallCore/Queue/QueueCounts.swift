import Foundation

/// How many cards a deck has for today: new, in learning, and reviews due.
public struct QueueCounts: Hashable, Sendable {
    public var new: Int
    /// Learning cards due today (now or later today).
    public var learning: Int
    public var review: Int

    public init(new: Int = 0, learning: Int = 0, review: Int = 0) {
        self.new = new
        self.learning = learning
        self.review = review
    }

    /// The counts of a built queue.
    public init(_ queue: Queue) {
        self.init()
        for item in queue.items {
            switch item.kind {
            case .new: new += 1
            case .learning: learning += 1
            case .review: review += 1
            }
        }
        learning += queue.learnAhead.count + queue.laterToday.count
    }

    /// Counts for each deck and each parent deck (a deck's counts include its subdecks and
    /// respect its limits), keyed by full deck name.
    public static func perDeck(cards: [Card], records: [CardID: CardRecord],
                               settings: CollectionSettings, calendar: StudyCalendar,
                               now: Date) -> [String: QueueCounts] {
        var names = Set<String>()
        for card in cards {
            var parts = card.deck.components(separatedBy: "::")
            while !parts.isEmpty {
                names.insert(parts.joined(separator: "::"))
                parts.removeLast()
            }
        }
        var out: [String: QueueCounts] = [:]
        for name in names {
            let subtree = cards.filter { $0.deck == name || $0.deck.hasPrefix(name + "::") }
            out[name] = QueueCounts(Queue(cards: subtree, records: records, settings: settings,
                                          calendar: calendar, now: now, collection: cards))
        }
        return out
    }
}
