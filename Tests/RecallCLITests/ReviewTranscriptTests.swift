import Foundation
import RecallCore
import Testing

/// The crash suites' reading of a review session's output (``ReviewTranscript``): which
/// answers count as acknowledged, and that a log missing one, or holding answers nobody gave,
/// is reported.
@Suite struct ReviewTranscriptTests {
    static let output = """
        Crash  new  3 left: 3 new · 0 learning · 0 due
          Crash question 1?
          Answer 1
          1 again <1m  2 hard <6m  3 good <10m  4 easy 9d
          → again (<1m)

        Crash  new  3 left: 2 new · 1 learning · 0 due
          Crash question 2?
          Answer 2
          1 again <1m  2 hard <6m  3 good <10m  4 easy 9d
          → good (<10m)

        Crash  learning  2 left: 0 new · 2 learning · 0 due
          Crash question 1?
          Answer 1
          1 again <1m  2 hard <6m  3 good <10m  4 easy 2d
          → easy (2d)

        Session done: 3 cards · 1 again · 0s · due tomorrow 0

        """
    static let ratings: [Rating] = [.again, .good, .easy]
    static let ids = ["Crash question 1?": CardID(rawValue: 1), "Crash question 2?": CardID(rawValue: 2)]

    static func review(_ card: UInt64, _ rating: Rating) -> ReviewLogEntry {
        .review(CardID(rawValue: card), rating, at: Date(timeIntervalSince1970: 0), device: "d-test")
    }

    @Test func everyAnswerFollowedByALineIsAcknowledged() {
        let transcript = ReviewTranscript(output: Self.output, ratings: Self.ratings)
        #expect(transcript.graded == 3)
        #expect(transcript.acknowledged.map(\.description)
                == ["'Crash question 1?' again", "'Crash question 2?' good", "'Crash question 1?' easy"])
    }

    @Test func theLastAnswerBeforeAKillIsNotAcknowledgedUntilALineFollows() {
        let beforeEcho = Self.output.components(separatedBy: "  → again")[0]
        // The echo of the grade, with the next card, is printed after the log write.
        let transcript = ReviewTranscript(output: beforeEcho + "  → again (<1m)\n", ratings: Self.ratings)
        #expect(transcript.graded == 1)
        #expect(transcript.acknowledged.map(\.description) == ["'Crash question 1?' again"])
        let torn = ReviewTranscript(output: beforeEcho + "  → ag", ratings: Self.ratings)
        #expect(torn.graded == 1)
        #expect(torn.acknowledged.isEmpty)
    }

    @Test func headersAreToldApartFromOtherLines() {
        #expect(ReviewTranscript.isHeader("Crash  new  3 left: 3 new · 0 learning · 0 due"))
        #expect(ReviewTranscript.isHeader("Imported::Batch2  12 left: 0 new · 2 learning · 10 due"))
        #expect(!ReviewTranscript.isHeader("  Crash question 3 left: 1?"))
        #expect(!ReviewTranscript.isHeader("Session done: 3 cards · 1 again · 0s · due tomorrow 0"))
        #expect(!ReviewTranscript.isHeader("Nothing to review now."))
    }

    @Test func aLogHoldingTheAnswersInOrderPasses() {
        let transcript = ReviewTranscript(output: Self.output, ratings: Self.ratings)
        let log = [Self.review(1, .again), Self.review(2, .good), Self.review(1, .easy)]
        let result = transcript.check(fresh: log, ids: Self.ids, killed: false)
        #expect(result.problems == [])
        #expect(result.entries == log)
    }

    @Test func aLostOrWrongAnswerIsReported() {
        let transcript = ReviewTranscript(output: Self.output, ratings: Self.ratings)
        let lost = transcript.check(fresh: [Self.review(1, .again), Self.review(2, .good)], ids: Self.ids, killed: true)
        #expect(lost.problems == ["acknowledged answer 3 of 3, 'Crash question 1?' easy, is not in the log (found nothing in its place)"])
        #expect(lost.entries.count == 2)
        let wrong = transcript.check(fresh: [Self.review(1, .again), Self.review(2, .hard), Self.review(1, .easy)],
                                     ids: Self.ids, killed: true)
        #expect(wrong.problems == ["acknowledged answer 2 of 3, 'Crash question 2?' good, is not in the log (found 0000000000000002 hard in its place)"])
    }

    @Test func answersNobodyAcknowledgedAreReported() {
        let cut = Self.output.components(separatedBy: "\nCrash  new  3 left: 2")[0] + "\n"
        let transcript = ReviewTranscript(output: cut, ratings: Self.ratings)
        // Killed: the answer being acknowledged may be in the log; a second one may not.
        let inFlight = [Self.review(1, .again), Self.review(2, .good)]
        #expect(transcript.check(fresh: inFlight, ids: Self.ids, killed: true).problems == [])
        #expect(transcript.check(fresh: inFlight + [Self.review(1, .easy)], ids: Self.ids, killed: true).problems
                == ["3 answers logged but 1 acknowledged (and one may be in flight)"])
        #expect(transcript.check(fresh: inFlight, ids: Self.ids, killed: false).problems
                == ["2 answers logged but 1 acknowledged"])
    }

    @Test func aQuestionOutsideTheCollectionIsReported() {
        let transcript = ReviewTranscript(output: Self.output, ratings: Self.ratings)
        let log = [Self.review(1, .again), Self.review(2, .good), Self.review(1, .easy)]
        #expect(transcript.check(fresh: log, ids: [:], killed: false).problems == [
            "questions not in the collection: ['Crash question 1?' again, 'Crash question 2?' good, 'Crash question 1?' easy]",
            "acknowledged answer 1 of 3, 'Crash question 1?' again, is not in the log (found 0000000000000001 again in its place)",
        ])
    }
}
