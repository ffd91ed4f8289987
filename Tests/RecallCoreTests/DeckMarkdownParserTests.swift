import Testing
@testable import RecallCore

@Suite struct DeckMarkdownParserTests {
    private func md(_ text: String) -> ParsedDeck { parseDeck(text, .markdown, file: "Swift.md", deck: "Swift") }

    @Test(arguments: [
        ("What is `let`? :: a constant\n", ["What is `let`? | a constant"]),
        ("- q1 :: a1\n* q2 :: a2\n3. q3 :: a3\n", ["q1 | a1", "q2 | a2", "q3 | a3"]),
        ("std::vector is a :: C++ type\n", ["std::vector is a | C++ type"]),  // the spaced `::` wins
        ("left::right\n", ["left | right"]),
        ("Some prose without cards.\n\nq :: a\n", ["q | a"]),
        ("Q: What does\n`defer` do?\nA: Runs code\n\nwhen the scope exits.\n\n", ["What does\n`defer` do? | Runs code\n\nwhen the scope exits."]),
        ("Q: q1\nA: a1\nQ: q2\nA:\n  indented\n", ["q1 | a1", "q2 |   indented"]),
        ("Q: q1\nA: a1\n\n---\nq2 :: a2\n", ["q1 | a1", "q2 | a2"]),            // `---` after a blank line ends the answer
        ("Q: q1\nA: a1\n---\nmore\n", ["q1 | a1\n---\nmore"]),                   // without the blank line it is text
        ("Q: q1\nA: a1\n\\Q: not a question\n\\# not a heading\n", ["q1 | a1\nQ: not a question\n# not a heading"]),
        ("Q: q1\nA:\n```\n# comment\nQ: x\n```\n", ["q1 | ```\n# comment\nQ: x\n```"]),  // fences keep their lines
        ("```\nq :: a\n```\nreal :: card\n", ["real | card"]),                   // code outside cards is prose
        ("\u{FEFF}Q: a\r\nA: b\r\n\r\nc :: d", ["a | b\n\nc :: d"]),            // BOM, CRLF, no final newline
        ("deck (`Swift::Basics`, ...); prose lines like this one are ignored.\nq :: a\n", ["q | a"]),  // code spans are text
        ("What does `a::b` mean? :: scope resolution\n", ["What does `a::b` mean? | scope resolution"]),
        ("``x::y`` names ``a:::b`` :: w\n", ["``x::y`` names ``a:::b`` | w"]),
        ("Ça cite `Été::Hiver`, puis q :: a\n", ["Ça cite `Été::Hiver`, puis q | a"]),  // the String path too
        ("`open::close\n", ["`open | close"]),                                  // an unclosed backtick is literal
        ("~~~\nstd::vector<Int> :: x\n~~~\nz :: w\n", ["z | w"]),
    ])
    func cards(text: String, expected: [String]) {
        let deck = md(text)
        #expect(pairs(deck) == expected)
        #expect(deck.diagnostics.isEmpty)
    }

    @Test(arguments: [
        ("Any note that mentions std::vector turns into a card.\n", "Swift.md:1:27: warning: '::' without spaces around it makes this prose line a card"),
        ("- Ça mentionne std::vector dans une phrase.\n", "Swift.md:1:19: warning: '::' without spaces around it makes this prose line a card"),
        ("See the Swift:::Basics deck for the rest of them.\n", "Swift.md:1:14: warning: ':::' without spaces around it makes this prose line a card"),
    ])
    func unspacedSeparatorInProseWarns(text: String, headline: String) {
        let deck = md(text)
        #expect(deck.diagnostics.map(\.headline) == [headline])
        #expect(deck.diagnostics.first?.notes.first?.hasPrefix("write 'question ") == true)
    }

    /// Cloze markup in a `Q:` question is asked as written; the card is kept, with a warning.
    @Test(arguments: ["Q: What is {{c1::broken\nA: yes\n", "Q: Swift came from {{c1::Apple}}.\nA: Apple\n"])
    func clozeMarkupInAQuestionWarns(text: String) {
        let deck = md(text)
        #expect(deck.cards.count == 1)
        #expect(deck.diagnostics.map(\.headline) == ["Swift.md:1: warning: cloze markup in a question with its own answer is shown as written, braces and all"])
    }

    @Test func clozeMarkupInBackticksIsQuoted() {
        let deck = md("Q: What does `{{c1::Paris}}` show in Anki?\nA: [...] in the question\n")
        #expect(deck.cards.count == 1)
        #expect(deck.diagnostics.isEmpty)
    }

    @Test func twoWayCards() {
        let deck = md("Paris ::: capital of France\n")
        #expect(pairs(deck) == ["Paris | capital of France", "capital of France | Paris"])
        #expect(deck.cards.map(\.kind) == [.basic, .reversed])
        #expect(deck.cards[0].noteID == deck.cards[0].id)
        #expect(deck.cards[1].noteID == deck.cards[0].id)
        #expect(deck.cards[1].id == Card.makeID(questionSide: "capital of France", kind: .reversed))
    }

