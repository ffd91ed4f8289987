import Foundation
import RecallCore
import Testing
import RecallTestSupport

/// A shared deck full of control characters (every C0 and C1 control but NUL, tab and
/// newline, DEL and the bidirectional embeddings, overrides and isolates) in its questions,
/// answers, tags, deck and file names: no command lets one reach the terminal raw.
@Suite struct TerminalInjectionTests {
    /// Every character the sanitizer must keep off the terminal.
    static let hostile: [Unicode.Scalar] = {
        var values = Array(0x01...0x1F).filter { $0 != 0x09 && $0 != 0x0A } + [0x7F] + Array(0x80...0x9F)
        values += Array(0x202A...0x202E) + Array(0x2066...0x2069)
        return values.compactMap { Unicode.Scalar(UInt32($0)) }
    }()

    /// The file name that holds the cards: an ESC, a right-to-left override and a carriage
    /// return in it.
    static let fileName = "Evil\u{1B}]0;T\u{07}\u{202E}txt.\r.md"

    struct Fixture {
        let root = RecallProcess.temporaryDirectory("recall-inject")
        var decks: URL { root.appendingPathComponent("Decks") }
        var data: URL { root.appendingPathComponent("data") }
        var collection: [String] { ["--decks", decks.path, "--data", data.path] }

        init() throws {
            var text = "tags: evil\u{1B}]0;T\u{07} rtl\u{202E}x\n"
            for (i, c) in TerminalInjectionTests.hostile.enumerated() {
                text += "Q\(i) x\(c)y :: A\(i) x\(c)y\n"
            }
            text += "Clipboard \u{1B}]52;c;cGF5bG9hZA==\u{07} :: clear \u{1B}[2J\u{9B}2J\n"
            RecallProcess.write([TerminalInjectionTests.fileName: text], under: decks)
        }

        var env: [String: String] { ["RECALL_NOW": "2026-03-01T09:00:00Z", "TZ": "UTC", "RECALL_DEVICE": "e2e"] }

        func run(_ args: [String], stdin: String? = nil) -> (stdout: String, stderr: String, status: Int32) {
            runRecall(args, env: env, stdin: stdin)
        }
    }

