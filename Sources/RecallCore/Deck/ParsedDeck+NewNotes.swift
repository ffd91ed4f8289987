extension ParsedDeck {
    /// The notes none of whose cards are in `known` (nor made by an earlier note of this deck),
    /// how many cards they make and how many cards were left out, as `recall import` needs.
    /// Works from the notes alone (``cards`` may be empty: see `makingCards`).
    public func newNotes(known: CardIDSet) -> (notes: [DeckNote], added: Int, skipped: Int) {
        var seen = known
        seen.reserveCapacity(known.count + notes.count)
        // The notes kept, made only once a note is left out (until then: all of `notes`).
        var kept: [DeckNote]?
        var added = 0
        var skipped = 0
        var ids: [CardID] = []
        notes.withUnsafeBufferPointer { notes in
            for i in notes.indices {
                ids.removeAll(keepingCapacity: true)
                notes[i].appendCardIDs(to: &ids)
                if ids.contains(where: { seen.contains($0) }) {
                    if kept == nil {
                        kept = Array(notes[..<i])
                        kept?.reserveCapacity(notes.count)
                    }
                    skipped += ids.count
                } else {
                    for id in ids { seen.insert(id) }
                    kept?.append(notes[i])
                    added += ids.count
                }
            }
        }
        return (kept ?? notes, added, skipped)
    }
}
