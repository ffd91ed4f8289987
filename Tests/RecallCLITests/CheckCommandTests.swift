import Foundation
import RecallCore
import Testing
@testable import RecallCLI
import RecallTestSupport

/// The repository's bundled `Decks/` folder.
let bundledDecksFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Decks")

@Suite struct CheckCommandTests {
    @Test func bundledDecksAreClean() {
        let result = runRecall(["check", bundledDecksFolder.path])
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("checked "))
        #expect(result.stdout.hasSuffix(" cards: no problems\n"))
    }

    @Test func bundledJSONHasTheSeedCardsIntact() throws {
        let result = runRecall(["check", "--json", bundledDecksFolder.path])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let cards = try #require(json["cards"] as? [[String: Any]])
        #expect((json["errors"] as? [Any])?.isEmpty == true)
        #expect((json["warnings"] as? [Any])?.isEmpty == true)
        let seed = cards.filter { ($0["deck"] as? String) == "World News::US and Hamas" }
        #expect(seed.count == 5)
        let text = try String(contentsOf: bundledDecksFolder.appendingPathComponent("World News/US and Hamas.txt"),
                              encoding: .utf8)
        let blocks = ("\n" + text).components(separatedBy: "\n-\n").map { $0.trimmingCharacters(in: .newlines) }
            .filter { !$0.isEmpty }
        let expected = blocks.map { block -> [String] in
            let lines = block.split(separator: "\n", maxSplits: 1).map(String.init)
            return [lines[0], lines[1]]
        }
        #expect(seed.map { [$0["question"] as? String ?? "", $0["answer"] as? String ?? ""] } == expected)
        #expect(Set(seed.flatMap { $0.keys }) == ["id", "deck", "question", "answer", "tags", "source"])
        #expect(seed.first?["source"] as? String == "\(bundledDecksFolder.path)/World News/US and Hamas.txt:2")
    }

    @Test func bundledSwiftDeckHasNoCardsFromProseOrCode() throws {
        let result = runRecall(["check", "--json", bundledDecksFolder.path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let cards = try #require(json["cards"] as? [[String: Any]])
        let sources = cards.compactMap { $0["source"] as? String }
        #expect(!sources.contains("\(bundledDecksFolder.path)/Swift.md:7"))
        let chaining = cards.first { ($0["question"] as? String) == "What is optional chaining?" }
        #expect(chaining?["answer"] as? String == "calling through optionals with `?.`: if any link in the chain "
            + "is `nil`, the rest is skipped and the whole expression is `nil`")
    }

    @Test func separatorInProseIsAWarning() {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["D/Notes.md": "Any note that mentions std::vector turns into a card.\nq :: `a::b`\n"], under: root)
        let result = runRecall(["check", "D"], cwd: root)
        #expect(result.status == 0)
        #expect(result.stdout == "checked 1 deck, 2 cards: 1 warning\n")
        #expect(result.stderr == """
            D/Notes.md:1:27: warning: '::' without spaces around it makes this prose line a card
            note: write 'question :: answer' with spaces if it is a card, or put the name in backticks ('`a::b`') if it is not

            """)
    }

    @Test func problemsAreReportedWithLocationsAndHints() {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write([
            "Decks/Good.txt": "Q1\nA1\n-\nQ2\nA2\n",
            "Decks/Sub/Bad.md": "ok :: fine\nQ: no answer\n\n## Next\nThe {{c1::open\nq1 :: again\n",
            "Decks/Table.csv": "#separator:Comma\n#color:red\na,b\nc\n",
            "Decks/notes.pdf": "ignored",
            "Decks/.hidden.txt": "ignored too",
        ], under: root)
        let result = runRecall(["check"], cwd: root)
        #expect(result.status == 1)
        #expect(result.stdout == "checked 3 decks, 4 cards: 3 errors, 2 warnings\n")
        #expect(result.stderr == """
            Decks/Sub/Bad.md:2: error: missing 'A:' for this question
            note: write the answer on an 'A:' line after the question 'no answer'
            Decks/Sub/Bad.md:5:5: error: unclosed cloze '{{c1::'
            note: end the deletion with '}}', as in '{{c1::text}}'
            Decks/Table.csv:2: warning: unknown header '#color:'
            note: known headers: #separator:, #html:, #tags:, #columns:, #deck:, #notetype:, #tags column:, #deck column:, #notetype column:, #guid column:, #if matches:
            Decks/Table.csv:4: error: expected 2 columns, found 1
            note: fields are separated by Comma; put a field that holds the separator or a newline in double quotes, or set another with a '#separator:' header
            Decks/Sub/Bad.md:6: warning: duplicate card 'q1'
            note: the same card is at Decks/Good.txt:1; cards whose question sides differ only in case or spacing are the same card, so this one is skipped

            """)
    }

    @Test func jsonListsProblems() throws {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["D/a.txt": "Q1\n\n-\nQ2\nA2\n"], under: root)
        let result = runRecall(["check", "--json", "D"], cwd: root)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            {"cards":[{"answer":"A2","deck":"a","id":"\(basicCardID("Q2"))","question":"Q2","source":"D/a.txt:4","tags":[]}],\
            "errors":[{"file":"D/a.txt","hint":"the lines after the question 'Q1' are its answer; separate cards with a line holding only '-'","line":1,"message":"empty answer"}],\
            "warnings":[]}

            """)
    }

    @Test func collectionComesFromOptionsEnvironmentOrWorkingFolder() {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["Decks/a.txt": "Q\nA\n", "Other/b/c.md": "x :: y\nz :: w\n"], under: root)
        #expect(runRecall(["check"], cwd: root).stdout == "checked 1 deck, 1 card: no problems\n")
        #expect(runRecall(["check", "--decks", "Other"], cwd: root).stdout == "checked 1 deck, 2 cards: no problems\n")
        let env = runRecall(["check"], env: ["RECALL_DECKS": root.appendingPathComponent("Other").path])
        #expect(env.stdout == "checked 1 deck, 2 cards: no problems\n")
        let json = runRecall(["check", "--json", "--decks", "Other", "Other/b"], cwd: root).stdout
        #expect(json.contains("\"deck\":\"b::c\""))
        #expect(json.contains("\"source\":\"Other/b/c.md:1\""))
    }

    @Test func missingThingsAndMisuse() {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["notes.pdf": "%PDF", "deck.txt": "Q\nA\n"], under: root)
        let missing = runRecall(["check", "--decks", "nowhere"], cwd: root)
        #expect(missing.status == 1)
        #expect(missing.stderr == """
            recall: error: the collection folder 'nowhere' does not exist
            note: run 'recall init nowhere' to create it with example decks, or pass deck files to check, or point --decks or $RECALL_DECKS at your deck folder

            """)
        let explicit = runRecall(["check", "notes.pdf", "gone.txt", "deck.txt"], cwd: root)
        #expect(explicit.status == 1)
        #expect(explicit.stdout == "checked 2 decks, 1 card: 2 errors\n")
        #expect(explicit.stderr == """
            recall: error: cannot read 'notes.pdf' as a deck: '.pdf' is not a deck format
            note: deck files end in .txt, .md, .tsv, .csv
            recall: error: no such file or folder 'gone.txt'

            """)
        #expect(runRecall(["check", "--bogus"], cwd: root).status == 64)
    }

    @Test func binaryAndBadlyEncodedFiles() throws {
        let root = RecallProcess.temporaryDirectory()
        let decks = root.appendingPathComponent("Decks")
        try FileManager.default.createDirectory(at: decks, withIntermediateDirectories: true)
        var big = [UInt8](repeating: 0x41, count: 50 << 20)
        for i in stride(from: 0, to: big.count, by: 4099) { big[i] = UInt8(truncatingIfNeeded: i) }
        try Data(big).write(to: decks.appendingPathComponent("big.txt"))
        try Data([0x51, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x0A]).write(to: decks.appendingPathComponent("latin1.txt"))
        try Data().write(to: decks.appendingPathComponent("empty.md"))
        let result = runRecall(["check"], cwd: root)
        #expect(result.status == 1)
        #expect(result.stdout == "checked 3 decks, 0 cards: 2 errors, 1 warning\n")
        #expect(result.stderr == """
            Decks/big.txt:1: error: binary file, not a deck
            note: deck files are UTF-8 text: plain (.txt), Markdown (.md) or delimited (.tsv, .csv)
            Decks/empty.md:1: warning: no cards in this file
            note: write cards as 'question :: answer', as 'Q:'/'A:' blocks or with cloze deletions '{{c1::text}}'
            Decks/latin1.txt:2:4: error: invalid UTF-8 (byte 0xE9)
            note: save the file as UTF-8; it may be in Latin-1 or Windows-1252

            """)
    }

    @Test func unreadableFolderIsReported() throws {
        guard getuid() != 0 else { return }  // root reads everything
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["Decks/ok.txt": "Q\nA\n", "Decks/locked/x.txt": "Q2\nA2\n"], under: root)
        let locked = root.appendingPathComponent("Decks/locked")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        let result = runRecall(["check"], cwd: root)
        #expect(result.status == 1)
        #expect(result.stderr == "recall: error: cannot read the folder 'Decks/locked': permission denied\n")
    }

    @Test func symlinkLoopsAreReadOnce() throws {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["Decks/Sub/a.txt": "Q\nA\n"], under: root)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("Decks/Sub/loop").path,
                                                   withDestinationPath: "..")
        let result = runRecall(["check"], cwd: root)
        #expect(result.stdout == "checked 1 deck, 1 card: no problems\n")
        #expect(result.status == 0)
    }

    @Test func checkWritesNothing() throws {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["Decks/a.txt": "Q\nA\n"], under: root)
        let data = root.appendingPathComponent("data")
        _ = runRecall(["check"], env: ["RECALL_DATA": data.path], cwd: root)
        #expect(!FileManager.default.fileExists(atPath: data.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Decks").path) == ["a.txt"])
    }

    @Test func printerColoursOnlyWhenAsked() {
        let diagnostic = RecallCore.Diagnostic.error("empty answer", at: .init(file: "a.txt", line: 3), notes: ["fix it"])
        #expect(DiagnosticPrinter(color: false).render([diagnostic]) == "a.txt:3: error: empty answer\nnote: fix it\n")
        #expect(DiagnosticPrinter(color: true).render(diagnostic)
            == "\u{1B}[1ma.txt:3:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m \u{1B}[1mempty answer\u{1B}[0m\n\u{1B}[1;36mnote:\u{1B}[0m fix it")
    }

    @Test func longListsAreCutPerFile() {
        let diagnostics = (1...105).map { RecallCore.Diagnostic.warning("w", at: .init(file: "f.md", line: $0)) }
        let lines = DiagnosticPrinter(color: false).render(diagnostics).split(separator: "\n")
        #expect(lines.count == 101)
        #expect(lines.last == "note: 5 more problems in 'f.md' not shown; 'recall check --json' lists them all")
    }
}

/// The id `recall` gives a basic card with this question.
func basicCardID(_ question: String) -> String {
    RecallCore.Card.makeID(questionSide: question, kind: .basic).description
}
