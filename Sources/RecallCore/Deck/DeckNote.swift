/// One note as written in a deck file; each note makes one or more ``Card``s.
///
/// Kept next to the cards so that `recall import` can write notes back out as Markdown.
public struct DeckNote: Hashable, Sendable {
    /// What was written.
    public enum Content: Hashable, Sendable {
        /// A question and its answer (one card).
        case basic(question: String, answer: String)
        /// `question ::: answer`: one card in each direction.
        case twoWay(question: String, answer: String)
        /// Text with `{{cN::…}}` deletions: one card per cloze number.
        case cloze(ClozeText)
    }

    public var content: Content
    /// Full deck name, `::` between levels.
    public var deck: String
    public var tags: [String]
    /// 1-based line where the note starts.
    public var line: Int

    public init(content: Content, deck: String, tags: [String], line: Int) {
        self.content = content
        self.deck = deck
        self.tags = tags
        self.line = line
    }

    /// The cards this note makes, in order; `file` is used for each card's source.
    public func cards(file: String) -> [Card] {
        var cards: [Card] = []
        appendCards(to: &cards, file: file)
        return cards
    }

    /// How many cards this note makes.
    public var cardCount: Int {
        switch content {
        case .basic: return 1
        case .twoWay: return 2
        case .cloze(let text): return text.numbers.count
        }
    }

    /// The ids of ``cards(file:)``, in order, without making the cards.
    public var cardIDs: [CardID] {
        var ids: [CardID] = []
        appendCardIDs(to: &ids)
        return ids
    }

    /// Appends ``cardIDs`` to `ids`.
    func appendCardIDs(to ids: inout [CardID]) {
        switch content {
        case let .basic(question, _):
            ids.append(Card.makeID(questionSide: question, kind: .basic))
        case let .twoWay(question, answer):
            ids.append(Card.makeID(questionSide: question, kind: .basic))
            ids.append(Card.makeID(questionSide: answer, kind: .reversed))
        case let .cloze(text):
            let prefix = Card.clozePrefix(text.raw)
            for n in text.numbers { ids.append(Card.clozeID(prefix: prefix, number: n)) }
        }
    }

    /// Appends the cards of ``cards(file:)`` to `cards`, without an array per note.
    func appendCards(to cards: inout [Card], file: String) {
        let source = SourceLocation(file: file, line: line)
        switch content {
        case let .basic(question, answer):
            let id = Card.makeID(questionSide: question, kind: .basic)
            cards.append(Card(id: id, noteID: id, deck: deck, question: question, answer: answer, tags: tags,
                              source: source, kind: .basic))
        case let .twoWay(question, answer):
            let id = Card.makeID(questionSide: question, kind: .basic)
            let back = Card.makeID(questionSide: answer, kind: .reversed)
            cards.append(Card(id: id, noteID: id, deck: deck, question: question, answer: answer, tags: tags,
                              source: source, kind: .basic))
            cards.append(Card(id: back, noteID: id, deck: deck, question: answer, answer: question, tags: tags,
                              source: source, kind: .reversed))
        case let .cloze(text):
            let prefix = Card.clozePrefix(text.raw)
            let noteID = Card.clozeID(prefix: prefix, number: 0)
            let answer = text.answer
            for n in text.numbers {
                cards.append(Card(id: Card.clozeID(prefix: prefix, number: n), noteID: noteID, deck: deck,
                                  question: text.question(for: n), answer: answer, tags: tags, source: source,
                                  kind: .cloze(n)))
            }
        }
    }
}
