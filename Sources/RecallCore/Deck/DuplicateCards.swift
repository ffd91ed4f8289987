/// Finds cards that share an id across a collection.
public enum DuplicateCards {
    /// Keeps the first card of each id, in order, and returns a warning at every later one
    /// pointing at the first.
    public static func removeDuplicates(_ cards: [Card]) -> (cards: [Card], diagnostics: [Diagnostic]) {
        var first: [CardID: Int] = [:]
        first.reserveCapacity(cards.count)
        var kept: [Card] = []
        kept.reserveCapacity(cards.count)
        var diagnostics: [Diagnostic] = []
        for card in cards {
            if let index = first[card.id] {
                diagnostics.append(warning(card, original: kept[index]))
            } else {
                first[card.id] = kept.count
                kept.append(card)
            }
        }
        return (kept, diagnostics)
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
