import Foundation
import Testing
@testable import RecallCLI
import RecallTestSupport

/// A temp collection (one deck of three cards) and a data folder, and a way to run the
/// real `recall` binary on it with piped input.
struct StudyFixture {
    let root: URL
    /// Added to ``environment`` for one run.
    var extraEnvironment: [String: String] = [:]
    var decks: URL { root.appendingPathComponent("Decks") }
    var data: URL { root.appendingPathComponent("data") }

    static let deck = """
        What is the capital of France?
        Paris
        -
        What is the capital of Japan?
        Tokyo
        -
        Longest river in Africa?
        The Nile

        """

    init() throws {
        root = RecallProcess.temporaryDirectory("recall-repl")
        try FileManager.default.createDirectory(at: decks, withIntermediateDirectories: true)
        try StudyFixture.deck.write(to: decks.appendingPathComponent("Geography.txt"), atomically: true, encoding: .utf8)
    }

    var environment: [String: String] {
        ["RECALL_NOW": "2026-03-01T09:00:00Z", "RECALL_DEVICE": "e2e", "TZ": "UTC", "NO_COLOR": "1",
         "COLUMNS": "80", "PATH": "/usr/bin:/bin", "HOME": root.path, "LANG": "C.UTF-8"]
            .merging(RecallProcess.sanitizerEnvironment) { _, new in new }
            .merging(extraEnvironment) { _, new in new }
    }

    /// The review log's lines (empty when there is none).
    func logLines() throws -> [String] {
        let collections = data.appendingPathComponent("collections")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: collections.path)) ?? []
        for name in names {
            let log = collections.appendingPathComponent(name).appendingPathComponent("reviews.jsonl")
            if let text = try? String(contentsOf: log, encoding: .utf8) {
                return text.split(separator: "\n").map(String.init)
            }
        }
        return []
    }

    func file(named name: String) -> URL? {
        let collections = data.appendingPathComponent("collections")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: collections.path)) ?? []
        return names.map { collections.appendingPathComponent($0).appendingPathComponent(name) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Runs `recall ARGS --decks … --data …` with `input` on stdin.
    func run(_ arguments: [String], input: String) throws -> (out: String, err: String, code: Int32) {
        let process = Process()
        process.executableURL = StudyFixture.binary
        process.arguments = arguments + ["--decks", decks.path, "--data", data.path]
        process.environment = environment
        let stdin = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self),
                process.terminationStatus)
    }

    /// The `recall` executable built next to the test bundle.
    static var binary: URL { RecallProcess.binary }
}

