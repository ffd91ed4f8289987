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
        // Each deck's cards (by index, in card order), then each deck with its parents.
        var byDeck: [String: [Int]] = [:]
        var runStart = 0  // a deck file's cards come together: one lookup per run of a deck
        for i in cards.indices where i + 1 == cards.count || cards[i + 1].deck != cards[i].deck {
            byDeck[cards[i].deck, default: []] += runStart...i
            runStart = i + 1
        }
        var subtreeIndexes: [String: [Int]] = [:]
        for (deck, indexes) in byDeck {
            var name = Substring(deck)
            while true {
                if wanted?.contains(String(name)) ?? true { subtreeIndexes[String(name), default: []] += indexes }
                guard let parent = parentDeck(of: name) else { break }
                name = parent
            }
        }
        let subtrees = subtreeIndexes.mapValues { indexes in indexes.sorted().map { cards[$0] } }
        let context = Queue.Context(collection: cards, records: records, settings: settings,
                                    calendar: calendar, now: now)
        var out: [String: QueueCounts] = [:]
        for (name, subtree) in subtrees {
            out[name] = QueueCounts(Queue(cards: subtree, records: records, context: context))
        }
        for name in wanted ?? [] where out[name] == nil { out[name] = QueueCounts() }
        return out
    }

    /// The deck `name` is a sub-deck of: what comes before its last `::`, if it has one.
    static func parentDeck(of name: Substring) -> Substring? {
        let bytes = name.utf8
        var i = bytes.endIndex
        while i > bytes.startIndex {
            let previous = bytes.index(before: i)
            if bytes[previous] == 0x3A, previous > bytes.startIndex, bytes[bytes.index(before: previous)] == 0x3A {
                return name[..<bytes.index(before: previous)]
            }
            i = previous
        }
        return nil
    }
}
