extension ParsedDeck {
    /// A deck file's parse result as kept by a cache of earlier parses: the cards and the
    /// declared decks of a file that had no problems (its notes are not kept).
    public init(cachedCards cards: [Card], decks: [String]) {
        self.init(notes: [], cards: cards, diagnostics: [], decks: decks)
    }
}
