import Foundation
import RecallCore
import Testing
@testable import RecallCLI
import RecallTestSupport

@Suite struct QuizCLITests {
    let cards = [
        card("Capital of France?", "Paris", tags: ["europe"], line: 1),
        card("Capital of Spain?", "Madrid", tags: ["europe"], line: 3),
        card("Capital of Japan?", "Tokyo", tags: ["asia"], line: 5),
        card("Capital of Peru?", "Lima", tags: ["americas"], line: 7),
    ]

    @Test func typedQuizScoresAndListsMissedWithoutLogging() {
        let h = REPLHarness(cards: cards, lines: ["quiz france --mode typed", "Pari",
                                                  "quiz spain japan --mode typed --seed 1", "Tokio", "Lisbon", "quit"])
        h.runShell()
        #expect(h.text.lines.contains("Quiz done: 1/1 correct (100%) · schedule unchanged"))
        #expect(h.text.lines.contains("Quiz done: 1/2 correct (50%) · schedule unchanged"))
        #expect(h.text.contains("\nMissed:\n  Capital of Spain? → Madrid  (Geo.txt:3)\n"))
        #expect(h.data.log.isEmpty)
    }

    @Test func recordedFlipQuizLogsReviews() {
        let h = REPLHarness(cards: cards, lines: ["quiz japan --record", "", "4", "quit"])
        h.runShell()
        #expect(h.data.log.map(\.rating) == [.easy])
        #expect(h.text.lines.contains("Quiz done: 1/1 correct (100%) · recorded as reviews"))
    }

    @Test func choiceQuizTakesNumbers() {
        let h = REPLHarness(cards: cards, lines: ["quiz france --mode choice --seed 2", "9", "1", "quit"])
        h.runShell()
        #expect(h.text.lines.contains("  1) Paris"))
        #expect(h.text.lines.contains("  4) Madrid"))
        #expect(h.text.lines.contains("  type a number from 1 to 4"))
        #expect(h.text.lines.contains("Quiz done: 1/1 correct (100%) · schedule unchanged"))
    }

    @Test func quizArgumentErrors() {
        let h = REPLHarness(cards: cards, lines: ["quiz --count 0", "quiz --mode nope", "quiz zzz", "quit"])
        h.runShell()
        #expect(h.text.lines.contains("error: --count must be at least 1, not 0"))
        #expect(h.text.lines.contains("error: no cards match 'zzz'"))
        #expect(h.text.components(separatedBy: "error:").count == 4)
    }
}
