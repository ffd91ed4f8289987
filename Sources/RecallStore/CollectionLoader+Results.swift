import RecallCore

/// One deck and how many cards it holds (its own cards, not its sub-decks').
public struct DeckSummary: Hashable, Sendable {
    /// Full deck name, `::` between levels.
    public var name: String
    public var cardCount: Int

    public init(name: String, cardCount: Int) {
        self.name = name
        self.cardCount = cardCount
    }
}

/// Everything read from a collection (or from explicit paths): its cards without
/// duplicates, every problem found, and its decks.
public struct LoadedCollection: Sendable {
    /// Every card in file order (folders and files sorted by name); later duplicates dropped.
    public var cards: [Card]
    /// Problems in file order; duplicate-card warnings come last.
    public var diagnostics: [Diagnostic]
    /// Every deck, sorted by name, including declared decks with no cards.
    public var decks: [DeckSummary]
    /// The deck files read, as shown in diagnostics.
    public var files: [String]

    public init(cards: [Card], diagnostics: [Diagnostic], decks: [DeckSummary], files: [String]) {
        self.cards = cards
        self.diagnostics = diagnostics
        self.decks = decks
        self.files = files
    }

    /// Warnings about the collection's files and folders themselves rather than their text:
    /// a link out of the collection, a name that is not UTF-8, folders nested too deep, a
    /// file that is not a regular file. Every command shows these (not only `check`).
    public var collectionWarnings: [Diagnostic] {
        diagnostics.filter { $0.severity == .warning && $0.location == nil }
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}
