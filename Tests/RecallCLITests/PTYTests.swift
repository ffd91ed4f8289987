import Foundation
import Testing
import RecallTestSupport

/// The real binary on a pseudo-terminal, driven by keystrokes: libedit, history, TAB,
/// Ctrl-C and Ctrl-D.
@Suite struct PTYTests {
    func start(_ f: StudyFixture) throws -> PTYProcess {
        var env = f.environment
        env["NO_COLOR"] = nil
        env["TERM"] = "xterm"
        env["EDITRC"] = "/dev/null"
        return try PTYProcess(path: StudyFixture.binary.path,
                              arguments: ["--decks", f.decks.path, "--data", f.data.path], environment: env)
    }

    @Test func reviewWithTypoUndoHistoryTabAndControlKeys() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let p = try start(f)
        try p.expect("Geography     3 new")
        try p.expectPrompt("recall> ")
        p.send("rev\tGeo\t\r")                      // TAB completes the command and the deck
        try p.expect("What is the capital of France?")
        try p.expectPrompt("answer> ")
        p.send("\r")                                 // Enter reveals
        try p.expect("Paris")
        try p.expectPrompt("grade> ")
        p.send("3\r")
        try p.expect("What is the capital of Japan?")
        try p.expectPrompt("answer> ")
        p.send("Tokio\r")                            // a typed answer with a typo
        try p.expect("almost (1 typo)")
        try p.expect("(Enter: hard)")
        try p.expectPrompt("grade> ")
        p.send("\r")
        try p.expect("Longest river in Africa?")
        try p.expectPrompt("answer> ")
        p.send(":undo\r")
        try p.expect("undone: the card is back")
        try p.expect("What is the capital of Japan?")
        try p.expectPrompt("answer> ")
        p.send("\r")
        try p.expectPrompt("grade> ")
        p.send("good\r")
        try p.expect("Longest river in Africa?")
        try p.expectPrompt("answer> ")
        p.send(":quit\r")
        try p.expect("Session done: 2 cards")
        try p.expectPrompt("recall> ")
        p.send("he\t\r")                             // TAB: "he" -> "help "
        try p.expect("this list, or help on one command")
        try p.expectPrompt("recall> ")
        p.send("\u{1B}[A\u{1B}[A\r")                 // Up twice: back to "review Geography"
        try p.expect("3 left: 1 new · 2 learning · 0 due")
        try p.expectPrompt("answer> ")
        p.send("some text\u{03}")                    // Ctrl-C drops the line, the session goes on
        try p.expectPrompt("answer> ")
        p.send(":quit\r")
        try p.expectPrompt("recall> ")
        p.send("\u{04}")                             // Ctrl-D leaves
        #expect(try p.waitForExit() == 0)

        let log = try f.logLines()
        #expect(log.count == 4)
        #expect(log.map { $0.contains("\"ev\":\"undo\"") } == [false, false, true, false])
        let history = try String(contentsOf: f.data.appendingPathComponent("history"), encoding: .utf8)
        #expect(history.hasPrefix("_HiStOrY_V2_\n"))
        #expect(history.contains("review\\040Geography"))
    }

    /// TAB on a deck name with a space writes it quoted, and the shell reads the quotes
    /// (and backslash escapes) as one name.
    @Test func tabQuotesNamesWithSpacesAndTheShellReadsThem() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        try "What is a lapse?\nA forgotten review card\n".write(
            to: f.decks.appendingPathComponent("Spaced Repetition.txt"), atomically: true, encoding: .utf8)
        let p = try start(f)
        try p.expectPrompt("recall> ")
        p.send("stats Spa\t")
        try p.expect(#""Spaced Repetition" "#)    // the line is redrawn from the word on
        p.send("\r")
        try p.expect("deck Spaced Repetition")
        try p.expectPrompt("recall> ")
        p.send(#"review Spaced\ Repetition"# + "\r")
        try p.expect("What is a lapse?")
        try p.expectPrompt("answer> ")
        p.send(":quit\r")
        try p.expectPrompt("recall> ")
        p.send("quit\r")
        #expect(try p.waitForExit() == 0)
        #expect(!p.screen.contains("Unexpected argument"))
    }

    /// TAB on a prefix two deck names share completes what they share, lists both, and
    /// leaves a line that the next TAB and Enter finish as meant.
    @Test func tabOnASharedPrefixListsTheNamesAndLeavesNoQuoteOpen() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        try "Who built the pyramids?\nThe Egyptians\n".write(
            to: f.decks.appendingPathComponent("World History.txt"), atomically: true, encoding: .utf8)
        try "Capital of Peru?\nLima\n".write(
            to: f.decks.appendingPathComponent("World Capitals.txt"), atomically: true, encoding: .utf8)
        let p = try start(f)
        try p.expectPrompt("recall> ")
        p.send("review Wor\t")
        try p.expect("\nWorld Capitals  World History\n")
        try p.expectPrompt("recall> ")
        p.send("H\t\r")
        try p.expect("Who built the pyramids?")
        try p.expectPrompt("answer> ")
        p.send(":quit\r")
        try p.expectPrompt("recall> ")
        p.send("quit\r")
        #expect(try p.waitForExit() == 0)
    }

    @Test func utf8InputAndControlCAtThePrompt() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let p = try start(f)
        try p.expectPrompt("recall> ")
        p.send("quiz Japan --mode typed\r")
        try p.expectPrompt("answer> ")
        p.send("東京\r")                              // non-ASCII input arrives intact
        try p.expect("you typed: 東京")
        try p.expectPrompt("recall> ")
        p.send("junk\u{03}")
        try p.expectPrompt("recall> ")
        p.send("quit\r")
        #expect(try p.waitForExit() == 0)
    }

    /// Tests run side by side in one process, so a terminal's child must not inherit the
    /// descriptors other tests have open: a pipe's write end kept open in it would hide that
    /// pipe's end of input for as long as the child runs. The child's own descriptor table
    /// is read from /proc, so what other tests start meanwhile cannot change the outcome.
    @Test func theChildKeepsNoOtherDescriptorOpen() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let pipe = Descriptors.inheritablePipe()
        defer { close(pipe.read); close(pipe.write) }
        let leaked = Descriptors.pipeTarget(pipe.write)
        #expect(Descriptors.targets(ofProcess: getpid())?.contains(leaked) == true)
        let p = try start(f)
        try p.expectPrompt("recall> ")
        let childs = try #require(Descriptors.targets(ofProcess: p.pid))
        #expect(!childs.contains(leaked))
        #expect(childs.contains { $0.hasPrefix("/dev/pts/") })  // its terminal, so the listing is real
        p.send("quit\r")
        #expect(try p.waitForExit() == 0)
    }

    /// The terminal's master side must not leak into processes other tests start.
    @Test func theMasterIsClosedOnExec() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let p = try start(f)
        try p.expectPrompt("recall> ")
        #expect(p.masterIsCloseOnExec)
        p.send("quit\r")
        #expect(try p.waitForExit() == 0)
    }
}
