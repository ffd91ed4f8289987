import Foundation
import Testing
import RecallTestSupport

/// `recall add` and `recall new` through the built binary: the exact bytes of each format
/// after adding, refusals, and the new card in the collection at once.
@Suite struct AddCommandTests {
    /// A collection with `files` (bytes) under `Decks/`.
    private func collection(_ files: [String: [UInt8]]) -> URL {
        let root = RecallProcess.temporaryDirectory()
        for (path, bytes) in files {
            let url = root.appendingPathComponent("Decks/" + path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(bytes).write(to: url)
        }
        return root
    }

    private func bytes(_ root: URL, _ path: String) -> [UInt8] {
        Array((try? Data(contentsOf: root.appendingPathComponent("Decks/" + path))) ?? Data())
    }

    private let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test func plainDeckWithCRLFAndBOM() {
        let root = collection(["Seed.txt": bom + Array("-\r\nQ1\r\nA1\r\n".utf8)])
        let result = runRecall(["add", "seed", "-q", "What is new?", "-a", "This card."], cwd: root)
        #expect(result.stderr == "")
        #expect(result.stdout == "added 1 card to Seed at Seed.txt:5\n")
        #expect(result.status == 0)
        #expect(bytes(root, "Seed.txt") == bom + Array("-\r\nQ1\r\nA1\r\n-\r\nWhat is new?\r\nThis card.\r\n".utf8))
    }

    @Test func textStartingWithADashIsText() {
        let root = collection(["M.md": Array("q :: a\n".utf8)])
        let result = runRecall(["add", "M", "-q", "What is 2 - 3?", "-a", "-1"], cwd: root)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(runRecall(["add", "M", "-q", "- a list?", "--answer", "--yes"], cwd: root).status == 0)
        #expect(bytes(root, "M.md") == Array("q :: a\nWhat is 2 - 3? :: -1\n\nQ: - a list?\nA: --yes\n".utf8))
    }

    @Test func plainDeckWithoutAFinalNewlineKeepsItSo() {
        let root = collection(["Seed.txt": Array("Q1\nA1".utf8)])
        let result = runRecall(["add", "Seed", "-q", "Q2", "-a", "-"], stdin: "line one\nline two\n", cwd: root)
        #expect(result.stdout == "added 1 card to Seed at Seed.txt:4\n")
        #expect(bytes(root, "Seed.txt") == Array("Q1\nA1\n-\nQ2\nline one\nline two".utf8))
    }

    @Test func markdownSubDeckUnderItsHeading() {
        let text = "# Swift\n\n## Basics\nA :: a\n\n## Closures\nB :: b\n"
        let root = collection(["Swift.md": Array(text.utf8)])
        let result = runRecall(["add", "Swift::Basics", "-q", "C", "-a", "c", "--tags", "new"], cwd: root)
        #expect(result.stdout == "added 1 card to Swift::Basics at Swift.md:7\n")
        #expect(String(decoding: bytes(root, "Swift.md"), as: UTF8.self)
                    == "# Swift\n\n## Basics\nA :: a\n\ntags: #new\nC :: c\n\n## Closures\nB :: b\n")
        let cloze = runRecall(["add", "swift", "--cloze", "Swift came out in {{c1::2014}}."], cwd: root)
        #expect(cloze.stdout == "added 1 card to Swift at Swift.md:3\n")
        let twoWay = runRecall(["add", "Swift::Closures", "-q", "chat", "-a", "cat", "--reversed"], cwd: root)
        #expect(twoWay.stdout == "added 2 cards to Swift::Closures at Swift.md:13\n")
        #expect(runRecall(["check"], cwd: root).stdout == "checked 1 deck, 6 cards: no problems\n")
    }

