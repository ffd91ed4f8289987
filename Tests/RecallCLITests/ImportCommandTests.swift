import Foundation
import RecallCore
import Testing
@testable import RecallCLI
import RecallTestSupport

@Suite struct ImportCommandTests {
    /// The cards `recall check --json PATH` reports, as `deck | question | answer | tags`.
    private func checkedCards(_ path: String, cwd: URL) throws -> [String] {
        let result = runRecall(["check", "--json", path], cwd: cwd)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let cards = try #require(json["cards"] as? [[String: Any]])
        return cards.map { card in
            let tags = (card["tags"] as? [String] ?? []).joined(separator: ",")
            return "\(card["question"] as? String ?? "") | \(card["answer"] as? String ?? "") | \(tags)"
        }
    }

    @Test func importsDelimitedTextAsMarkdown() throws {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write([
            "Decks/Existing.txt": "What is the capital of France?\nParis\n",
            "spanish.tsv": "#separator:Tab\n#html:true\n#tags:es\nperro\tdog\ngato\tcat<br>(feline)\n"
                + "\"# not a heading\"\t\"Q: not a marker\nA: either\"\n"
                + "What is the capital of France?\tParis\n",
        ], under: root)
        let result = runRecall(["import", "spanish.tsv"], cwd: root)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout == "imported 3 cards into Decks/spanish.md (1 skipped as duplicate)\n")
        let written = try String(contentsOf: root.appendingPathComponent("Decks/spanish.md"), encoding: .utf8)
        #expect(written == """
            tags: #es
            perro :: dog
            Q: gato
            A: cat
            (feline)

            Q: # not a heading
            A: Q: not a marker A: either

            """)
        // With #html:true a newline inside a field is just a space, as in a browser.
        // The written deck reads back to the same cards, and the collection stays clean.
        let source = try checkedCards("spanish.tsv", cwd: root)
        #expect(try checkedCards("Decks/spanish.md", cwd: root) == Array(source.prefix(3)))
        #expect(runRecall(["check"], cwd: root).stdout == "checked 2 decks, 4 cards: no problems\n")
    }

    @Test func importsPlainTextWithAwkwardAnswers() throws {
        let root = RecallProcess.temporaryDirectory()
        let plain = "-\nFirst?\n## looks like a heading\n\n---\ntags: #x\n-\nSecond?\nQ: inside\n```\n-\nThird?\n  indented\n"
        RecallProcess.write(["Decks/.keep": "", "notes.txt": plain], under: root)
        let result = runRecall(["import", "notes.txt", "--into", "Sub/Notes.md"], cwd: root)
        #expect(result.stdout == "imported 3 cards into Decks/Sub/Notes.md\n")
        #expect(try checkedCards("Decks/Sub/Notes.md", cwd: root) == (try checkedCards("notes.txt", cwd: root)))
        let json = runRecall(["check", "--json"], cwd: root).stdout
        #expect(json.contains("\"deck\":\"Sub::Notes\""))
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["Decks/a.md": "old :: card\n", "a.txt": "new\ncard\n"], under: root)
        let refused = runRecall(["import", "a.txt"], cwd: root)
        #expect(refused.status == 1)
        #expect(refused.stderr == """
            recall: error: 'Decks/a.md' already exists
            note: use --force to replace it, or --into to write another deck file

            """)
        let forced = runRecall(["import", "a.txt", "--force"], cwd: root)
        #expect(forced.status == 0)
        #expect(forced.stdout == "imported 1 card into Decks/a.md\n")
        #expect(try String(contentsOf: root.appendingPathComponent("Decks/a.md"), encoding: .utf8) == "new :: card\n")
    }

    @Test func nothingNewAndBadInput() throws {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["Decks/a.md": "q :: a\n", "same.txt": "Q\nA\n", "bad.txt": "Q\n\n-\nq2\na2\n"],
                            under: root)
        let same = runRecall(["import", "same.txt"], cwd: root)
        #expect(same.stdout == "nothing to import: the card in 'same.txt' is already in the collection\n")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Decks/same.md").path))
        let bad = runRecall(["import", "bad.txt"], cwd: root)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("bad.txt:1: error: empty answer\n"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Decks/bad.md").path))
        let wrongTarget = runRecall(["import", "same.txt", "--into", "x.txt"], cwd: root)
        #expect(wrongTarget.status == 64)
        #expect(wrongTarget.stderr.lines.contains("Error: --into must name a Markdown deck file ending in '.md', not 'x.txt'"))
        #expect(runRecall(["import", "missing.tsv"], cwd: root).stderr
            == "recall: error: cannot read 'missing.tsv': no such file or directory\n")
    }

    @Test func largeDelimitedImport() throws {
        let root = RecallProcess.temporaryDirectory()
        var text = "#separator:Tab\n"
        for i in 0..<20_000 { text += "question \(i)\tanswer \(i)\n" }
        RecallProcess.write(["Decks/.keep": "", "big.tsv": text], under: root)
        let result = runRecall(["import", "big.tsv"], cwd: root)
        #expect(result.stdout == "imported 20000 cards into Decks/big.md\n")
        #expect(runRecall(["check"], cwd: root).stdout == "checked 1 deck, 20000 cards: no problems\n")
    }

    @Test func largeFileShowsProgressOnATerminal() throws {
        let root = RecallProcess.temporaryDirectory()
        var text = "#separator:Tab\n"
        let padding = String(repeating: "x", count: 60)
        for i in 0..<60_000 { text += "question \(i) \(padding)\tanswer \(i)\n" }
        RecallProcess.write(["Decks/.keep": "", "big.tsv": text], under: root)
        let terminal = try PTYProcess(path: RecallProcess.binary.path, arguments: [
            "import", root.appendingPathComponent("big.tsv").path,
            "--decks", root.appendingPathComponent("Decks").path,
        ], environment: ["PATH": "/usr/bin:/bin", "HOME": root.path, "NO_COLOR": "1"]
            .merging(RecallProcess.sanitizerEnvironment) { _, new in new })
        try terminal.expect("% writing")
        try terminal.expect("imported 60000 cards into")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func smallFileShowsNoProgress() throws {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["Decks/.keep": "", "small.tsv": "q\ta\n"], under: root)
        let terminal = try PTYProcess(path: RecallProcess.binary.path, arguments: [
            "import", root.appendingPathComponent("small.tsv").path,
            "--decks", root.appendingPathComponent("Decks").path,
        ], environment: ["PATH": "/usr/bin:/bin", "HOME": root.path, "NO_COLOR": "1"]
            .merging(RecallProcess.sanitizerEnvironment) { _, new in new })
        let output = try terminal.expect("imported 1 card into")
        #expect(!output.contains("%"))
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func reportLines() {
        let report = { (added: Int, skipped: Int) in
            Recall.Import.report(file: "a.tsv", target: "Decks/a.md", added: added, skipped: skipped)
        }
        #expect(report(0, 0) == "nothing to import: 'a.tsv' has no cards")
        #expect(report(0, 3) == "nothing to import: all 3 cards in 'a.tsv' are already in the collection")
        #expect(report(1, 0) == "imported 1 card into Decks/a.md")
        #expect(report(95, 5) == "imported 95 cards into Decks/a.md (5 skipped as duplicates)")
    }
}
