import Foundation
import Testing
import RecallTestSupport

/// `recall init [DIR]` and the first run in an empty folder.
@Suite struct InitCommandTests {
    /// The first run with no deck folder names `recall init`.
    @Test func firstRunNamesInit() throws {
        let result = runRecall([], stdin: "quit\n")
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        let data = try #require(lines.first)
        #expect(data.hasPrefix("recall: error: the collection folder '") && data.hasSuffix("/data/decks' does not exist"))
        #expect(lines.dropFirst() == ["note: run 'recall init' to create it with example decks, or point --decks or $RECALL_DECKS at your deck folder"])
    }

    @Test func createsOneExampleDeckPerFormatThatChecksClean() throws {
        let root = RecallProcess.temporaryDirectory()
        let result = runRecall(["init", "My Cards"], cwd: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout == """
            created My Cards with 3 example decks:
              My Cards/Recall basics.txt    plain text: a question line, its answer, '-' between cards
              My Cards/Markdown example.md  Markdown: 'question :: answer' lines, Q:/A: blocks, {{c1::clozes}}
              My Cards/Capitals.tsv         a table: question, answer and tags split by tabs, as Anki exports
            next:
              recall --decks "My Cards"        open the study shell, then type 'review'
              recall check --decks "My Cards"  check the decks after you edit them
              (or set RECALL_DECKS="My Cards" to leave out --decks)

            """)
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("My Cards").path)
        #expect(Set(files) == ["Recall basics.txt", "Markdown example.md", "Capitals.tsv"])
        let check = runRecall(["check", "--decks", "My Cards"], cwd: root)
        #expect(check.status == 0)
        #expect(check.stderr == "")
        #expect(check.stdout == "checked 3 decks, 9 cards: no problems\n")
        let decks = runRecall(["--decks", "My Cards", "decks"], env: ["RECALL_NOW": "2026-03-01"], cwd: root)
        #expect(decks.status == 0, "\(decks.stderr)")
    }

    /// Without DIR it makes the folder plain `recall` uses, and the next steps need no --decks.
    @Test func defaultFolderIsTheOneRecallUses() {
        let root = RecallProcess.temporaryDirectory()
        let data = root.appendingPathComponent("data").path
        let result = runRecall(["init"], env: ["RECALL_DATA": data], cwd: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("""
            next:
              recall        open the study shell, then type 'review'
              recall check  check the decks after you edit them

            """))
        let decks = runRecall(["decks"], env: ["RECALL_DATA": data, "RECALL_NOW": "2026-03-01"], cwd: root)
        #expect(decks.status == 0, "\(decks.stderr)")
        #expect(decks.stdout.contains("Capitals"))
    }

    @Test func neverWritesIntoAFolderThatHoldsFiles() throws {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["Decks/mine.txt": "Q\nA\n"], under: root)
        let result = runRecall(["init", "Decks"], cwd: root)
        #expect(result.status == 1)
        #expect(result.stderr == """
            recall: error: 'Decks' already holds files; nothing was written
            note: give 'recall init' a new or empty folder

            """)
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Decks").path)
        #expect(files == ["mine.txt"])
    }
}
