import Testing
@testable import RecallCore

@Suite struct DiffTests {
    private func render(_ diff: AnswerDiff) -> String {
        diff.segments.map { seg in
            switch seg.kind {
            case .same: seg.text
            case .extra: "[+\(seg.text)]"
            case .missing: "[-\(seg.text)]"
            }
        }.joined()
    }

    @Test func identicalIgnoringCase() {
        let diff = AnswerDiff(typed: "paris", answer: "Paris")
        #expect(diff.isExact)
        #expect(render(diff) == "Paris")
    }

    @Test func typoShowsExtraAndMissing() {
        #expect(render(AnswerDiff(typed: "Pairs", answer: "Paris")) == "Pa[-r]i[+r]s")
        #expect(render(AnswerDiff(typed: "Berln", answer: "Berlin")) == "Berl[-i]n")
        #expect(render(AnswerDiff(typed: "", answer: "Rome")) == "[-Rome]")
        #expect(render(AnswerDiff(typed: "Romee", answer: "")) == "[+Romee]")
    }

    @Test func sidesRebuildBothTexts() {
        let diff = AnswerDiff(typed: "Tokio 東京", answer: "Tokyo 東京都")
        #expect(diff.typedSide.map(\.text).joined() == "Tokio 東京")
        #expect(diff.answerSide.map(\.text).joined() == "Tokyo 東京都")
        #expect(!diff.isExact)
    }

    @Test func veryLongTextsFallBackToWholeReplacement() {
        let a = String(repeating: "a", count: 600), b = String(repeating: "b", count: 600)
        let diff = AnswerDiff(typed: a, answer: b)
        #expect(diff.segments == [.init(.extra, a), .init(.missing, b)])
    }
}

@Suite struct DiffTypedTextTests {
    @Test func typedSideKeepsTheTextAsTyped() {
        let diff = AnswerDiff(typed: "tokio", answer: "Tokyo")
        #expect(diff.typedSide.map(\.text).joined() == "tokio")
        #expect(diff.answerSide.map(\.text).joined() == "Tokyo")
        let accents = AnswerDiff(typed: "ETE", answer: "été")
        #expect(accents.isExact)
        #expect(accents.typedSide.map(\.text).joined() == "ETE")
    }

    @Test func punctuationRunsAreNotSignificant() {
        let diff = AnswerDiff(typed: "soixante dis", answer: "soixante-dix")
        let marked = diff.segments.filter { $0.kind != .same }
        #expect(marked.map(\.text) == [" ", "-", "s", "x"] || marked.map(\.text) == ["-", " ", "x", "s"]
                || marked.map(\.text) == [" ", "-", "x", "s"] || marked.map(\.text) == ["-", " ", "s", "x"])
        #expect(marked.filter(\.isSignificant).map(\.text).sorted() == ["s", "x"])
    }
}
