import Testing
@testable import RecallCore

@Suite struct DeckWriterTests {
    /// Writes the notes of `deck` as Markdown and parses the result again.
    private func roundTrip(_ deck: ParsedDeck, name: String) -> (text: String, back: ParsedDeck) {
        let text = MarkdownDeckWriter.render(deck.notes, deck: name)
        return (text, parseDeck(text, .markdown, file: "out.md", deck: name))
    }

    private func same(_ a: [Card], _ b: [Card]) -> Bool {
        a.map { [$0.id.description, $0.noteID.description, $0.deck, $0.question, $0.answer, $0.tags.joined(separator: ",")] }
            == b.map { [$0.id.description, $0.noteID.description, $0.deck, $0.question, $0.answer, $0.tags.joined(separator: ",")] }
    }

    @Test func plainDeckRoundTrip() {
        let text = """
            Simple question?
            Simple answer
            -
            Q: looks like a marker
            A: so does this

            # and this
            ---
            tags: too
            ```
            an unbalanced fence
            -
            Has :: double colons
            \\ starts with a backslash
            -
            Indented answer
               four spaces first
            second line
            -
            - a list-looking question
            {{c1::not a cloze here}}
            """
        let deck = parseDeck(text, .plain, deck: "Out")
        #expect(deck.cards.count == 5)
        let (written, back) = roundTrip(deck, name: "Out")
        #expect(back.diagnostics.isEmpty, "\(written)")
        #expect(same(deck.cards, back.cards), "\(written)")
    }

    @Test func markdownRoundTripKeepsDecksTagsClozesAndDirections() {
        let text = """
            ---
            tags: [lang]
            ---
            top :: level
            tags: #x
            Paris ::: France
            ## Closures
            {{c1::Trailing}} closures follow the {{c2::call::where?}}
            Q: multi
            line
            A: answer

            with paragraphs
            tags:
            after :: block
            ### Capture
            weak :: self
            """
        let deck = parseDeck(text, .markdown, file: "Swift.md", deck: "Swift")
        #expect(deck.diagnostics.isEmpty)
        let (written, back) = roundTrip(deck, name: "Swift")
        #expect(back.diagnostics.isEmpty, "\(written)")
        #expect(same(deck.cards, back.cards), "\(written)")
    }

    @Test func delimitedRoundTripWithForeignDecks() {
        let text = "#deck column:3\n#tags column:4\n\"multi\nline q\"\tans\tOther::Deck\tt1 t2\nq2\ta2\t\t\n"
        let deck = parseDeck(text, DeckFormat(fileExtension: "tsv") ?? .plain, file: "x.tsv", deck: "Mine")
        #expect(deck.diagnostics.isEmpty)
        let (written, back) = roundTrip(deck, name: "Mine")
        // Cards of the file's own deck come first, then one heading per other deck.
        #expect(back.cards.map(\.deck) == ["Mine", "Mine::Other::Deck"])
        #expect(back.cards.map(\.question) == ["q2", "multi\nline q"], "\(written)")
        #expect(back.cards.map(\.tags) == [[], ["t1", "t2"]])
        #expect(Set(back.cards.map(\.id)) == Set(deck.cards.map(\.id)))
    }

    @Test func writtenFormIsReadable() {
        let deck = parseDeck("q1\na1\n-\nq2\nline 1\nline 2\n-\nq3\na3\n", .plain, deck: "D")
        #expect(MarkdownDeckWriter.render(deck.notes, deck: "D") == """
            q1 :: a1
            Q: q2
            A: line 1
            line 2

            ---
            q3 :: a3

            """)
    }

    @Test func duplicatesAcrossFiles() {
        let a = parseDeck("What is FSRS?\nA scheduler\n", .plain, file: "a.txt", deck: "A")
        let b = parseDeck("what  is fsrs?\nSomething else\n-\nnew\ncard\n", .plain, file: "b.txt", deck: "B")
        let (cards, warnings) = DuplicateCards.removeDuplicates(a.cards + b.cards)
        #expect(cards.map(\.question) == ["What is FSRS?", "new"])
        #expect(warnings.map(\.rendered) == [
            """
            b.txt:1: warning: duplicate card 'what  is fsrs?'
            note: the same card is at a.txt:1; cards whose question sides differ only in case or spacing are the same card, so this one is skipped
            """,
        ])
    }

    /// Removing in place keeps the first of each id in order, whatever the duplicates
    /// between them, and leaves the input of the copying form untouched.
    @Test func duplicatesRemovedInPlaceKeepTheOrder() {
        let a = parseDeck("q1\na1\n-\nq2\na2\n-\nQ1\nx\n-\nq3\na3\n", .plain, file: "a.txt", deck: "A")
        let b = parseDeck("q2\ny\n-\nq4\na4\n-\nq3\nz\n-\nq5\na5\n-\nq1\nw\n", .plain, file: "b.txt", deck: "B")
        let all = a.cards + b.cards
        var cards = all
        let warnings = DuplicateCards.removeDuplicates(from: &cards)
        #expect(cards.map(\.question) == ["q1", "q2", "q3", "q4", "q5"])
        #expect(cards.map(\.answer) == ["a1", "a2", "a3", "a4", "a5"])
        #expect(warnings.map(\.headline) == [
            "a.txt:7: warning: duplicate card 'Q1'",
            "b.txt:1: warning: duplicate card 'q2'",
            "b.txt:7: warning: duplicate card 'q3'",
            "b.txt:13: warning: duplicate card 'q1'",
        ])
        #expect(warnings.map { $0.notes.first ?? "" }.map { $0.prefix(20) } == [
            "the same card is at ", "the same card is at ", "the same card is at ", "the same card is at ",
        ])
        #expect(warnings.map(\.rendered) == DuplicateCards.removeDuplicates(all).diagnostics.map(\.rendered))
        #expect(all.count == 9)
        var none = a.cards.filter { $0.question != "Q1" }
        let expected = none
        #expect(DuplicateCards.removeDuplicates(from: &none).isEmpty)
        #expect(none == expected)
    }

    @Test func duplicateReversedAndClozeCardsAreNamed() {
        let a = parseDeck("Paris ::: France\n{{c1::Bern}} is in {{c2::Switzerland}}\n", .markdown, file: "a.md", deck: "A")
        let b = parseDeck("Rome ::: France\n{{c1::Bern}}  is in {{c2::switzerland}}\n", .markdown, file: "b.md", deck: "B")
        let (_, warnings) = DuplicateCards.removeDuplicates(a.cards + b.cards)
        #expect(warnings.map(\.headline) == [
            "b.md:1: warning: duplicate reversed card 'France'",
            "b.md:2: warning: duplicate cloze c1 '[...]  is in switzerland'",
            "b.md:2: warning: duplicate cloze c2 'Bern  is in [...]'",
        ])
    }
}