    @Test func markdownWithCRLFAndBOMUnderAHeadingInTheMiddle() {
        let text = "# Words\r\n\r\n## Nouns\r\ncat :: chat\r\n\r\n## Verbs\r\nto be :: être\r\n"
        let root = collection(["Words.md": bom + Array(text.utf8)])
        let result = runRecall(["add", "Words::Nouns", "-q", "dog", "-a", "chien"], cwd: root)
        #expect(result.stdout == "added 1 card to Words::Nouns at Words.md:5\n")
        #expect(bytes(root, "Words.md") == bom + Array(
            "# Words\r\n\r\n## Nouns\r\ncat :: chat\r\ndog :: chien\r\n\r\n## Verbs\r\nto be :: être\r\n".utf8))
    }

    @Test func tsvWithQuotesAndTabsInTheText() {
        let text = "#separator:Tab\n#columns:Question\tAnswer\tTags\nQ1\tA1\tx\n"
        let root = collection(["Geo/World.tsv": Array(text.utf8)])
        let result = runRecall(["add", "Geo::World", "-q", "Say \"hi\"\tthere", "-a", "a\ttab", "--tags", "t1,t2"], cwd: root)
        #expect(result.stdout == "added 1 card to Geo::World at Geo/World.tsv:4\n")
        #expect(String(decoding: bytes(root, "Geo/World.tsv"), as: UTF8.self)
                    == text + "\"Say \"\"hi\"\"\tthere\"\t\"a\ttab\"\tt1 t2\n")
        let json = runRecall(["check", "--json"], cwd: root).stdout
        #expect(json.contains(#""question":"Say \"hi\"\tthere""#))
    }

    @Test func csvWithCRLFAndQuotes() {
        let root = collection(["Words.csv": Array("one,un\r\n".utf8)])
        let result = runRecall(["add", "Words", "-q", "two, or deux", "-a", "\"deux\""], cwd: root)
        #expect(result.stdout == "added 1 card to Words at Words.csv:2\n")
        #expect(bytes(root, "Words.csv") == Array("one,un\r\n\"two, or deux\",\"\"\"deux\"\"\"\r\n".utf8))
    }

    @Test func duplicateIsRefusedWithThePlaceOfTheFirst() {
        let root = collection(["A.txt": Array("What is it?\nThat.\n".utf8), "B.md": Array("x :: y\n".utf8)])
        let before = bytes(root, "B.md")
        let result = runRecall(["add", "B", "-q", "what is  IT?", "-a", "Other."], cwd: root)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            recall: error: this card is already in the collection: 'What is it?'
            note: it is at A.txt:1; cards whose questions differ only in case or spacing are the same card

            """)
        #expect(bytes(root, "B.md") == before)
        // A two-way card of which one side is new goes in with --force, and only then.
        let twoWay = ["add", "B", "-q", "What is it?", "-a", "Something new", "--reversed"]
        #expect(runRecall(twoWay, cwd: root).status == 1)
        let forced = runRecall(twoWay + ["--force"], cwd: root)
        #expect(forced.stdout == "added 1 card to B at B.md:2\n")
    }

    @Test func aDeckWithErrorsIsNotWritten() {
        let root = collection(["Broken.txt": Array("Q1\n-\nQ2\nA2\n".utf8)])
        let result = runRecall(["add", "Broken", "-q", "Q3", "-a", "A3"], cwd: root)
        #expect(result.status == 1)
        #expect(result.stderr == """
            Broken.txt:1: error: empty answer
            note: the lines after the question 'Q1' are its answer; separate cards with a line holding only '-'
            recall: note: nothing was written: fix 'Broken.txt' first, then add the card again

            """)
        #expect(bytes(root, "Broken.txt") == Array("Q1\n-\nQ2\nA2\n".utf8))
    }

    @Test func linksOutAreRefusedAndLinksInsideAreWrittenThrough() throws {
        let root = collection(["Sub/Real.txt": Array("Q1\nA1\n".utf8)])
        let decks = root.appendingPathComponent("Decks")
        try FileManager.default.createSymbolicLink(atPath: decks.appendingPathComponent("Alias.txt").path,
                                                   withDestinationPath: "Sub/Real.txt")
        let outside = root.appendingPathComponent("outside.txt")
        try Data("O1\nA1\n".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(atPath: decks.appendingPathComponent("Out.txt").path,
                                                   withDestinationPath: outside.path)
        let out = runRecall(["add", "Out", "-q", "Q2", "-a", "A2"], cwd: root)
        #expect(out.status == 1)
        #expect(out.stderr.hasPrefix("recall: error: refusing to write "), "\(out.stderr)")
        #expect(try Data(contentsOf: outside) == Data("O1\nA1\n".utf8))
        #expect(runRecall(["add", "Alias", "-q", "Q3", "-a", "A3"], cwd: root).status == 0)
        #expect(bytes(root, "Sub/Real.txt") == Array("Q1\nA1\n-\nQ3\nA3\n".utf8))
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: decks.appendingPathComponent("Alias.txt").path)
        #expect(link == "Sub/Real.txt")
    }

    @Test func aFolderOfDecksNamesItsDecks() {
        let root = collection(["News/US.txt": Array("Q1\nA1\n".utf8), "News/EU.txt": Array("Q2\nA2\n".utf8)])
        let result = runRecall(["add", "news", "-q", "Q3", "-a", "A3"], cwd: root)
        #expect(result.status == 1)
        #expect(result.stderr == """
            recall: error: 'News' is a folder of decks, with no deck file of its own
            note: add the card to one of its decks: 'News::EU', 'News::US'
            note: or give 'News' a file of its own with 'recall new News'

            """)
        #expect(runRecall(["add", "N\u{1B}[2J", "-q", "Q3", "-a", "A3"], cwd: root).stderr.hasPrefix(
            "recall: error: no deck named 'N␛[2J'\n"))
    }

    @Test func unknownDeckSuggestsNew() {
        let root = collection(["Seed.txt": Array("Q1\nA1\n".utf8)])
        let result = runRecall(["add", "Spanish", "-q", "perro", "-a", "dog"], cwd: root)
        #expect(result.status == 1)
        #expect(result.stderr == """
            recall: error: no deck named 'Spanish'
            note: create it with 'recall new Spanish'
            note: decks: Seed

            """)
        #expect(runRecall(["add", "sed", "-q", "perro", "-a", "dog"], cwd: root).stderr == """
            recall: error: no deck named 'sed'
            note: did you mean 'Seed'?
            note: create it with 'recall new sed'
            note: decks: Seed

            """)
    }

    @Test func newThenAddThenReviewShowsTheCard() {
        let root = collection(["Seed.txt": Array("Q1\nA1\n".utf8)])
        let created = runRecall(["new", "Languages::Spanish"], cwd: root)
        #expect(created.stdout == """
            created Languages/Spanish.md for the deck 'Languages::Spanish'
            next: recall add Languages::Spanish --question TEXT --answer TEXT

            """)
        #expect(runRecall(["new", "languages::spanish", "--format", "tsv"], cwd: root).stderr == """
            recall: error: the deck 'Languages::Spanish' already exists in 'Languages/Spanish.md'; nothing was written
            note: add cards to it with 'recall add Languages::Spanish ...'

            """)
        #expect(runRecall(["add", "Languages::Spanish", "-q", "perro", "-a", "dog"], cwd: root).status == 0)
        #expect(runRecall(["new", "Tables", "--format", "tsv"], cwd: root).status == 0)
        #expect(runRecall(["add", "Tables", "-q", "uno", "-a", "one", "--tags", "numbers"], cwd: root).stdout
                    == "added 1 card to Tables at Tables.tsv:5\n")
        #expect(runRecall(["check"], cwd: root).stdout == "checked 3 decks, 3 cards: no problems\n")
        let review = runRecall(["review", "Languages"], env: ["RECALL_NOW": "2026-12-07T10:00:00Z"], stdin: "\n3\n", cwd: root)
        #expect(review.stdout.contains("  perro\n"))
    }
}
