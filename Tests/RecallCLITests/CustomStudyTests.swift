import Foundation
import Testing
import RecallTestSupport

/// `review` and `quiz` with a search query, and the custom review sessions.
@Suite struct CustomStudyTests {
    let root = RecallProcess.temporaryDirectory("recall-custom")
    static let start = "2026-03-10T09:00:00Z"

    init() {
        RecallProcess.write([
            "Decks/Geography.txt": "Capital of France?\nParis\n-\nCapital of Japan?\nTokyo\n-\nCapital of Peru?\nLima\n",
            "Decks/Lang/Swift.txt": "What is a closure?\nA function that captures its context\n-\nWhat does let declare?\nA constant\n",
        ], under: root)
        // France good, good (review, due in 2 days); Japan good (learning); Peru again.
        let r = run(["review", "Geography"], stdin: "\n3\n\n3\n\n1\n\n3\n\n3\n:quit\n")
        #expect(r.status == 0, "\(r.stderr)")
    }

    @discardableResult
    func run(_ args: [String], now: String = start, stdin: String? = nil) -> (stdout: String, stderr: String, status: Int32) {
        runRecall(args + ["--decks", "Decks", "--data", "data"],
                  env: ["TZ": "UTC", "RECALL_NOW": now, "RECALL_DEVICE": "desk"], stdin: stdin, cwd: root)
    }

    func headers(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").map(String.init).filter { $0.contains(" left: ") }
    }

    @Test func aheadReviewsCardsDueInTheNextDaysNow() {
        let r = run(["review", "Geography", "--ahead", "3"], now: "2026-03-10T10:00:00Z", stdin: "\n3\n\n3\n\n3\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(headers(r.stdout) == [
            "Geography · ahead 3 days  learning  3 left: 0 new · 2 learning · 1 due",
            "Geography · ahead 3 days  learning  2 left: 0 new · 1 learning · 1 due",
            "Geography · ahead 3 days  1 left: 0 new · 0 learning · 1 due",
        ])
        #expect(r.stdout.contains("Session done: 3 cards"))
        #expect(run(["cards", "--ids", "rated:1"]).stdout.split(separator: "\n").count == 3)
    }

    @Test func failedReviewsTheCardsAnsweredAgainToday() {
        let r = run(["review", "--failed"], stdin: "\n3\n")
        #expect(headers(r.stdout) == ["Geography · failed today  learning  1 left: 0 new · 1 learning · 0 due"])
        #expect(r.stdout.contains("Capital of Peru?"))
    }

    @Test func newGivesMoreNewCardsThanTheLimit() {
        #expect(run(["config", "new_per_day", "0"]).status == 0)
        #expect(run(["review", "Lang"], stdin: "").stdout == "Nothing to review now.\n")
        let r = run(["review", "Lang", "--new", "1"], stdin: "")
        #expect(headers(r.stdout) == ["Lang::Swift · 1 more new  new  1 left: 1 new · 0 learning · 0 due"])
    }

    @Test func lowestRTakesTheLeastRememberedCards() {
        let r = run(["review", "--lowest-r", "1"], now: "2026-03-20T09:00:00Z", stdin: "")
        #expect(headers(r.stdout).count == 1)
        #expect(headers(r.stdout).first?.hasPrefix("Geography · lowest R 1  ") == true)
    }

    /// A deck name, a `#tag` and query words mix: the deck limits, the query filters.
    @Test func reviewAndQuizTakeAQuery() {
        let review = run(["review", "Geography", "-is:review"], now: "2026-03-10T10:00:00Z", stdin: "")
        #expect(headers(review.stdout) == ["Geography  learning  2 left: 0 new · 2 learning · 0 due"])
        let quiz = run(["quiz", "deck:Lang", "-closure", "--seed", "1"], stdin: "")
        #expect(quiz.stdout.contains("Lang::Swift  1/1  quiz\n"), "\(quiz.stdout)")
        #expect(quiz.stdout.contains("What does let declare?"))
    }

    @Test func aBadQueryInReviewOrQuizIsAUsageError() {
        for command in ["review", "quiz"] {
            let r = run([command, "Geography", "is:nwe"], stdin: "")
            #expect(r.status == 64)
            #expect(r.stderr == """
                recall: error: query column 1: unknown card state 'nwe' in 'is:nwe'
                  is:nwe
                  ^
                note: is: takes new, learn, review, due, suspended, buried, leech or overdue

                """)
        }
    }
}
