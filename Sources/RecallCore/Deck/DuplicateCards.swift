/// Finds cards that share an id across a collection.
public enum DuplicateCards {
    /// Keeps the first card of each id, in order, and returns a warning at every later one
    /// pointing at the first.
    public static func removeDuplicates(_ cards: [Card]) -> (cards: [Card], diagnostics: [Diagnostic]) {
        var kept = cards  // a copy: the caller's array is left as it was
        let diagnostics = removeDuplicates(from: &kept)
        return (kept, diagnostics)
    }

    /// Removes from `cards`, in place, every card whose id an earlier card has; returns a
    /// warning at each card removed, pointing at the first.
    ///
    /// The cards kept only move within the array (no second array, no copies); a collection
    /// without duplicates is just checked.
    public static func removeDuplicates(from cards: inout [Card]) -> [Diagnostic] {
        var seen = CardIDSet(minimumCapacity: cards.count)
        var diagnostics: [Diagnostic] = []
        var kept = 0
        cards.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices {
                let id = buffer[i].id
                if seen.insert(id).inserted {
                    // Cards between `kept` and `i` are duplicates: swap this one before them.
                    if kept != i { buffer.swapAt(kept, i) }
                    kept += 1
                } else if let first = seen.position(of: id) {
                    diagnostics.append(warning(buffer[i], original: buffer[first]))
                }
            }
        }
        cards.removeLast(cards.count - kept)
        return diagnostics
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
