import Foundation
import Testing
import RecallTestSupport

/// Several Recall processes on one collection: a study shell holds the write lock while
/// read-only work runs beside it and sees the same collection.
@Suite struct SharedCollectionTests {
    private func run(_ f: StudyFixture, _ args: [String], now: String, stdin: String? = nil)
        -> (stdout: String, stderr: String, status: Int32) {
        var env = f.environment
        env["RECALL_NOW"] = now
        return runRecall(args + ["--decks", f.decks.path, "--data", f.data.path], env: env, stdin: stdin)
    }

    /// The fixture with all three cards studied once, then the first question edited.
    private func studiedAndEdited() throws -> StudyFixture {
        let f = try StudyFixture()
        let review = run(f, ["review"], now: "2026-03-01T09:00:00Z", stdin: "\n3\n\n3\n\n3\n")
        #expect(review.status == 0)
        try StudyFixture.deck.replacingOccurrences(of: "capital of France", with: "capital city of France")
            .write(to: f.decks.appendingPathComponent("Geography.txt"), atomically: true, encoding: .utf8)
        return f
    }

    private let later = "2026-03-01T10:00:00Z"

    @Test func readOnlyCommandsCarryAnEditedQuestionsProgress() throws {
        let f = try studiedAndEdited()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let decks = run(f, ["decks"], now: later)
        #expect(decks.stderr == "")
        #expect(decks.stdout == """
            Deck       Cards  New  Learning  Due
            Geography      3    0         3    0
            Total          3    0         3    0

            """)
        let stats = run(f, ["stats", "--json"], now: later)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        let cards = try #require(json["cards"] as? [String: Any])
        #expect(cards["new"] as? Int == 0)
        #expect(cards["learning"] as? Int == 3)
        // Nothing was written: the first writer records the edit, as a note.
        let names = try FileManager.default.contentsOfDirectory(atPath: f.data.appendingPathComponent("collections/decks").path)
        #expect(!names.contains("renames.jsonl"))
        let writer = run(f, ["review"], now: later, stdin: "")
        #expect(writer.stderr.hasPrefix(
            "Geography.txt:1: note: the question changed from 'What is the capital of France?' to 'What is the capital city of France?'; its progress was kept"),
            "\(writer.stderr)")
    }

    @Test func readOnlyWorkRunsBesideAnOpenShell() throws {
        let f = try studiedAndEdited()
        defer { try? FileManager.default.removeItem(at: f.root) }
        var env = f.environment
        env["RECALL_NOW"] = later
        env["NO_COLOR"] = nil
        env["TERM"] = "xterm"
        env["EDITRC"] = "/dev/null"
        let shell = try PTYProcess(path: StudyFixture.binary.path,
                                   arguments: ["--decks", f.decks.path, "--data", f.data.path], environment: env)
        // The note is wrapped to the terminal's 100 columns, at a space.
        try shell.expect("Geography.txt:1: note: the question changed from 'What is the capital of France?' to 'What is the\n"
            + "  capital city of France?'; its progress was kept")
        try shell.expectPrompt("recall> ")
        // The shell recorded the edit in renames.jsonl and holds the lock.
        let decks = run(f, ["decks"], now: later)
        #expect(decks.stderr == "")
        #expect(decks.stdout.hasSuffix("Total          3    0         3    0\n"), "\(decks.stdout)")
        let stats = run(f, ["stats"], now: later)
        #expect(stats.status == 0)
        #expect(stats.stderr == "")
        let check = run(f, ["check"], now: later)
        #expect(check.stderr == "")
        #expect(check.stdout == "checked 1 deck, 3 cards: no problems\n")
        let cards = run(f, ["cards", "is:learn"], now: later)
        #expect(cards.status == 0)
        #expect(cards.stderr == "")
        #expect(cards.stdout.hasSuffix("\n3 cards\n"), "\(cards.stdout)")
        let quiz = run(f, ["quiz", "--count", "1"], now: later, stdin: "\ny\n")
        #expect(quiz.status == 0)
        #expect(quiz.stderr == "")
        #expect(quiz.stdout.hasSuffix("Quiz done: 1/1 correct (100%) · schedule unchanged\n"), "\(quiz.stdout)")
        // A writer is refused, naming the holder.
        let review = run(f, ["review"], now: later, stdin: "")
        #expect(review.status == 1)
        let lock = f.data.appendingPathComponent("collections/decks/lock").path
        #expect(review.stderr == """
            recall: error: the collection is in use by 'recall' (process \(shell.pid); lock '\(lock)')
            note: finish or quit the other recall session first; read-only work still runs beside it: \
            'recall stats', 'recall decks', 'recall check' and 'recall quiz' without --record

            """)
        let recorded = run(f, ["quiz", "--record", "--count", "1"], now: later, stdin: "")
        #expect(recorded.status == 1)
        shell.send("\u{04}")
        #expect(try shell.waitForExit() == 0)
        let after = run(f, ["decks"], now: later)
        #expect(after.stderr == "")
    }
}
