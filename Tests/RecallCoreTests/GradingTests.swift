import Testing
@testable import RecallCore

@Suite struct GradingTests {
    @Test(arguments: [
        ("Paris", "paris", AnswerMatch.exact),
        ("  São   Paulo!", "sao paulo", .exact),
        ("Berln", "Berlin", .close(edits: 1)),      // 1 edit in 6 letters is allowed
        ("Mississipi", "Mississippi", .close(edits: 1)),
        ("recieve", "receive", .close(edits: 1)),   // a swap counts as one edit
        ("London", "Paris", .wrong),
        ("", "Paris", .wrong),
        ("cat", "car", .wrong),                     // short answers need to be exact
        ("mitochondria", "the mitochondria", .wrong),
    ])
    func matching(typed: String, answer: String, expected: AnswerMatch) {
        #expect(AnswerMatcher.match(typed: typed, answer: answer) == expected)
    }

    @Test func acceptsOneLineOrPartOfAnAnswer() {
        #expect(AnswerMatcher.match(typed: "red", answer: "red, green") == .exact)
        #expect(AnswerMatcher.match(typed: "42", answer: "42\nthe answer to everything") == .exact)
        #expect(AnswerMatcher.match(typed: "blue", answer: "red, green") == .wrong)
        #expect(AnswerMatcher.match(typed: "?.", answer: "?.") == .exact)
        #expect(AnswerMatcher.match(typed: "!", answer: "?.") == .wrong)
    }

    @Test func suggestions() {
        #expect(AnswerMatch.exact.suggestedRating == .good)
        #expect(AnswerMatch.close(edits: 1).suggestedRating == .hard)
        #expect(AnswerMatch.wrong.suggestedRating == .again)
        #expect(AnswerMatch.close(edits: 2).isCorrect)
        #expect(!AnswerMatch.wrong.isCorrect)
    }

    @Test func normalizeFoldsEverything() {
        #expect(AnswerMatcher.normalize(" Crème\tBrûlée, s'il vous plaît! ") == "creme brulee sil vous plait")
        #expect(AnswerMatcher.normalize("日本") == "日本")
    }

    @Test func editDistanceCases() {
        func d(_ a: String, _ b: String) -> Int { AnswerMatcher.editDistance(Array(a), Array(b)) }
        #expect(d("kitten", "sitting") == 3)
        #expect(d("ab", "ba") == 1)
        #expect(d("", "abc") == 3)
        #expect(d("abc", "abc") == 0)
        #expect(AnswerMatcher.editDistance(Array("aaaa"), Array("bbbb"), limit: 1) == 2)
    }

    @Test func hintsRevealOneMoreLetterEachTime() {
        #expect(AnswerHint.text(for: "New York, USA", level: 1) == "N__ Y___, U__")
        #expect(AnswerHint.text(for: "New York, USA", level: 2) == "Ne_ Yo__, US_")
        #expect(!AnswerHint.isComplete("New York", level: 3))
        #expect(AnswerHint.isComplete("New York", level: 4))
        #expect(AnswerHint.text(for: "東京", level: 1) == "東_")
    }
}
