import Foundation
import Testing
import RecallTestSupport

/// `recall check` lines the decks up with the progress store: orphans and unsure edits.
@Suite struct CheckProgressTests {
    private let env = ["RECALL_NOW": "2026-03-02T10:00:00Z", "TZ": "UTC"]

    private func reviewedCollection() -> URL {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["Decks/a.txt": "What is the capital of France?\nParis\n-\nWhat is 2+2?\n4\n"], under: root)
        let review = runRecall(["review", "--data", "data"], env: env, stdin: "\n3\n\n3\n", cwd: root)
        #expect(review.status == 0)
        return root
    }

    @Test func cleanWhenDecksMatchProgress() {
        let root = reviewedCollection()
        let result = runRecall(["check", "--data", "data"], env: env, cwd: root)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == "checked 1 deck, 2 cards: no problems\n")
    }

    @Test func orphansAndUnsureEditsAreWarnings() {
        let root = reviewedCollection()
        RecallProcess.write(["Decks/a.txt": "Something entirely different?\nParis\n-\nWhat is 2+2?\n4\n"], under: root)
        let result = runRecall(["check", "--data", "data"], env: env, cwd: root)
        #expect(result.status == 0)
        #expect(result.stdout == "checked 1 deck, 2 cards: 2 warnings\n")
        #expect(result.stderr == """
            Decks/a.txt:1: warning: 'Something entirely different?' may be an edit of 'What is the capital of France?' (23% alike); its progress was not carried over
            note: if it is the same card, make the texts closer; otherwise nothing needs doing
            recall: warning: 1 card with a review history is in no deck now
            note: card 3ea3de5abc229a3f: 'What is the capital of France?'
            note: their review history is kept and comes back if the cards return to a deck

            """)
    }

    @Test func anEditedQuestionKeepsItsProgress() {
        let root = reviewedCollection()
        RecallProcess.write(["Decks/a.txt": "What is the capital city of France?\nParis\n-\nWhat is 2+2?\n4\n"], under: root)
        // Opening the collection for study recognises the edit and carries the history over.
        let decks = runRecall(["review", "--data", "data"], env: env, stdin: "", cwd: root)
        #expect(decks.stderr.lines.contains("a.txt:1: note: the question changed from 'What is the capital of France?' to 'What is the capital city of France?'; its progress was kept"), "\(decks.stderr)")
        let result = runRecall(["check", "--data", "data"], env: env, cwd: root)
        #expect(result.stderr == "")
        #expect(result.stdout == "checked 1 deck, 2 cards: no problems\n")
    }
}