    /// The first character in `text` that is a control or bidirectional character, other
    /// than newline and tab (and, with `styles`, Recall's own `ESC [ digits m`).
    static func firstRaw(in text: String, styles: Bool = false) -> String? {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if styles, s == "\u{1B}", i + 1 < scalars.count, scalars[i + 1] == "[" {
                var j = i + 2
                while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" { j += 1 }
                if j < scalars.count, scalars[j] == "m" { i = j + 1; continue }
            }
            if s != "\n", s != "\t", TerminalText.kind(of: s) != nil {
                let context = String(String.UnicodeScalarView(scalars[max(0, i - 20)..<min(scalars.count, i + 20)]))
                return "\(TerminalText.describe(s)) near \(context.debugDescription)"
            }
            i += 1
        }
        return nil
    }

    static func expectClean(_ result: (stdout: String, stderr: String, status: Int32), _ what: String,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(firstRaw(in: result.stdout) == nil, "\(what) stdout", sourceLocation: sourceLocation)
        #expect(firstRaw(in: result.stderr) == nil, "\(what) stderr", sourceLocation: sourceLocation)
    }

    @Test func reviewAndInfoShowControlsVisibly() throws {
        let f = try Fixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        #expect(f.run(["config", "new_per_day", "500"] + f.collection).status == 0)
        let answers = String(repeating: ":info\n\n3\n", count: Self.hostile.count + 1)
        let review = f.run(["review"] + f.collection, stdin: answers)
        Self.expectClean(review, "review")
        #expect(review.stdout.contains("  Q0 x\u{2401}y"))
        let escape = try #require(Self.hostile.firstIndex(of: "\u{1B}"))
        #expect(review.stdout.contains("  A\(escape) x\u{241B}y"))
        #expect(review.stdout.contains("#evil\u{241B} #0;T\u{2407} #rtlx"))  // :info shows the tags
        #expect(review.stdout.contains("  Clipboard \u{241B}]52;c;cGF5bG9hZA==\u{2407}"))
        #expect(review.stdout.contains("clear \u{241B}[2J\u{FFFD}2J"))
        #expect(review.stdout.contains("Evil\u{241B}]0;T\u{2407}txt.\u{240D}.md"))  // :info shows the file
        #expect(review.stdout.contains("Session done: \(Self.hostile.count + 1) cards"))
    }

    @Test func quizDecksStatsShellCheckAndImportAreClean() throws {
        let f = try Fixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        Self.expectClean(f.run(["quiz", "--count", "100"] + f.collection,
                               stdin: String(repeating: "\ny\n", count: Self.hostile.count + 1)), "quiz")
        let decks = f.run(["decks"] + f.collection)
        Self.expectClean(decks, "decks")
        #expect(decks.stdout.split(separator: "\n").contains { $0.hasPrefix("Evil\u{241B}]0;T\u{2407}txt.\u{240D}  ") })
        Self.expectClean(f.run(["decks", "--json"] + f.collection), "decks --json")
        #expect(f.run(["review"] + f.collection, stdin: String(repeating: "\n1\n", count: 30)).status == 0)
        Self.expectClean(f.run(["stats"] + f.collection), "stats")
        Self.expectClean(f.run(["stats", "--json"] + f.collection), "stats --json")
        Self.expectClean(f.run(f.collection, stdin: "decks\nhelp\n"), "shell")
        let check = f.run(["check", f.decks.path])
        Self.expectClean(check, "check")
        Self.expectClean(f.run(["check", "--json", f.decks.path]), "check --json")
        let source = "\(f.decks.path)/Evil\u{241B}]0;T\u{2407}txt.\u{240D}.md"
        #expect(check.stderr.split(separator: "\n").contains {
            $0 == "\(source):1:11: warning: control character U+001B (escape); it is shown as '\u{241B}'"
        })
        #expect(check.stderr.split(separator: "\n").contains {
            $0 == "\(source):2:5: warning: control character U+0001; it is shown as '\u{2401}'"
        })
        let override = try #require(Self.hostile.firstIndex(of: "\u{202E}"))
        #expect(check.stderr.split(separator: "\n").contains {
            $0 == "\(source):\(override + 2):\("Q\(override) x".count + 1): warning: bidirectional control character U+202E (right-to-left override); it is left out when shown"
        })
        // A deck to import whose name and cards hold controls.
        let incoming = f.root.appendingPathComponent("in\u{1B}[2Jcoming.txt")
        try Data("-\nQ \u{1B}]0;T\u{07}\nA\n".utf8).write(to: incoming)
        let imported = f.run(["import", incoming.path, "--into", "Imported\u{1B}x.md"] + f.collection)
        Self.expectClean(imported, "import")
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    /// The commands that came after the sanitizer: `cards` (table, JSON, an action), `add`
    /// (its report and its refusal of a duplicate, which quotes the card), `export` and `sync`.
    @Test func cardsAddExportAndSyncAreClean() throws {
        let f = try Fixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let cards = f.run(["cards"] + f.collection)
        Self.expectClean(cards, "cards")
        #expect(cards.stdout.split(separator: "\n").contains { $0.hasPrefix("Evil\u{241B}]0;T\u{2407}txt.\u{240D}  Q0 x\u{2401}y ") })
        Self.expectClean(f.run(["cards", "--json"] + f.collection), "cards --json")
        let suspended = f.run(["cards", "Clipboard", "--suspend", "--yes"] + f.collection)
        Self.expectClean(suspended, "cards --suspend")
        #expect(suspended.status == 0, "\(suspended.stderr)")
        let deck = "Evil\u{1B}]0;T\u{07}\u{202E}txt.\r"
        let added = f.run(["add", deck, "-q", "new question", "-a", "new answer"] + f.collection)
        Self.expectClean(added, "add")
        #expect(added.status == 0, "\(added.stderr)")
        let duplicate = f.run(["add", deck, "-q", "Clipboard \u{1B}]52;c;cGF5bG9hZA==\u{07}", "-a", "x"] + f.collection)
        Self.expectClean(duplicate, "add (duplicate)")
        #expect(duplicate.status == 1)
        Self.expectClean(f.run(["add", "no\u{1B}[2Jdeck", "-q", "q", "-a", "a"] + f.collection), "add (no such deck)")
        let shellAdd = f.run(f.collection, stdin: "add \"\(deck)\"\nshell question\nshell answer\n\ny\n")
        Self.expectClean(shellAdd, "the shell's add")
        #expect(shellAdd.stdout.contains("added to Evil\u{241B}]0;T\u{2407}txt.\u{240D}.md:"), "\(shellAdd.stdout)")
        let text = f.run(["export", "--anki", f.root.appendingPathComponent("out\u{1B}[2J.txt").path] + f.collection)
        Self.expectClean(text, "export --anki")
        #expect(text.status == 0, "\(text.stderr)")
        let package = f.run(["export", "--apkg", f.root.appendingPathComponent("out.apkg").path] + f.collection)
        Self.expectClean(package, "export --apkg")
        #expect(package.status == 0, "\(package.stderr)")
        let initialised = f.run(["sync", "init"] + f.collection)
        Self.expectClean(initialised, "sync init")
        try Data("More \u{1B}]0;T\u{07} :: x\n".utf8).write(to: f.decks.appendingPathComponent("Evil\u{1B}[2J.md"))
        let synced = f.run(["sync"] + f.collection)
        Self.expectClean(synced, "sync")
        #expect(synced.status == 0, "\(synced.stderr)")
    }

    /// On a terminal with colour on: Recall's styles arrive, the deck's sequences do not.
    @Test func terminalGetsOnlyRecallsOwnSequences() throws {
        let f = try Fixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        var env = f.env
        env["TERM"] = "xterm"
        env["EDITRC"] = "/dev/null"
        env["HOME"] = f.root.path
        env["PATH"] = "/usr/bin:/bin"
        env["LANG"] = "C.UTF-8"
        let p = try PTYProcess(path: RecallProcess.binary.path, arguments: ["review"] + f.collection, environment: env)
        for _ in 0..<3 {
            try p.expectPrompt("answer> ")
            p.send("\r")
            try p.expectPrompt("grade> ")
            p.send("3\r")
        }
        try p.expectPrompt("answer> ")
        p.send(":quit\r")
        _ = try p.waitForExit()
        let raw = p.rawOutput
        for bad in ["\u{1B}]0;T", "\u{1B}[2J", "\u{1B}]52", "\u{9B}", "\u{202E}", "\u{1}y", "\u{2}y"] {
            #expect(!raw.contains(Array(bad.utf8)), "\(bad.debugDescription) reached the terminal")
        }
        #expect(p.screen.contains("Q0 x\u{2401}y"))
        #expect(raw.contains(Array("\u{1B}[1m".utf8)) || raw.contains(Array("\u{1B}[36m".utf8)))  // styles on
    }
}

