import Foundation
import Testing
import RecallTestSupport

/// The shell's `add` and the session's `:add`, through pipes and a pseudo-terminal.
@Suite struct ShellAddTests {
    private func geography(_ f: StudyFixture) throws -> String {
        try String(contentsOf: f.decks.appendingPathComponent("Geography.txt"), encoding: .utf8)
    }

    @Test func addThroughAPipeShowsTheCardAndWhereItGoes() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run([], input: "add geography\nWhat is the capital of Chile?\nSantiago\nby the Andes\n\n\ndecks\n")
        #expect(r.code == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "  adding to Geography (Geography.txt); an empty line ends the answer"))
        #expect(Array(lines[start...].prefix(7)) == [
            "  adding to Geography (Geography.txt); an empty line ends the answer",
            "Geography.txt:10",
            "  -",
            "  What is the capital of Chile?",
            "  Santiago",
            "  by the Andes",
            "  added to Geography.txt:10",
        ])
        #expect(try geography(f) == StudyFixture.deck + "-\nWhat is the capital of Chile?\nSantiago\nby the Andes\n")
        #expect(lines.contains { $0.hasPrefix("Geography") && $0.contains("    4    4") }, "\(r.out)")
    }

    @Test func refusalsAndNoWriteNothing() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run([], input: "add Geography\nwhat is the capital of FRANCE?\nadd Nowhere\nadd Geography\nNew?\nYes\n\nn\n")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.contains("error: this card is already in the collection: 'What is the capital of France?'"))
        #expect(lines.contains("  it is at Geography.txt:1; cards whose questions differ only in case or spacing"))
        #expect(lines.contains("error: no deck named 'Nowhere'"))
        #expect(lines.contains("  create it with 'recall new Nowhere'"))
        #expect(lines.filter { $0 == "  nothing added" }.count == 1)
        #expect(try geography(f) == StudyFixture.deck)
    }

    @Test func colonAddInAReviewUsesTheCardsDeckAndGoesOn() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run(["review"], input: ":add\nCapital of Peru?\nLima\n\ny\n\n3\n:quit\n")
        #expect(r.code == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.contains("  added to Geography.txt:10"))
        // The session shows the same card again and carries on.
        #expect(lines.filter { $0 == "  What is the capital of France?" }.count == 2, "\(r.out)")
        #expect(lines.contains("  What is the capital of Japan?"))
        #expect(try geography(f) == StudyFixture.deck + "-\nCapital of Peru?\nLima\n")
        #expect(try f.logLines().count == 1)
    }

    private func start(_ f: StudyFixture, editor: String? = nil) throws -> PTYProcess {
        var env = f.environment
        env["NO_COLOR"] = nil
        env["TERM"] = "xterm"
        env["EDITRC"] = "/dev/null"
        if let editor { env["EDITOR"] = editor }
        return try PTYProcess(path: StudyFixture.binary.path,
                              arguments: ["--decks", f.decks.path, "--data", f.data.path], environment: env)
    }

    @Test func addOnATerminalWithTabAndTheEditor() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let editor = f.root.appendingPathComponent("editor")
        try "#!/bin/sh\necho \"$@\" > \"\(f.root.path)/editor-args\"\n".write(to: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor.path)
        let p = try start(f, editor: editor.path)
        try p.expectPrompt("recall> ")
        p.send("add Geo\t\r")                        // TAB completes the deck name
        try p.expect("adding to Geography (Geography.txt)")
        try p.expectPrompt("question> ")
        p.send("Capital of Chile?\r")
        try p.expectPrompt("answer> ")
        p.send("Santiago\r")
        try p.expectPrompt("> ")
        p.send("\r")                                 // an empty line ends the answer
        try p.expect("Geography.txt:10")
        try p.expectPrompt("save? [Y/n/e] ")
        p.send("e\r")                                // saves, then opens the editor at the card
        try p.expect("added to Geography.txt:10")
        try p.expectPrompt("recall> ")
        p.send("review\r")
        try p.expect("What is the capital of France?")
        try p.expectPrompt("answer> ")
        p.send(":add\r")                             // the current card's deck, preselected
        try p.expect("adding to Geography (Geography.txt)")
        try p.expectPrompt("question> ")
        p.send("Capital of Peru?\r")
        try p.expectPrompt("answer> ")
        p.send("Lima\r\r")
        try p.expectPrompt("save? [Y/n/e] ")
        p.send("\r")
        try p.expect("added to Geography.txt:13")
        try p.expect("What is the capital of France?")  // back in the session
        try p.expectPrompt("answer> ")
        p.send(":quit\r")
        try p.expectPrompt("recall> ")
        p.send("\u{04}")
        #expect(try p.waitForExit() == 0)
        #expect(try geography(f) == StudyFixture.deck + "-\nCapital of Chile?\nSantiago\n-\nCapital of Peru?\nLima\n")
        #expect(try String(contentsOf: f.root.appendingPathComponent("editor-args"), encoding: .utf8)
                    == "+10 \(f.decks.path)/Geography.txt\n")
    }

    @Test func deckPromptCompletesDeckNames() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let p = try start(f)
        try p.expectPrompt("recall> ")
        p.send("add\r")
        try p.expectPrompt("deck> ")
        p.send("Ge\t\r")                            // TAB: "Ge" -> "Geography "
        try p.expect("adding to Geography (Geography.txt)")
        try p.expectPrompt("question> ")
        p.send("\u{03}")                             // Ctrl-C drops the card
        try p.expect("nothing added")
        try p.expectPrompt("recall> ")
        p.send("\u{04}")
        #expect(try p.waitForExit() == 0)
        #expect(try geography(f) == StudyFixture.deck)
    }

    @Test func recallAddBesideAnOpenShellIsRefusedAndPointsAtItsAdd() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let shell = try start(f)
        try shell.expectPrompt("recall> ")
        let added = runRecall(["add", "Geography", "-q", "New?", "-a", "Yes", "--decks", f.decks.path, "--data", f.data.path],
                              env: f.environment)
        #expect(added.status == 1)
        let lock = f.data.appendingPathComponent("collections/decks/lock").path
        #expect(added.stderr == """
            recall: error: the collection is in use by 'recall' (process \(shell.pid); lock '\(lock)')
            note: finish or quit the other recall session first; read-only work still runs beside it: \
            'recall stats', 'recall decks', 'recall check' and 'recall quiz' without --record
            note: in the study shell, 'add' adds a card too; during a review, ':add'

            """)
        #expect(try geography(f) == StudyFixture.deck)
        shell.send("\u{04}")
        #expect(try shell.waitForExit() == 0)
    }
}