@Suite struct ReviewPipeTests {
    @Test func fullReviewThroughAPipe() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        // Card 1: reveal, good. Card 2: typed with a typo, Enter takes "hard". Card 3: easy.
        // Then the learning cards come back (learn-ahead), the sooner step first: easy, easy.
        let r = try f.run([], input: "review\n\n3\nTokio\n\n\n4\n\n4\n\n4\nquit\n")
        #expect(r.code == 0)
        #expect(r.err == "")
        let expected = """
            Recall — 1 deck, 3 cards. Today:
              Geography     3 new     0 learning     0 due
            Type 'review' to start, 'help' for commands.

            Geography  new  3 left: 3 new · 0 learning · 0 due
              What is the capital of France?
              Paris
              1 again <1m  2 hard <6m  3 good <10m  4 easy 9d
              → good (<10m)

            Geography  new  3 left: 2 new · 1 learning · 0 due
              What is the capital of Japan?
              Tokyo
              you typed: Tokio
                            ^
              answer:    Tokyo
                            ^
              almost (1 typo)
              1 again <1m  2 hard <6m  3 good <10m  4 easy 8d  (Enter: hard)
              → hard (<6m)

            Geography  new  3 left: 1 new · 2 learning · 0 due
              Longest river in Africa?
              The Nile
              1 again <1m  2 hard <6m  3 good <10m  4 easy 8d
              → easy (8d)

            Geography  learning  2 left: 0 new · 2 learning · 0 due
              What is the capital of Japan?
              Tokyo
              1 again <1m  2 hard <6m  3 good <10m  4 easy 2d
              → easy (2d)

            Geography  learning  1 left: 0 new · 1 learning · 0 due
              What is the capital of France?
              Paris
              1 again <1m  2 hard <10m  3 good 2d  4 easy 5d
              → easy (5d)

            Session done: 5 cards · 0 again · 0s · due tomorrow 0

            """
        #expect(r.out.hasPrefix(expected))
        let log = try f.logLines()
        #expect(log.count == 5)
        #expect(log.map { $0.contains("\"ev\":\"review\"") } == [true, true, true, true, true])
        #expect(log.map { line in ["1", "2", "3", "4"].first { line.contains("\"r\":\($0)") } ?? "?" }
                == ["3", "2", "4", "4", "4"])
        #expect(f.file(named: "state.json") != nil)
    }

    @Test func endOfInputMidCardSavesWhatWasAnswered() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run(["review"], input: "\n1\n\n:undo\n\n3\n")
        #expect(r.code == 0)
        #expect(r.out.lines.contains("  undone: the card is back"))
        let log = try f.logLines()
        #expect(log.count == 3)
        #expect(log[1].contains("\"ev\":\"undo\"") && log[1].contains("\"target\":"))
        #expect(r.out.hasSuffix("Session done: 1 card · 0 again · 0s · left today 3: 2 new · 1 learning · 0 due\n  due tomorrow 1\n"))
    }

    @Test func quittingEarlySaysWhatIsLeftToday() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run(["review"], input: "\n3\n:quit\n")
        #expect(r.code == 0)
        #expect(r.out.hasSuffix("""

            Geography  new  3 left: 2 new · 1 learning · 0 due
              What is the capital of Japan?

            Session done: 1 card · 0 again · 0s · left today 3: 2 new · 1 learning · 0 due
              due tomorrow 1

            """), "\(r.out)")
    }

    /// A card deleted from its deck keeps its history in the log, but the summary's "due
    /// tomorrow" counts only cards still in a deck, as tomorrow's greeting and stats do.
    @Test func aDeletedCardIsNotDueTomorrow() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        #expect(try f.run(["review"], input: "\n3\n:quit\n").out.hasSuffix("  due tomorrow 1\n"))
        let deck = f.decks.appendingPathComponent("Geography.txt")
        let text = try String(contentsOf: deck, encoding: .utf8)
        try text.replacingOccurrences(of: "What is the capital of France?\nParis\n-\n", with: "")
            .write(to: deck, atomically: true, encoding: .utf8)
        let r = try f.run(["review"], input: ":quit\n")
        #expect(r.code == 0)
        #expect(r.out.hasSuffix("""

            Session done: 0 cards · 0 again · 0s
              left today 2: 2 new · 0 learning · 0 due · due tomorrow 0

            """), "\(r.out)")
    }

    /// A deleted card is neither offered for nor moved by postpone, and the backlog offer
    /// counts only cards still in a deck, as the greeting's table does.
    @Test func aDeletedCardIsNeverPostponed() throws {
        var f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        #expect(try f.run(["review"], input: "\n4\n\n4\n\n4\n").code == 0)
        let deck = f.decks.appendingPathComponent("Geography.txt")
        let text = try String(contentsOf: deck, encoding: .utf8)
        try text.replacingOccurrences(of: "What is the capital of France?\nParis\n-\n", with: "")
            .write(to: deck, atomically: true, encoding: .utf8)
        f.extraEnvironment["RECALL_NOW"] = "2026-06-01T09:00:00Z"
        let r = try f.run(["postpone", "--dry-run"], input: "")
        #expect(r.code == 0)
        #expect(r.out.hasPrefix("would postpone 2 of 2 due cards"), "\(r.out)")
    }

    /// A deck edited while the shell is open (a card deleted, a question reworded, a file
    /// broken) is what the next `review` in it shows: no deleted card, the new question with
    /// its progress, the new error named once.
    @Test func theShellSeesDecksEditedWhileItIsOpen() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        #expect(try f.run(["review"], input: "\n4\n:quit\n").code == 0)  // France studied
        let process = Process()
        process.executableURL = StudyFixture.binary
        process.arguments = ["--decks", f.decks.path, "--data", f.data.path]
        process.environment = f.environment
        let stdin = Pipe(), out = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data("review\n:quit\n".utf8))
        var first = ""
        while !first.contains("Session done") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first += String(decoding: chunk, as: UTF8.self)
        }
        #expect(first.contains("\nGeography  new  2 left: 2 new · 0 learning · 0 due\n  What is the capital of Japan?\n"), "\(first)")
        let deck = f.decks.appendingPathComponent("Geography.txt")
        let text = try String(contentsOf: deck, encoding: .utf8)
        try text.replacingOccurrences(of: "What is the capital of Japan?\nTokyo\n-\n", with: "")
            .replacingOccurrences(of: "What is the capital of France?", with: "What is the capital city of France?")
            .write(to: deck, atomically: true, encoding: .utf8)
        try "A question left without its answer?\n".write(to: f.decks.appendingPathComponent("Broken.txt"),
                                                           atomically: true, encoding: .utf8)
        stdin.fileHandleForWriting.write(Data("review --ahead 30\n:quit\nreview\n:quit\nquit\n".utf8))
        try stdin.fileHandleForWriting.close()
        let rest = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(rest.contains("""
              Geography.txt:1: note: the question changed from 'What is the capital of
                France?' to 'What is the capital city of France?'; its progress was kept
              Broken.txt:1: error: empty answer

            Geography · ahead 30 days  1 left: 0 new · 0 learning · 1 due
              What is the capital city of France?
            """), "\(rest)")
        #expect(rest.contains("\nGeography  new  1 left: 1 new · 0 learning · 0 due\n  Longest river in Africa?\n"), "\(rest)")
        #expect(!rest.contains("Japan"), "\(rest)")
        // A deck broken meanwhile is named at the next command, once, not left to hide its cards.
        #expect(rest.components(separatedBy: "Broken.txt:1: error: empty answer\n").count == 2, "\(rest)")
    }

    @Test func whatIsLeftTodayStaysOnOneLine() throws {
        var f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        f.extraEnvironment["COLUMNS"] = "60"
        let r = try f.run(["review"], input: "\n3\n:quit\n")
        #expect(r.code == 0)
        #expect(r.out.hasSuffix("""

            Session done: 1 card · 0 again · 0s
              left today 3: 2 new · 1 learning · 0 due · due tomorrow 1

            """), "\(r.out)")
        f.extraEnvironment["COLUMNS"] = "30"
        let narrow = try f.run(["review"], input: ":quit\n")
        #expect(narrow.out.hasSuffix("""

            Session done: 0 cards
              0 again · 0s
              left today 3: 2 new
              1 learning · 0 due
              due tomorrow 1

            """), "\(narrow.out)")
    }

    @Test func aCardThatComesStraightBackIsShownAgainInFull() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        try "Only question?\nOnly answer\n".write(to: f.decks.appendingPathComponent("Geography.txt"),
                                                   atomically: true, encoding: .utf8)
        // Again puts the one card in a learning step inside the learn-ahead window: it is the
        // next card, and its deck line and question must be shown again before its answer.
        let r = try f.run(["review"], input: "\n1\n\n3\n")
        #expect(r.code == 0)
        #expect(r.out.contains("\nGeography  learning  1 left: 0 new · 1 learning · 0 due\n  Only question?\n  Only answer\n"))
        #expect(r.out.components(separatedBy: "Only answer").count - 1 == 2)
        #expect(try f.logLines().count == 2)
    }

    @Test func pipedQuizzesEchoTheChoiceTaken() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let flip = try f.run(["quiz", "france"], input: "\nn\n")
        #expect(flip.out.contains("\n  did you know it? y/n\n  → did not know it\n"), "\(flip.out)")
        let recorded = try f.run(["quiz", "france", "--record"], input: "\n4\n")
        #expect(recorded.out.contains("\n  grade: 1 again, 2 hard, 3 good, 4 easy\n  → easy\n"), "\(recorded.out)")
        let choice = try f.run(["quiz", "france", "--mode", "choice", "--seed", "1"], input: "1\n")
        let options = choice.out.split(separator: "\n").filter { $0.hasPrefix("  1) ") }
        #expect(options.count == 1)
        #expect(choice.out.contains("\n  → 1) " + (options.first?.dropFirst(5) ?? "?") + "\n"), "\(choice.out)")
    }

    /// With `RECALL_NOW` fixed, an edit recorded by a later command (which starts at the same
    /// time as the review before it) keeps the card's progress when the states are rebuilt.
    @Test func anEditUnderAFixedClockKeepsProgressAfterARebuild() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        #expect(try f.run(["review"], input: "\n4\n:quit\n").code == 0)
        let deck = f.decks.appendingPathComponent("Geography.txt")
        let text = try String(contentsOf: deck, encoding: .utf8)
        try text.replacingOccurrences(of: "capital of France", with: "capital city of France")
            .write(to: deck, atomically: true, encoding: .utf8)
        let edit = try f.run(["review"], input: ":quit\n")
        #expect(edit.err == "Geography.txt:1: note: the question changed from 'What is the capital of France?' to 'What is the capital city of France?'; its progress was kept\n")
        let folder = try #require(f.file(named: "reviews.jsonl")).deletingLastPathComponent()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where name.hasPrefix("state.") || name.hasSuffix(".bin") {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        let decks = try f.run(["decks"], input: "")
        #expect(decks.out.split(separator: "\n").dropFirst().first == "Geography      3    2         0    0")
    }

    /// On a narrow screen the grade choices break between choices, never inside one.
    @Test func gradeChoicesWrapOnANarrowScreen() throws {
        var f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        f.extraEnvironment["COLUMNS"] = "40"
        let r = try f.run(["review"], input: "\n3\nTokio\n\n:quit\n")
        #expect(r.code == 0)
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.filter { TextWidth.of($0) > 40 } == [])
        let paris = try #require(lines.firstIndex(of: "  Paris"))
        #expect(Array(lines[paris...].prefix(4)) == [
            "  Paris",
            "  1 again <1m  2 hard <6m  3 good <10m",
            "  4 easy 9d",
            "  → good (<10m)",
        ])
        let typo = try #require(lines.firstIndex(of: "  almost (1 typo)"))
        #expect(Array(lines[typo...].prefix(4)) == [
            "  almost (1 typo)",
            "  1 again <1m  2 hard <6m  3 good <10m",
            "  4 easy 8d  (Enter: hard)",
            "  → hard (<6m)",
        ])
    }

    @Test func textIsReflowedAndWrappedToTheWidth() throws {
        var f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        try """
            What is spaced repetition?
            A study method that reviews material at increasing intervals, timed so that each review
            comes shortly before you would otherwise forget it.

            """.write(to: f.decks.appendingPathComponent("Geography.txt"), atomically: true, encoding: .utf8)
        f.extraEnvironment["COLUMNS"] = "50"
        let typed = "a method that reviews material at growing intervals just before you forget"
        let r = try f.run(["review"], input: "\(typed)\n1\n:info\n:quit\n")
        #expect(r.code == 0)
        let lines = r.out.split(separator: "\n")
        #expect(lines.filter { TextWidth.of($0) > 50 } == [])
        #expect(r.out.contains("""
              A study method that reviews material at
              increasing intervals, timed so that each review
              comes shortly before you would otherwise forget
              it.

            """), "\(r.out)")
        #expect(lines.contains { $0.hasPrefix("  you typed: ") && $0.hasSuffix(" method that reviews material at") })
        #expect(lines.contains { $0 == "  answer:    A study method that reviews material" })
        #expect(lines.contains { $0 == "             before you would otherwise forget it." })
        #expect(lines.contains { $0.hasSuffix("retrievability now 100%") })
        #expect(r.out.contains("\n  learning · due 2026-03-01 · reps 1 · lapses 0\n"), "\(r.out)")
        #expect(r.out.contains("\nSession done: 1 card · 1 again · 0s\n  left today 1: 0 new · 1 learning · 0 due\n"), "\(r.out)")
        let quiz = try f.run(["quiz"], input: "\nn\n")
        #expect(quiz.out.hasSuffix("""
            Missed:
              What is spaced repetition? → A study method that
                reviews material at increasing intervals,
                timed so that each review comes shortly before
                you would otherwise forget it.
                (Geography.txt:1)

            """), "\(quiz.out)")
    }

    @Test func quizWithoutRecordLeavesTheLogAlone() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run(["quiz", "france", "--mode", "typed"], input: "paris\n")
        #expect(r.code == 0)
        #expect(r.out.lines.contains("  correct"))
        #expect(r.out.lines.contains("Quiz done: 1/1 correct (100%) · schedule unchanged"))
        #expect(try f.logLines().isEmpty)
    }

    @Test func editOpensTheEditorAtTheCardAndReloads() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        // A stand-in editor: records its arguments, then changes the first card's answer.
        let editor = f.root.appendingPathComponent("editor.sh")
        try """
            #!/bin/sh
            echo "$@" > "\(f.root.path)/editor-args"
            sed -i 's/^Paris$/Paris, France/' "$2"
            """.write(to: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor.path)
        var fixture = f
        fixture.extraEnvironment = ["EDITOR": editor.path]
        let r = try fixture.run(["review"], input: ":edit\n\n3\n:quit\n")
        #expect(r.code == 0)
        let args = try String(contentsOf: f.root.appendingPathComponent("editor-args"), encoding: .utf8)
        #expect(args == "+1 \(f.decks.path)/Geography.txt\n")
        #expect(r.out.lines.contains("  reloaded 3 cards"))
        #expect(r.out.lines.contains("  Paris, France"))
        #expect(try f.logLines().count == 1)
    }

    @Test func unknownDeckExitsOne() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run(["review", "Nope"], input: "")
        #expect(r.code == 1)
        #expect(r.out.lines.contains("error: no deck or tag named 'Nope'"))
    }
}
