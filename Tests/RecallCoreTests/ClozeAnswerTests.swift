import Testing
@testable import RecallCore

/// The cards of a one-line Markdown cloze note.
private func clozeCards(_ text: String) -> [Card] {
    let (cloze, problems) = ClozeText.parse(text)
    #expect(problems.isEmpty)
    guard let cloze else { return [] }
    return DeckNote(content: .cloze(cloze), deck: "French", tags: [], line: 1).cards(file: "French.md")
}

@Suite struct ClozeAnswerTests {
    @Test(arguments: [
        ("The past participle of *être* is {{c1::été}}.", 1, ["été"]),
        ("{{c1::Paris}} is the capital of {{c1::France}}, {{c2::Berlin}} of Germany.", 1, ["Paris", "France"]),
        ("{{c1::Paris}} is the capital of {{c1::France}}, {{c2::Berlin}} of Germany.", 2, ["Berlin"]),
        ("Strings are {{c1::value::value or reference?}} types in Swift.", 1, ["value"]),
        // A literal bracket in the text is not a deletion.
        ("Arrays are written [...] or {{c1::[Int]}} in Swift.", 1, ["[Int]"]),
        ("Write [T] for {{c1::an array of T}}.", 1, ["an array of T"]),
        // Deletions side by side, and one whose text also follows it.
        ("{{c1::a}}{{c1::b}} c", 1, ["a", "b"]),
        ("{{c1::x}} y z", 1, ["x"]),
    ])
    func deletionsOfEachCard(text: String, number: Int, expected: [String]) throws {
        let card = try #require(clozeCards(text).first { $0.kind == .cloze(number) })
        let cloze = try #require(card.clozeAnswer)
        #expect(cloze.deletions == expected)
        #expect(card.expectedAnswer == expected.joined(separator: ", "))
        // Reading the parts in order gives the whole answer back.
        let whole = cloze.parts.map { part -> String in
            switch part { case .shown(let s), .hidden(let s): s }
        }.joined()
        #expect(whole == card.answer)
    }

    @Test func partsOfASentence() throws {
        let card = try #require(clozeCards("The past participle of *être* is {{c1::été}}.").first)
        #expect(card.clozeAnswer?.parts == [.shown("The past participle of *être* is "), .hidden("été"), .shown(".")])
    }

    @Test func otherCardsHaveNoDeletions() {
        let card = makeCard("What is 70 in French?", "soixante-dix")
        #expect(card.clozeAnswer == nil)
        #expect(card.expectedAnswer == "soixante-dix")
        #expect(ClozeAnswer(question: "no brackets", answer: "no brackets") == nil)
        #expect(ClozeAnswer(question: "a [...] c", answer: "something else") == nil)
    }

    @Test func tooMuchToLineUpIsJudgedAsAWhole() {
        let brackets = String(repeating: "[.]", count: 10)
        #expect(ClozeAnswer(question: brackets, answer: String(repeating: "a", count: 1_999)) == nil)
        let card = Card(id: CardID(rawValue: 1), noteID: CardID(rawValue: 1), deck: "D", question: brackets,
                        answer: String(repeating: "a", count: 1_999), tags: [],
                        source: SourceLocation(file: "D.md", line: 1), kind: .cloze(1))
        #expect(card.expectedAnswer == card.answer)
    }

    @Test func typedAnswersAreJudgedAgainstTheHiddenText() throws {
        let card = try #require(clozeCards("The past participle of *être* is {{c1::été}}.").first)
        #expect(AnswerMatcher.match(typed: "été", card: card) == .exact)
        #expect(AnswerMatcher.match(typed: "ete", card: card) == .exact)
        #expect(AnswerMatcher.match(typed: "eté", card: card).suggestedRating == .good)
        #expect(AnswerMatcher.match(typed: "était", card: card) == .wrong)
        let two = try #require(clozeCards("{{c1::Paris}} is the capital of {{c1::France}}.").first)
        #expect(AnswerMatcher.match(typed: "Paris, France", card: two) == .exact)
        #expect(AnswerMatcher.match(typed: "Paris", card: two) == .partial(found: 1, total: 2, missing: ["France"]))
    }
}
