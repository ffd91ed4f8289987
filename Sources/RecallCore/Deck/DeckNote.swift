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
        let source = SourceLocation(file: file, line: line)
        func card(_ id: CardID, _ noteID: CardID, _ q: String, _ a: String, _ kind: Card.Kind) -> Card {
            Card(id: id, noteID: noteID, deck: deck, question: q, answer: a, tags: tags,
                 source: source, kind: kind)
        }
        switch content {
        case let .basic(question, answer):
            let id = Card.makeID(questionSide: question, kind: .basic)
            return [card(id, id, question, answer, .basic)]
        case let .twoWay(question, answer):
            let id = Card.makeID(questionSide: question, kind: .basic)
            let back = Card.makeID(questionSide: answer, kind: .reversed)
            return [card(id, id, question, answer, .basic), card(back, id, answer, question, .reversed)]
        case let .cloze(text):
            let noteID = Card.makeID(questionSide: text.raw, kind: .cloze(0))
            return text.numbers.map { n in
                card(Card.makeID(questionSide: text.raw, kind: .cloze(n)), noteID,
                     text.question(for: n), text.answer, .cloze(n))
            }
        }
    }
}
