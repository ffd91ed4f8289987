import Foundation
import Testing
@testable import RecallCLI
import RecallStore
import RecallTestSupport

@Suite struct DecksCommandTests {
    private func collection() -> URL {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write([
            "Decks/History/Gaza.txt": "Q1\nA1\n-\nQ2\nA2\n",
            "Decks/History.md": "h :: 1\n## Rome\nr :: 2\n",
            "Decks/swift.md": "a :: 1\nb :: 2\nc :: 3\n",
            "Decks/Geography.tsv": "France\tParis\n",
        ], under: root)
        return root
    }

    @Test func tableWithSubDecks() {
        let result = runRecall(["decks"], cwd: collection())
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            Deck       Cards  New  Learning  Due
            Geography      1    1         0    0
            History        4    4         0    0
              Gaza         2    2         0    0
              Rome         1    1         0    0
            swift          3    3         0    0
            Total          8    8         0    0

            """)
    }

    @Test func json() {
        let result = runRecall(["decks", "--json"], cwd: collection())
        #expect(result.stdout == """
            {"decks":[{"cards":1,"due":0,"learning":0,"name":"Geography","new":1},\
            {"cards":1,"due":0,"learning":0,"name":"History","new":4},\
            {"cards":2,"due":0,"learning":0,"name":"History::Gaza","new":2},\
            {"cards":1,"due":0,"learning":0,"name":"History::Rome","new":1},\
            {"cards":3,"due":0,"learning":0,"name":"swift","new":3}],"due":0,"learning":0,"new":8,"total":8}

            """)
    }

    @Test func problemsArePointedOut() {
        let root = collection()
        RecallProcess.write(["Decks/broken.md": "Q: no answer\n"], under: root)
        let result = runRecall(["decks"], cwd: root)
        #expect(result.status == 0)
        #expect(result.stderr == "note: 1 error in deck files; run 'recall check' for details\n")
    }

    @Test func missingCollection() {
        let result = runRecall(["decks", "--decks", "nowhere"])
        #expect(result.status == 1)
        #expect(result.stderr == """
            recall: error: the collection folder 'nowhere' does not exist
            note: run 'recall init nowhere' to create it with example decks, or point --decks or $RECALL_DECKS at your deck folder

            """)
    }

    /// After answering cards through a piped review, the counts move from New to Learning/Due.
    @Test func todayCountsFollowTheReviewLog() throws {
        let root = collection()
        let env = ["RECALL_NOW": "2026-03-02T10:00:00Z", "TZ": "UTC", "RECALL_DATA": root.appendingPathComponent("data").path]
        // Geography has one card: reveal it and answer Good (it goes to its 10-minute step).
        let review = runRecall(["review", "Geography"], env: env, stdin: "\n3\n", cwd: root)
        #expect(review.status == 0)
        let result = runRecall(["decks"], env: env, cwd: root)
        #expect(result.status == 0)
        #expect(result.stdout.lines.contains("Geography      1    0         1    0"), "\(result.stdout)")
        #expect(result.stdout.lines.contains("Total          8    7         1    0"), "\(result.stdout)")
    }

    /// The listing reads deck files through the start-up cache that review sessions keep:
    /// a second listing is the same, an edited file is read again, and a file with a problem
    /// is pointed out every time.
    @Test func listingsThroughTheCacheFollowEdits() throws {
        let root = collection()
        let data = root.appendingPathComponent("data")
        let env = ["RECALL_NOW": "2026-03-02T10:00:00Z", "TZ": "UTC", "RECALL_DATA": data.path]
        #expect(runRecall(["review"], env: env, stdin: "", cwd: root).status == 0)  // makes the data folder
        let cache = StoreLocation(dataDirectory: data.path, decksDirectory: root.appendingPathComponent("Decks").path)
            .folder + "/decks.bin"
        try? FileManager.default.removeItem(atPath: cache)
        let first = runRecall(["decks"], env: env, cwd: root)
        #expect(FileManager.default.fileExists(atPath: cache))
        #expect(runRecall(["decks"], env: env, cwd: root).stdout == first.stdout)
        RecallProcess.write(["Decks/swift.md": "a :: 1\nb :: 2\nc :: 3\nd :: 4\n",
                             "Decks/broken.md": "Q: no answer\n"], under: root)
        for _ in 0..<2 {
            let edited = runRecall(["decks"], env: env, cwd: root)
            #expect(edited.stdout.lines.contains("swift          4    4         0    0"), "\(edited.stdout)")
            #expect(edited.stdout.lines.contains("Total          9    9         0    0"), "\(edited.stdout)")
            #expect(edited.stderr == "note: 1 error in deck files; run 'recall check' for details\n")
        }
    }

    @Test func tableSeamTakesMoreColumns() {
        let table = DeckTable(titles: ["New", "Due"], counts: ["A::B": [1, 2], "A": [3, 0], "C": [0, 10]])
        #expect(table.render() == """
            Deck   New  Due
            A        4    2
              B      1    2
            C        0   10
            Total    4   12

            """)
    }
}