extension TerminalInjectionTests {
    /// An HTML entity becomes a control character only while rich text is read, after the
    /// card text was sanitized; with colour on, `&#27;[8m` reached the terminal as a real
    /// style (it passed for one of Recall's own) and hid the rest of the line.
    @Test func entitiesReachTheTerminalVisibly() throws {
        let root = RecallProcess.temporaryDirectory("recall-inject-entities")
        defer { try? FileManager.default.removeItem(at: root) }
        let decks = root.appendingPathComponent("Decks")
        RecallProcess.write(["Rich.md": "Q &#27;[8mhidden&#27;[0m <b>&#x1b;]0;T&#7;</b> :: A &#x202E;z "
                                 + "<img src=\"&#27;[8m.png\"> <pre>&#27;[2J</pre>\n"], under: decks)
        var env = ["RECALL_NOW": "2026-03-01T09:00:00Z", "TZ": "UTC", "TERM": "xterm", "EDITRC": "/dev/null",
                   "HOME": root.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        env["RECALL_IMAGES"] = "none"
        let arguments = ["review", "--decks", decks.path, "--data", root.appendingPathComponent("data").path]
        let p = try PTYProcess(path: RecallProcess.binary.path, arguments: arguments, environment: env)
        try p.expectPrompt("answer> ")
        p.send("\r")
        try p.expectPrompt("grade> ")
        p.send(":quit\r")
        _ = try p.waitForExit()
        let raw = p.rawOutput
        for bad in ["\u{1B}[8m", "\u{1B}]0;T", "\u{1B}[2J", "\u{202E}", "\u{7}"] {
            #expect(!raw.contains(Array(bad.utf8)), "\(bad.debugDescription) reached the terminal")
        }
        #expect(p.screen.contains("Q \u{241B}[8mhidden\u{241B}[0m \u{241B}]0;T\u{2407}"))
        #expect(p.screen.contains("[image: \u{241B}[8m.png]"))
        #expect(p.screen.contains("\u{241B}[2J"))
    }
}

extension TerminalInjectionTests {
    /// Style sequences (`ESC [ 8 m` hides the text after it) passed the output filter as if
    /// they were Recall's own, even through a pipe: in `export --apkg`'s warning about a
    /// card's missing media file and in `config`'s list of per-deck settings (which `sync`
    /// brings from elsewhere). Through a pipe now no style passes; on a terminal these two
    /// sanitize what they quote.
    @Test func stylesFromFilesReachNeitherAPipeNorATerminal() throws {
        let root = RecallProcess.temporaryDirectory("recall-inject-styles")
        defer { try? FileManager.default.removeItem(at: root) }
        let decks = root.appendingPathComponent("Decks")
        RecallProcess.write(["M.md": "q1 ![x](a\u{1B}[8mb.png) :: a\nq2 ![y](c&#27;[8md.png) :: b\n"], under: decks)
        let collection = ["--decks", decks.path, "--data", root.appendingPathComponent("data").path]
        let env = ["RECALL_NOW": "2026-03-01T09:00:00Z", "TZ": "UTC"]
        let exported = runRecall(["export", "--apkg", root.appendingPathComponent("out.apkg").path] + collection, env: env)
        Self.expectClean(exported, "export --apkg")
        #expect(exported.stderr.split(separator: "\n").contains {
            $0.hasSuffix("out.apkg: warning: the media file 'a\u{241B}[8mb.png' is not in the collection; cards show it as missing")
        }, "\(exported.stderr)")
        #expect(runRecall(["config", "deck.M\u{1B}[8mx.new_per_day", "3"] + collection, env: env).status == 0)
        let listed = runRecall(["config"] + collection, env: env)
        Self.expectClean(listed, "config")
        #expect(listed.stdout.split(separator: "\n").contains("deck.M\u{241B}[8mx.new_per_day = 3"))
        var terminal = env
        terminal["TERM"] = "xterm"
        terminal["PATH"] = "/usr/bin:/bin"
        let p = try PTYProcess(path: RecallProcess.binary.path, arguments: ["config"] + collection, environment: terminal)
        _ = try p.expect(".new_per_day = 3")
        _ = try p.waitForExit()
        #expect(!p.rawOutput.contains(Array("\u{1B}[8m".utf8)), "a style from settings.json reached the terminal")
        #expect(p.screen.contains("deck.M\u{241B}[8mx.new_per_day = 3"))
    }
}

