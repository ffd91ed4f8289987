/// What parsing one deck file gives: its notes, their cards and every problem found.
public struct ParsedDeck: Sendable {
    public var notes: [DeckNote]
    /// The cards of ``notes`` in file order.
    public var cards: [Card]
    /// Every problem in the file, in line order; parsing does not stop at the first.
    public var diagnostics: [Diagnostic]
    /// Every deck name the file declares (its own deck and any heading sub-decks), in order,
    /// including decks that ended up with no cards.
    public var decks: [String]

    public init(notes: [DeckNote], file: String, diagnostics: [Diagnostic], decks: [String]) {
        self.notes = notes
        var cards: [Card] = []
        cards.reserveCapacity(notes.count)
        for note in notes { cards.append(contentsOf: note.cards(file: file)) }
        self.cards = cards
        self.diagnostics = diagnostics
        self.decks = decks
    }

    /// `true` when some diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
