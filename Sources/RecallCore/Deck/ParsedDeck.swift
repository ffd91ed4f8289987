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
        for note in notes { note.appendCards(to: &cards, file: file) }
        self.cards = cards
        self.diagnostics = diagnostics
        self.decks = decks
    }

    /// Notes with their cards already made (in order), as the parsers build them.
    init(notes: [DeckNote], cards: [Card], diagnostics: [Diagnostic], decks: [String]) {
        self.notes = notes
        self.cards = cards
        self.diagnostics = diagnostics
        self.decks = decks
    }

    /// `true` when some diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Collects a parser's notes, making each note's cards as it is added, and its diagnostics.
struct ParsedDeckBuilder {
    /// The path used for each card's source.
    let file: String
    private(set) var notes: [DeckNote] = []
    private(set) var cards: [Card] = []
    var diagnostics: [Diagnostic] = []

    /// `false`: notes only, ``cards`` stays empty.
    let makingCards: Bool
    /// `false`: cards only, ``notes`` stays empty.
    let keepingNotes: Bool

    init(file: String, makingCards: Bool = true, keepingNotes: Bool = true) {
        self.file = file
        self.makingCards = makingCards
        self.keepingNotes = keepingNotes
    }

    /// Makes room for about `count` notes.
    mutating func reserveCapacity(_ count: Int) {
        if keepingNotes { notes.reserveCapacity(count) }
        if makingCards { cards.reserveCapacity(count) }
    }

    mutating func add(_ note: consuming DeckNote) {
        if makingCards { note.appendCards(to: &cards, file: file) }
        if keepingNotes { notes.append(note) }
    }

    var noteCount: Int { notes.count }

    consuming func finish(decks: [String]) -> ParsedDeck {
        ParsedDeck(notes: notes, cards: cards, diagnostics: diagnostics, decks: decks)
    }
}
