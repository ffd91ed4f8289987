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
    /// respect its limits), keyed by full deck name; only for `decks` when given.
    ///
    /// The collection-wide part (notes studied today, limits spent) is computed once, and
    /// each deck's queue covers only its own subtree: the cost is cards × deck depth.
    public static func perDeck(cards: [Card], records: CardRecords,
                               settings: CollectionSettings, calendar: StudyCalendar,
                               now: Date, decks: [String]? = nil) -> [String: QueueCounts] {
        let wanted = decks.map(Set.init)
        var subtrees: [String: [Card]] = [:]
        for card in cards {
            var name = Substring(card.deck)
            while true {
                if wanted?.contains(String(name)) ?? true { subtrees[String(name), default: []].append(card) }
                guard let cut = name.range(of: "::", options: .backwards) else { break }
                name = name[..<cut.lowerBound]
            }
        }
        let context = Queue.Context(collection: cards, records: records, settings: settings,
                                    calendar: calendar, now: now)
        var out: [String: QueueCounts] = [:]
        for (name, subtree) in subtrees {
            out[name] = QueueCounts(Queue(cards: subtree, records: records, context: context))
        }
        for name in wanted ?? [] where out[name] == nil { out[name] = QueueCounts() }
        return out
    }
}