extension TerminalInjectionTests {
    /// A `recall: error:` message quotes names from the package (here a media file's, in the
    /// refusal of a file past the size limit); a style in one reached the terminal raw.
    @Test func errorMessagesQuoteNamesVisiblyOnATerminal() throws {
        let root = RecallProcess.temporaryDirectory("recall-inject-error")
        defer { try? FileManager.default.removeItem(at: root) }
        let decks = root.appendingPathComponent("Decks")
        RecallProcess.write(["Own.md": "q0 :: a0\n"], under: decks)
        let arguments = ["import", ImportHostileTests.fixture("media-name-style.apkg"), "--max-file-size", "1",
                         "--decks", decks.path, "--data", root.appendingPathComponent("data").path]
        let env = ["RECALL_NOW": "2026-03-01T09:00:00Z", "TZ": "UTC", "TERM": "xterm", "PATH": "/usr/bin:/bin",
                   "TMPDIR": root.path]
        let p = try PTYProcess(path: RecallProcess.binary.path, arguments: arguments, environment: env)
        _ = try p.expect("note: nothing was written")
        #expect(try p.waitForExit() == 1)
        #expect(!p.rawOutput.contains(Array("\u{1B}[8m".utf8)), "a style in a media name reached the terminal")
        #expect(p.screen.contains("the media file 'b\u{241B}[8mig.bin' unpacks to more than 1 MiB"), "\(p.screen)")
    }
}

extension Array where Element == UInt8 {
    fileprivate func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}
