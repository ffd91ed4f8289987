import Foundation
import Testing
@testable import RecallCore

/// Parses `text` as one deck file named `file` in deck `deck`.
func parseDeck(_ text: String, _ format: DeckFormat, file: String = "deck.txt", deck: String = "Deck") -> ParsedDeck {
    DeckParser.parse(text: text, file: file, deck: deck, format: format)
}

/// Each card as `question | answer`.
func pairs(_ deck: ParsedDeck) -> [String] {
    deck.cards.map { "\($0.question) | \($0.answer)" }
}

/// Every diagnostic as rendered, notes included, one string each.
func rendered(_ deck: ParsedDeck) -> [String] {
    deck.diagnostics.map(\.rendered)
}

@Suite struct DeckPlainParserTests {
    @Test(arguments: [
        ("Q1\nA1\n-\nQ2\nA2\n", ["Q1 | A1", "Q2 | A2"]),
        ("-\nQ1\nA1\n-\nQ2\nA2", ["Q1 | A1", "Q2 | A2"]),                  // leading separator, no final newline
        ("Q1\r\nA1\r\n-\r\nQ2\r\nA2\r\n", ["Q1 | A1", "Q2 | A2"]),          // CRLF
        ("\u{FEFF}Q1\nA1\n", ["Q1 | A1"]),                                   // byte-order mark
        ("Q1\nA1\n  -  \nQ2\nA2\n", ["Q1 | A1", "Q2 | A2"]),               // spaces around the separator
        ("Q1\n- item one\n- item two\n", ["Q1 | - item one\n- item two"]),  // `- item` is answer text
        ("\n\n  Q1  \n\n\nA1\n\nmore\n\n\n-\n", ["Q1 | A1\n\nmore"]),       // blank lines trimmed, paragraphs kept
        ("Q1\nA1\n-\n-\n\n-\nQ2\nA2\n", ["Q1 | A1", "Q2 | A2"]),           // empty blocks ignored
        ("Q1\nline one   \n\tindented\n", ["Q1 | line one\n\tindented"]),   // right-trimmed lines
        ("Q1\n--\n", ["Q1 | --"]),                                           // `--` is not a separator
    ])
    func blocks(text: String, expected: [String]) {
        let deck = parseDeck(text, .plain)
        #expect(pairs(deck) == expected)
        #expect(deck.diagnostics.isEmpty)
    }

    @Test func sourceLinesAndIDs() {
        let deck = parseDeck("-\n\nWhat is 2+2?\n4\n-\nCapital of France?\nParis\n", .plain, file: "Math.txt", deck: "Math")
        #expect(deck.cards.map(\.source.description) == ["Math.txt:3", "Math.txt:6"])
        #expect(deck.cards.map(\.deck) == ["Math", "Math"])
        let first = deck.cards[0]
        #expect(first.id == Card.makeID(questionSide: "What is 2+2?", kind: .basic))
        #expect(first.noteID == first.id)
        #expect(first.kind == .basic)
        #expect(first.tags.isEmpty)
    }

    @Test func emptyAnswerIsAnError() {
        let deck = parseDeck("Q1\nA1\n-\nLonely question\n\n-\nQ3\nA3\n", .plain)
        #expect(pairs(deck) == ["Q1 | A1", "Q3 | A3"])
        #expect(rendered(deck) == [
            """
            deck.txt:4: error: empty answer
            note: the lines after the question 'Lonely question' are its answer; separate cards with a line holding only '-'
            """,
        ])
    }

    @Test func clozeMarkupInAQuestionWarns() {
        let deck = parseDeck("q\na\n-\nWhat is {{c1::x}}?\nx\n", .plain)
        #expect(deck.cards.count == 2)
        #expect(deck.diagnostics.map(\.headline) == ["deck.txt:4: warning: cloze markup in a question with its own answer is shown as written, braces and all"])
    }

    @Test func emptyFileWarns() {
        for text in ["", "\n\n", "-\n-\n"] {
            #expect(rendered(parseDeck(text, .plain)) == [
                """
                deck.txt:1: warning: no cards in this file
                note: write a question line, then its answer, and separate cards with a line holding only '-'
                """,
            ])
        }
    }

    @Test func seedDeckGivesItsFiveCards() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/Decks/seed", withExtension: "txt"))
        let bytes = try [UInt8](Data(contentsOf: url))
        let deck = DeckParser.parse(bytes: bytes, file: "seed.txt", deck: "Seed", format: .plain)
        #expect(deck.diagnostics.isEmpty)
        #expect(deck.cards.count == 5)
        #expect(deck.cards.first?.question == "Why is the US meeting with Hamas now?")
        #expect(deck.cards.last?.answer.hasPrefix("While unusual, some countries") == true)
        let text = String(decoding: bytes, as: UTF8.self)
        for card in deck.cards {
            #expect(text.contains(card.question + "\n" + card.answer))
        }
    }

    @Test func millionBlocks() {
        var text = ""
        text.reserveCapacity(20_000_000)
        for i in 0..<1_000_000 { text += "-\nq\(i)\na\n" }
        let deck = parseDeck(text, .plain)
        #expect(deck.cards.count == 1_000_000)
        #expect(deck.cards.last?.source.line == 2_999_999)
    }
}