    @Test func headingsNameSubDecks() {
        let text = """
            # Swift language
            top :: level
            ## Closures
            c1 :: a
            ### Capture lists
            c2 :: a
            ## Concurrency ##
            c3 :: a
            #### Deep
            c4 :: a
            # Title again
            c5 :: a
            """
        let deck = md(text)
        #expect(deck.cards.map(\.deck) == [
            "Swift", "Swift::Closures", "Swift::Closures::Capture lists", "Swift::Concurrency",
            "Swift::Concurrency::Deep", "Swift",
        ])
        #expect(deck.decks == ["Swift", "Swift::Closures", "Swift::Closures::Capture lists",
                               "Swift::Concurrency", "Swift::Concurrency::Deep"])
    }

    @Test func tagsFromFrontMatterAndTagLines() {
        let text = """
            ---
            title: Swift
            tags: [swift, basics]
            ---
            a :: 1
            tags: #syntax #swift
            b :: 2
            tags: generics, types
            c :: 3
            ## Section
            d :: 4
            #hashtag is prose, not a heading
            """
        let deck = md(text)
        #expect(deck.cards.map(\.tags) == [
            ["swift", "basics"], ["swift", "basics", "syntax"], ["swift", "basics", "generics", "types"],
            ["swift", "basics"],
        ])
        #expect(deck.cards[0].source.line == 5)
    }

    @Test func tagLinesIgnoreCase() {
        let deck = md("TAGS: #Up\nq :: a\ntagline :: b\nTags:x\nc :: d\n")
        #expect(pairs(deck) == ["q | a", "tagline | b", "c | d"])
        #expect(deck.cards.map(\.tags) == [["Up"], ["Up"], ["x"]])
    }

    @Test func frontMatterListStyle() {
        let deck = md("---\ntags:\n  - one\n  - two\n---\nq :: a\n")
        #expect(deck.cards.map(\.tags) == [["one", "two"]])
    }

    @Test func clozeCards() {
        let deck = md("- {{c1::Swift}} was released by {{c2::Apple::company}} in {{c1::2014}}.\n")
        #expect(pairs(deck) == [
            "[...] was released by Apple in [...]. | Swift was released by Apple in 2014.",
            "Swift was released by [company] in 2014. | Swift was released by Apple in 2014.",
        ])
        let raw = "{{c1::Swift}} was released by {{c2::Apple::company}} in {{c1::2014}}."
        #expect(deck.cards.map(\.id) == [Card.makeID(questionSide: raw, kind: .cloze(1)),
                                         Card.makeID(questionSide: raw, kind: .cloze(2))])
        #expect(deck.cards[0].noteID == deck.cards[1].noteID)
        #expect(deck.cards.map(\.kind) == [.cloze(1), .cloze(2)])
    }

    @Test(arguments: [
        ("Q: only a question\n\n# Next\n", [
            "Swift.md:1: error: missing 'A:' for this question\nnote: write the answer on an 'A:' line after the question 'only a question'",
        ]),
        ("Q:\nA: an answer\n", [
            "Swift.md:1: error: empty question\nnote: write the question before the answer 'an answer'",
        ]),
        ("Q: why?\nA:\n\nQ: next\nA: ok\n", [
            "Swift.md:1: error: empty answer\nnote: write the answer to 'why?'",
        ]),
        ("A: stray answer\nq :: a\n", [
            "Swift.md:1: error: 'A:' without a question\nnote: start each card with a 'Q:' line, then its 'A:' line",
        ]),
        ("q :: a\n :: lonely answer\nquestion ::\n", [
            "Swift.md:2: error: empty question\nnote: write the question before the answer 'lonely answer'",
            "Swift.md:3: error: empty answer\nnote: write the answer to 'question'",
        ]),
        ("q :: a\nThe {{c1::unclosed deletion\n", [
            "Swift.md:2:5: error: unclosed cloze '{{c1::'\nnote: end the deletion with '}}', as in '{{c1::text}}'",
        ]),
        ("q :: a\n- An {{c2::}} deletion\n", [
            "Swift.md:2:6: error: empty cloze 'c2'\nnote: put the hidden text between '::' and '}}', as in '{{c1::text}}'",
        ]),
        ("q :: a\n{{c0::zero}} based\n", [
            "Swift.md:2:1: error: cloze number 0 must be 1 or more\nnote: number deletions from 'c1'",
        ]),
        ("---\ntags: a\nq :: a\n", [
            "Swift.md:1: error: front matter is not closed\nnote: end it with a line holding only '---'",
        ]),
        ("# Only a title\n\nSome prose.\n", [
            "Swift.md:1: warning: no cards in this file\nnote: write cards as 'question :: answer', as 'Q:'/'A:' blocks or with cloze deletions '{{c1::text}}'",
        ]),
    ])
    func errors(text: String, expected: [String]) {
        #expect(rendered(md(text)) == expected)
    }

    @Test func errorsDoNotStopTheParse() {
        let deck = md("Q: a\n\n## S\nQ:\nA: x\n## T\nok :: fine\n{{c1::x\n")
        #expect(pairs(deck) == ["ok | fine"])
        #expect(deck.diagnostics.map(\.headline) == [
            "Swift.md:1: error: missing 'A:' for this question",
            "Swift.md:4: error: empty question",
            "Swift.md:8:1: error: unclosed cloze '{{c1::'",
        ])
    }

    @Test func unusualClozeSyntaxIsText() {
        let deck = md("{{c::x}} and {{cat}} :: literal\n")
        #expect(pairs(deck) == ["{{c::x}} and {{cat}} | literal"])
    }
}
