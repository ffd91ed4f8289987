import Testing
@testable import RecallCore

/// `recall import`'s choice of notes, from a deck parsed with and without its cards.
@Suite struct DeckNewNotesTests {
    private let text = """
        a :: 1
        b ::: 2
        {{c1::c}} and {{c2::d}}
        A :: again, a duplicate of the first
        e :: 5
        {{c2::x}} {{c1::y}}
        """

    @Test(arguments: [true, false])
    func newNotes(makingCards: Bool) {
        let deck = DeckParser.parse(bytes: Array(text.utf8), file: "x.md", deck: "X", format: .markdown,
                                    makingCards: makingCards)
        #expect(deck.cards.isEmpty == !makingCards)
        #expect(deck.notes.count == 6)
        var known = CardIDSet()
        known.insert(Card.makeID(questionSide: "2", kind: .reversed))      // b's reversed card
        known.insert(Card.makeID(questionSide: "{{c2::x}} {{c1::y}}", kind: .cloze(2)))
        let (notes, added, skipped) = deck.newNotes(known: known)
        #expect(notes.map(\.line) == [1, 3, 5])
        #expect(added == 4)
        #expect(skipped == 2 + 1 + 2)
        #expect(deck.newNotes(known: CardIDSet()).added == 1 + 2 + 2 + 1 + 2)
    }

    @Test func notesOnlyParseKeepsNotesAndProblems() {
        let bytes = Array("Q: a\n\n---\nq :: a\n{{c1::x\n".utf8)
        let full = DeckParser.parse(bytes: bytes, file: "x.md", deck: "X", format: .markdown)
        let lean = DeckParser.parse(bytes: bytes, file: "x.md", deck: "X", format: .markdown, makingCards: false)
        #expect(lean.notes == full.notes)
        #expect(lean.diagnostics == full.diagnostics)
        #expect(lean.cards.isEmpty && full.cards.count == 1)
        #expect(full.notes.flatMap(\.cardIDs) == full.cards.map(\.id))
    }

    @Test(arguments: [(DeckFormat.markdown, "q :: a\n## Sub\nQ:\nA: x\n"), (.plain, "q\na\n-\nonly\n"),
                      (.delimited(defaultSeparator: 0x09), "#deck column:3\nq\ta\tOther\nr\tb\t\n"),
                      (.markdown, "# Title only\n")])
    func cardsOnlyParseKeepsCardsDecksAndProblems(format: DeckFormat, text: String) {
        let bytes = Array(text.utf8)
        let full = DeckParser.parse(bytes: bytes, file: "x", deck: "X", format: format)
        let cards = DeckParser.parse(bytes: bytes, file: "x", deck: "X", format: format, keepingNotes: false)
        #expect(cards.notes.isEmpty)
        #expect(cards.cards == full.cards)
        #expect(cards.diagnostics == full.diagnostics)
        #expect(cards.decks == full.decks)
    }
}
