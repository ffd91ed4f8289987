/// Finds cards that share an id across a collection.
public enum DuplicateCards {
    /// Keeps the first card of each id, in order, and returns a warning at every later one
    /// pointing at the first.
    public static func removeDuplicates(_ cards: [Card]) -> (cards: [Card], diagnostics: [Diagnostic]) {
        var remover = Remover(expectedCount: cards.count)
        remover.add(cards)  // a copy: the caller's array is left as it was
        return (remover.cards, remover.diagnostics)
    }

    /// Removes duplicates from cards added in several parts (such as one per deck file),
    /// as ``removeDuplicates(_:)`` does for all of them at once.
    public struct Remover: Sendable {
        /// The first card of each id, in the order added.
        public private(set) var cards: [Card] = []
        /// A warning at each card left out.
        public private(set) var diagnostics: [Diagnostic] = []
        private var seen: CardIDSet

        public init(expectedCount: Int) {
            cards.reserveCapacity(expectedCount)
            seen = CardIDSet(minimumCapacity: expectedCount)
        }

        public mutating func add(_ more: consuming [Card]) {
            // The cards kept are moved out of `more` rather than copied (copying retains five
            // strings and arrays per card, and freeing `more` would release them again); each
            // slot left behind gets an empty card, so that `more` still frees cleanly.
            let hole = Card(id: CardID(rawValue: 0), noteID: CardID(rawValue: 0), deck: "", question: "", answer: "",
                            tags: [], source: SourceLocation(file: "", line: 0), kind: .basic)
            cards.reserveCapacity(cards.count + more.count)
            more.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for i in buffer.indices {
                    let id = buffer[i].id
                    if seen.insert(id) {
                        cards.append((base + i).move())
                        (base + i).initialize(to: hole)
                    } else if let first = seen.position(of: id) {
                        diagnostics.append(warning(buffer[i], original: cards[first]))
                    }
                }
            }
        }
    }

    private static func warning(_ card: Card, original: Card) -> Diagnostic {
        let what: String
        switch card.kind {
        case .basic: what = "card"
        case .reversed: what = "reversed card"
        case .cloze(let n): what = "cloze c\(n)"
        }
        return .warning("duplicate \(what) '\(Quote.short(card.question))'", at: card.source, notes: [
            "the same \(what) is at \(original.source); cards whose question sides differ only in case "
                + "or spacing are the same card, so this one is skipped",
        ])
    }
}
