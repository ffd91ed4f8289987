import Testing
@testable import RecallCore

@Suite struct CardIDSetTests {
    /// Against `Set`: membership, insertion positions and growing from the smallest table.
    @Test func matchesASet() {
        var generator = SplitMix64(seed: 7)
        var set = CardIDSet()
        var reference: [UInt64: Int] = [:]
        var values: [UInt64] = []
        for step in 0..<20_000 {
            // Some repeats, some zero ids, mostly new ones.
            let value = step % 7 == 3 && !values.isEmpty ? values[Int(generator.next() % UInt64(values.count))]
                : step % 1000 == 0 ? 0 : generator.next()
            let inserted = set.insert(CardID(rawValue: value))
            #expect(inserted == (reference[value] == nil))
            if reference[value] == nil {
                reference[value] = reference.count
                values.append(value)
            }
        }
        #expect(set.count == reference.count)
        for (value, position) in reference {
            #expect(set.position(of: CardID(rawValue: value)) == position)
        }
        for _ in 0..<1000 {
            let value = generator.next()
            #expect(set.contains(CardID(rawValue: value)) == (reference[value] != nil))
        }
    }

    @Test func reservingKeepsTheContents() {
        var set = CardIDSet()
        for value: UInt64 in 1...40 { set.insert(CardID(rawValue: value * 0x1_0000_0000)) }
        set.reserveCapacity(10_000)
        #expect(set.count == 40)
        #expect((1...40).allSatisfy { set.position(of: CardID(rawValue: UInt64($0) * 0x1_0000_0000)) == $0 - 1 })
        #expect(!set.contains(CardID(rawValue: 41 * 0x1_0000_0000)))
    }
}

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
}
