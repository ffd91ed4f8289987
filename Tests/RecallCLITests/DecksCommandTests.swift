import Foundation
import Testing
@testable import RecallCLI

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
            Deck       Cards
            Geography      1
            History        4
              Gaza         2
              Rome         1
            swift          3
            Total          8

            """)
    }

    @Test func json() {
        let result = runRecall(["decks", "--json"], cwd: collection())
        #expect(result.stdout == """
            {"decks":[{"cards":1,"name":"Geography"},{"cards":1,"name":"History"},{"cards":2,"name":"History::Gaza"},\
            {"cards":1,"name":"History::Rome"},{"cards":3,"name":"swift"}],"total":8}

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
            note: point --decks or $RECALL_DECKS at your deck folder

            """)
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
