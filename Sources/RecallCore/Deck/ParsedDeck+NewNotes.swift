extension ParsedDeck {
    /// The notes none of whose cards are in `known` (nor made by an earlier note of this deck),
    /// how many cards they make and how many cards were left out, as `recall import` needs.
    public func newNotes(known: CardIDSet) -> (notes: [DeckNote], added: Int, skipped: Int) {
        let counts = notes.map(\.cardCount)
        // `cards` holds each note's cards in order, as the parsers make them; rebuilt if not.
        let cards = counts.reduce(0, +) == self.cards.count ? self.cards : notes.flatMap { $0.cards(file: "") }
        var seen = known
        var kept: [DeckNote] = []
        kept.reserveCapacity(notes.count)
        var added = 0
        var skipped = 0
        var next = 0
        for (i, note) in notes.enumerated() {
            let own = cards[next..<(next + counts[i])]
            next += counts[i]
            if own.contains(where: { seen.contains($0.id) }) {
                skipped += own.count
            } else {
                for card in own { seen.insert(card.id) }
                kept.append(note)
                added += own.count
            }
        }
        return (kept, added, skipped)
    }
}
