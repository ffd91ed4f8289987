import Foundation
import Testing
@testable import RecallCore
import RecallTestSupport

@Suite struct CardWriterTests {
    private func note(_ q: String, _ a: String, deck: String = "Deck", tags: [String] = [],
                      reversed: Bool = false) throws -> DeckNote {
        try CardWriter.note(question: q, answer: a, cloze: nil, reversed: reversed, tags: tags, deck: deck)
    }

    private func add(_ note: DeckNote, to text: String, _ format: DeckFormat, file: String = "deck.txt",
                     deck: String = "Deck") throws -> (text: String, line: Int) {
        let added = try CardWriter.add(note, to: Array(text.utf8), file: file, fileDeck: deck, format: format)
        return (String(decoding: added.bytes, as: UTF8.self), added.line)
    }

    /// The error `body` throws, if any.
    private func failure(_ body: () throws -> Any) -> CardWriteError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? CardWriteError
        }
    }

    // MARK: plain

    @Test func plainAfterATrailingSeparator() throws {
        let (text, line) = try add(note("New?", "Yes.\n\nTwo paragraphs."), to: "-\nQ1\nA1\n-\n", .plain)
        #expect(text == "-\nQ1\nA1\n-\nNew?\nYes.\n\nTwo paragraphs.\n")
        #expect(line == 5)
    }

    @Test func plainKeepsCRLFBOMAndAMissingFinalNewline() throws {
        let (text, line) = try add(note("New?", "Yes."), to: "\u{FEFF}Q1\r\nA1", .plain)
        #expect(Array(text.utf8) == Array("\u{FEFF}Q1\r\nA1\r\n-\r\nNew?\r\nYes.".utf8))
        #expect(line == 4)
    }

    @Test func plainIntoAnEmptyFile() throws {
        let (text, line) = try add(note("New?", "Yes."), to: "", .plain)
        #expect(text == "New?\nYes.\n")
        #expect(line == 1)
    }

    @Test func plainRefusesWhatItCannotHold() throws {
        let cases: [(DeckNote, String)] = [
            (try note("Q", "A", tags: ["x"]), "a .txt deck cannot hold tags"),
            (try note("Q", "A", reversed: true), "a .txt deck holds only question/answer cards"),
            (try note("Two\nlines", "A"), "a .txt deck's question is one line"),
            (try note("Q", "one\n-\ntwo"), "a line holding only '-' separates cards in a .txt deck"),
        ]
        for (note, message) in cases {
            guard case .cannotWrite(let found, _)? = failure({ try add(note, to: "Q1\nA1\n", .plain) }) else {
                Issue.record("no refusal for \(message)")
                continue
            }
            #expect(found == message)
        }
    }

    @Test func controlCharactersAreRefusedBeforeAnythingIsWritten() {
        let cases: [(String?, String?, String?, String)] = [
            ("a\u{1B}[31mb", "A", nil, "the question holds the control character U+001B (escape)"),
            ("Q", "ring\u{07}", nil, "the answer holds the control character U+0007 (bell)"),
            (nil, nil, "{{c1::x}}\u{202E}y", "the cloze text holds the control character U+202E (right-to-left override)"),
        ]
        for (q, a, cloze, message) in cases {
            #expect(throws: CardWriteError.cannotWrite(message, hint: "type the text again without it")) {
                try CardWriter.note(question: q, answer: a, cloze: cloze, reversed: false, tags: [], deck: "Deck")
            }
        }
        // Tabs are text.
        #expect(throws: Never.self) {
            try CardWriter.note(question: "a\tb", answer: "c", cloze: nil, reversed: false, tags: [], deck: "Deck")
        }
    }

    @Test func aMarkdownDeckIsNotToldToUseAMarkdownDeck() {
        #expect(CardWriter.unreadable("a Markdown deck", suggestingMarkdown: false).diagnostics.map { $0.notes }
                == [["simplify its text (line breaks, leading markers, '::')"]])
        #expect(CardWriter.unreadable("a .csv deck").diagnostics.map { $0.notes }
                == [["simplify its text (line breaks, leading markers, '::'), or add it to a Markdown (.md) deck"]])
    }

    @Test func aFileWithErrorsIsRefusedWithItsDiagnostics() throws {
        let new = try note("New?", "Yes.")
        guard case .fileHasErrors(let diagnostics)? = failure({ try add(new, to: "Q1\n-\nQ2\nA2\n", .plain) }) else {
            Issue.record("added to a broken file")
            return
        }
        #expect(diagnostics.map(\.headline) == ["deck.txt:1: error: empty answer"])
    }

    // MARK: Markdown

    private let swift = """
        ---
        tags: [swift]
        ---
        # Swift

        ## Basics
        tags: #basics

        Which keyword declares a constant? :: `let`

        ## Closures

        Q: What does `@escaping` mean?
        A: The closure may outlive the call.

        ### Capture lists
        What does `[weak self]` do? :: captures self weakly

        """

    @Test func markdownOneLinerFollowsTheLastOneOfItsSubDeck() throws {
        let (text, line) = try add(note("Which keyword declares a variable?", "`var`", deck: "Swift::Basics"),
                                   to: swift, .markdown, file: "Swift.md", deck: "Swift")
        #expect(text == swift.replacingOccurrences(
            of: ":: `let`\n", with: ":: `let`\nWhich keyword declares a variable? :: `var`\n"))
        #expect(line == 10)
    }

    @Test func markdownAfterAnAnswerBlockWritesABlock() throws {
        let added = try CardWriter.add(try note("Is a closure a reference type?", "yes", deck: "Swift::Closures"),
                                       to: Array(swift.utf8), file: "Swift.md", fileDeck: "Swift", format: .markdown)
        #expect(added.lines == ["", "Q: Is a closure a reference type?", "A: yes"])
        #expect(added.note.tags == ["swift"])
    }

    @Test func markdownTagsAskedForGoOnATagsLine() throws {
        let added = try CardWriter.add(try note("Top?", "level", deck: "Swift", tags: ["new"]),
                                       to: Array(swift.utf8), file: "Swift.md", fileDeck: "Swift", format: .markdown)
        #expect(added.lines == ["", "tags: #swift #new", "Top? :: level"])
        #expect(added.line == 7)
        #expect(added.note.tags == ["swift", "new"])
    }

    @Test func markdownMultiLineAnswerIsABlock() throws {
        let added = try CardWriter.add(try note("Q?", "line one\nQ: looks like a marker", deck: "Swift::Closures::Capture lists"),
                                       to: Array(swift.utf8), file: "Swift.md", fileDeck: "Swift", format: .markdown)
        #expect(added.lines == ["", "Q: Q?", "A: line one", "\\Q: looks like a marker"])
    }

    @Test func markdownWithoutTheHeadingIsRefused() throws {
        #expect(throws: CardWriteError.cannotWrite("'Swift.md' has no heading for the deck 'Swift::Generics'",
                                                   hint: "add a heading for it to the file, or create the deck with 'recall new'")) {
            try add(note("Q", "A", deck: "Swift::Generics"), to: swift, .markdown, file: "Swift.md", deck: "Swift")
        }
    }

    @Test func markdownClozeAndTwoWay() throws {
        let cloze = try CardWriter.note(question: nil, answer: nil, cloze: "Swift came out in {{c1::2014}}.",
                                        reversed: false, tags: [], deck: "Deck")
        let (text, _) = try add(cloze, to: "a :: b\n", .markdown, file: "Deck.md")
        #expect(text == "a :: b\nSwift came out in {{c1::2014}}.\n")
        let (two, _) = try add(try note("chat", "cat", reversed: true), to: "a :: b\n", .markdown, file: "Deck.md")
        #expect(two == "a :: b\nchat ::: cat\n")
    }

    // MARK: delimited

    @Test func tsvQuotesFieldsWithQuotesTabsAndLineBreaks() throws {
        let file = "#separator:Tab\n#columns:Question\tAnswer\tTags\nQ1\tA1\tx\n"
        let (text, line) = try add(note("Say \"hi\"\tloudly", "two\nlines", tags: ["t1", "t2"]), to: file,
                                   .delimited(defaultSeparator: 0x09), file: "deck.tsv")
        #expect(text == file + "\"Say \"\"hi\"\"\tloudly\"\t\"two\nlines\"\tt1 t2\n")
        #expect(line == 4)
    }

    @Test func csvGuessesItsSeparatorAndKeepsCRLF() throws {
        let file = "Q1;A1\r\nQ2;A2"
        let (text, line) = try add(note("#1; first", "yes"), to: file, .delimited(defaultSeparator: nil), file: "deck.csv")
        #expect(text == "Q1;A1\r\nQ2;A2\r\n\"#1; first\";yes")
        #expect(line == 3)
    }

    @Test func htmlFieldsAreEscaped() throws {
        let file = "#html:true\nQ1\tA1\n"
        let (text, _) = try add(note("a < b & c", "x\ny"), to: file, .delimited(defaultSeparator: 0x09), file: "deck.tsv")
        #expect(text == file + "a &lt; b &amp; c\tx<br>y\n")
    }

    @Test func tsvDeckHeaderNamesTheDeck() throws {
        let file = "#deck:World::Capitals\nQ1\tA1\n"
        let added = try CardWriter.add(try note("Q2", "A2", deck: "Capitals"), to: Array(file.utf8), file: "Capitals.tsv",
                                       fileDeck: "Capitals", format: .delimited(defaultSeparator: 0x09))
        #expect(String(decoding: added.bytes, as: UTF8.self) == file + "Q2\tA2\n")
        #expect(added.note.deck == "World::Capitals")
    }

    @Test func tsvWithoutATagsColumnRefusesNewTags() throws {
        #expect(throws: CardWriteError.self) {
            try add(note("Q", "A", tags: ["x"]), to: "Q1\tA1\n", .delimited(defaultSeparator: 0x09), file: "deck.tsv")
        }
    }

    // MARK: property

    /// Random cards added to decks of every format read back as the old notes plus that card.
    @Test func addedCardsReadBackExactly() throws {
        var rng = SeededGenerator(seed: 23)
        let words = ["what", "is", "Q:", "A:", "#", "-", "::", "\"quoted\"", "tab\there", "a,b", ";", "<b>", "&amp;",
                     "`code`", "{{c1::x}}", "é", "---", "tags:", "\\", "  ", "->", "1."]
        let files: [(String, DeckFormat, String)] = [
            ("deck.txt", .plain, "-\nQ1\nA1\n-\nQ2\nA2\n"),
            ("deck.txt", .plain, "\u{FEFF}Q1\r\nA1\r\n"),
            ("deck.md", .markdown, swift),
            ("deck.md", .markdown, "Q: open\nA: answer"),
            ("deck.tsv", .delimited(defaultSeparator: 0x09), "#columns:Front\tBack\tTags\nQ1\tA1\tx\r\n"),
            ("deck.csv", .delimited(defaultSeparator: nil), "Q1,A1\n"),
            ("deck.tsv", .delimited(defaultSeparator: 0x09), "#html:true\nQ1\tA1\n"),
        ]
        var written = 0
        for round in 0..<300 {
            let (file, format, text) = files[round % files.count]
            func phrase() -> String {
                (0..<Int.random(in: 1...4, using: &rng)).map { _ in words.randomElement(using: &rng) ?? "x" }
                    .joined(separator: Bool.random(using: &rng) ? " " : "\n")
            }
            let deck = file == "deck.md" && text == swift ? "Swift::Closures" : "Deck"
            let fileDeck = file == "deck.md" && text == swift ? "Swift" : "Deck"
            guard let card = try? CardWriter.note(question: "q\(round) " + phrase(), answer: phrase(), cloze: nil,
                                                  reversed: false, tags: [], deck: deck) else { continue }
            let parsedBefore = DeckParser.parse(bytes: Array(text.utf8), file: file, deck: fileDeck, format: format)
            guard let added = try? CardWriter.add(card, to: Array(text.utf8), file: file, fileDeck: fileDeck,
                                                  format: format) else { continue }
            written += 1
            let back = DeckParser.parse(bytes: added.bytes, file: file, deck: fileDeck, format: format)
            #expect(!back.hasErrors)
            #expect(back.notes.map(CardWriter.withoutLine) .filter { $0 != CardWriter.withoutLine(added.note) }
                        == parsedBefore.notes.map(CardWriter.withoutLine))
            #expect(back.notes.contains { $0.content == card.content && $0.line == added.line })
            // The old bytes are all still there, in order, around one run of inserted bytes.
            let old = Array(text.utf8), new = added.bytes
            let kept = zip(old, new).prefix { $0 == $1 }.count
            #expect(new.count > old.count && new.suffix(old.count - kept).elementsEqual(old.suffix(old.count - kept)))
        }
        #expect(written > 150)
    }

    /// Cards added to every deck of Markdown files with headings, tags lines, blocks and
    /// fences land in that deck with the tags asked for, and nothing else changes.
    @Test func markdownCardsLandInTheirDeckWithTheirTags() throws {
        var rng = SeededGenerator(seed: 2323)
        let files = [
            swift,
            "---\ntags: [a]\n---\nQ: open\nA: block\n",
            "intro prose\n## One\ntags: #x\n- q1 :: a1\n```\n## not a heading\n```\n### Two\nQ: q2\nA: a2\n\n---\n## Three\n",
            "## Empty\n\n## Also empty",
            "\u{FEFF}# T\r\n\r\n## Win\r\nq :: a\r\n",
        ]
        var written = 0
        for round in 0..<200 {
            let text = files[round % files.count]
            let old = DeckParser.parse(bytes: Array(text.utf8), file: "M.md", deck: "M", format: .markdown)
            let deck = old.decks.randomElement(using: &rng) ?? "M"
            let tags = ["x", "y", "a"].filter { _ in Bool.random(using: &rng) }
            let multiLine = Bool.random(using: &rng)
            let card = try CardWriter.note(question: "question \(round)", answer: multiLine ? "one\ntwo" : "answer",
                                           cloze: nil, reversed: false, tags: tags, deck: deck)
            let added = try CardWriter.add(card, to: Array(text.utf8), file: "M.md", fileDeck: "M", format: .markdown)
            written += 1
            let back = DeckParser.parse(bytes: added.bytes, file: "M.md", deck: "M", format: .markdown)
            let new = try #require(back.notes.first { $0.line == added.line })
            #expect(new.deck == deck && new.content == card.content)
            #expect(tags.allSatisfy(new.tags.contains), "\(tags) \(new.tags)")
            #expect(back.notes.filter { $0.line != added.line }.map(CardWriter.withoutLine)
                        == old.notes.map(CardWriter.withoutLine))
        }
        #expect(written == 200)
    }
}
