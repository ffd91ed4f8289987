/// One flashcard: a question side and an answer side, made from a note in a deck file.
public struct Card: Hashable, Sendable {
    /// How the card was made from its note.
    public enum Kind: Hashable, Sendable {
        /// Question to answer, as written.
        case basic
        /// The answer-to-question direction of a two-way (`:::`) note.
        case reversed
        /// Cloze deletion number `n` (`{{cN::…}}`) of a cloze note.
        case cloze(Int)
    }

    public var id: CardID
    /// Cards made from the same note share this id; they are siblings and are not shown on
    /// the same day.
    public var noteID: CardID
    /// Full deck name with `::` between levels, e.g. `History::Gaza`.
    public var deck: String
    public var question: String
    public var answer: String
    /// Tags without the leading `#`, in the order written, without duplicates.
    public var tags: [String]
    public var source: SourceLocation
    public var kind: Kind

    public init(id: CardID, noteID: CardID, deck: String, question: String, answer: String,
                tags: [String], source: SourceLocation, kind: Kind) {
        self.id = id
        self.noteID = noteID
        self.deck = deck
        self.question = question
        self.answer = answer
        self.tags = tags
        self.source = source
        self.kind = kind
    }

    /// The identifying fields of a card, hashed into its ``CardID``: the question side
    /// (for a cloze, the note's full cloze text), the cloze number and the direction.
    /// Same value as `CardID(fields: ["q", questionSide])` (`"r"` for reversed, and
    /// `["c", questionSide, String(n)]` for a cloze), without building the array.
    public static func makeID(questionSide: String, kind: Kind) -> CardID {
        var hasher = StableHasher()
        switch kind {
        case .basic: CardIDFastPath.combineTag(0x71, into: &hasher)  // "q"
        case .reversed: CardIDFastPath.combineTag(0x72, into: &hasher)  // "r"
        case .cloze(let n): return clozeID(prefix: clozePrefix(questionSide), number: n)
        }
        CardIDFastPath.combineNormalized(questionSide, into: &hasher)
        return CardID(rawValue: hasher.value)
    }

    /// The hash state after the fields `"c"` and `text` of a cloze note, shared by its cards.
    static func clozePrefix(_ text: String) -> StableHasher {
        var hasher = StableHasher()
        CardIDFastPath.combineTag(0x63, into: &hasher)  // "c"
        CardIDFastPath.combineNormalized(text, into: &hasher)
        return hasher
    }

    /// The id of cloze `number` (0 for the note's own id) from ``clozePrefix(_:)``.
    static func clozeID(prefix: StableHasher, number: Int) -> CardID {
        var hasher = prefix
        CardIDFastPath.combineNormalized(String(number), into: &hasher)
        return CardID(rawValue: hasher.value)
    }
}
