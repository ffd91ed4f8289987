import Foundation
import Testing
import RecallTestSupport

/// `recall cards`: listing, queries, actions written to the log, and their merge.
@Suite struct CardsCommandTests {
    let root = RecallProcess.temporaryDirectory("recall-cards")
    static let start = "2026-03-10T09:00:00Z"

    init() {
        RecallProcess.write([
            "Decks/Geography.txt": "Capital of France?\nParis\n-\nCapital of Japan?\nTokyo\n-\nCapital of Peru?\nLima\n",
            "Decks/Lang/Swift.txt": "What is a closure?\nA function that captures its context\n-\nWhat does let declare?\nA constant\n",
        ], under: root)
    }

    /// Runs `recall ARGS` on the fixture at `now` (UTC), as device `device`.
    @discardableResult
    func run(_ args: [String], now: String = start, stdin: String? = nil, data: String = "data",
             device: String = "desk") -> (stdout: String, stderr: String, status: Int32) {
        runRecall(args + ["--decks", "Decks", "--data", data],
                  env: ["TZ": "UTC", "RECALL_NOW": now, "RECALL_DEVICE": device], stdin: stdin, cwd: root)
    }

    /// Studies the Geography cards: France good, good; Japan good, good; Peru again.
    func studyGeography(data: String = "data") {
        let r = run(["review", "Geography"], stdin: "\n3\n\n3\n\n1\n\n3\n\n3\n:quit\n", data: data)
        #expect(r.status == 0, "\(r.stderr)")
    }

    func ids(_ query: [String], data: String = "data", now: String = start) -> [String] {
        run(["cards", "--ids"] + query, now: now, data: data).stdout.split(separator: "\n").map(String.init)
    }

    @Test func listsTheCardsAQuerySelects() {
        studyGeography()
        let r = run(["cards", "deck:Geography", "--sort", "deck"])
        #expect(r.stderr == "")
        #expect(r.status == 0)
        #expect(r.stdout == """
            Deck       Question                     State       Due        Ivl     R  Lapses
            Geography  Capital of France?           review      in 2d       2d  100%       0
            Geography  Capital of Japan?            learning    today        -  100%       0
            Geography  Capital of Peru?             learning    today        -  100%       0
            3 cards

            """)
        #expect(run(["cards", "is:new"]).stdout.hasSuffix("\n2 cards\n"))
        #expect(run(["cards", "capital", "-is:learn"]).stdout.hasSuffix("\n1 card\n"))
        #expect(run(["cards", "capital", "--limit", "1"]).stdout.hasSuffix("\n1 of 3 cards shown\n"))
        // AND binds tighter than OR, as in Anki.
        #expect(run(["cards", "closure OR capital of peru"]).stdout.hasSuffix("\n2 cards\n"))
    }

    /// `cards Geography` searches the text, as in Anki; it says so, since `review Geography`
    /// takes the deck and "0 cards" would read as an empty deck.
    @Test func aWordNamingADeckGetsANote() {
        let r = run(["cards", "geography"])
        #expect(r.status == 0)
        #expect(r.stdout == "0 cards\n")
        #expect(r.stderr == "note: 'Geography' matches the cards' text, not the deck; for the deck, write deck:Geography\n")
        #expect(run(["cards", "\"Lang::Swift\"", "--ids"]).stderr.hasSuffix("write deck:Lang::Swift\n"))
        #expect(run(["cards", "capital", "-Geography"]).stderr == "")
    }

    @Test func aBadQueryIsAUsageErrorAtItsColumn() {
        let r = run(["cards", "deck:Geography", "is:nwe"])
        #expect(r.status == 64)
        #expect(r.stdout == "")
        #expect(r.stderr == """
            recall: error: query column 16: unknown card state 'nwe' in 'is:nwe'
              deck:Geography is:nwe
                             ^
            note: is: takes new, learn, review, due, suspended, buried, leech or overdue

            """)
        let option = run(["cards", "--sorting", "due"])
        #expect(option.status == 64)
        #expect(option.stderr.hasPrefix("Error: Unknown option '--sorting'\n"), "\(option.stderr)")
    }

    @Test func jsonGivesEveryField() throws {
        studyGeography()
        let r = run(["cards", "--json", "capital of france"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["count"] as? Int == 1)
        let card = try #require((json["cards"] as? [[String: Any]])?.first)
        #expect(card["source"] as? String == "Geography.txt:1")
        #expect(card["state"] as? String == "review")
        #expect(card["reps"] as? Int == 2)
        #expect(card["dueInDays"] as? Int == 2)
        #expect(card["suspended"] as? Bool == false)
        #expect(card["stability"] is Double)
        #expect(card["id"] as? String == ids(["capital of france"]).first)
    }

    /// `--ids` output fed back through xargs-style arguments selects the same cards.
    @Test func idsGoBackInAsAQuery() {
        let new = ids(["is:new"])
        #expect(new.count == 5)
        let suspend = run(["cards", "--suspend"] + new)
        #expect(suspend.stdout == "suspended 5 cards\n")
        #expect(ids(["is:suspended"]) == new)
        let again = run(["cards", "--suspend"] + new.prefix(2))
        #expect(again.stdout == "suspended 0 cards (2 left as they were)\n")
    }

    @Test func everyActionIsWrittenToTheLogAndReplays() throws {
        studyGeography()
        #expect(run(["cards", "deck:Geography", "--bury"]).stdout == "buried 3 cards until tomorrow\n")
        #expect(ids(["is:buried"]).count == 3)
        // A new study day: the bury is over.
        #expect(ids(["is:buried"], now: "2026-03-11T09:00:00Z").isEmpty)
        #expect(run(["cards", "capital of peru", "--unbury"]).stdout == "unburied 1 card\n")
        #expect(ids(["is:buried"]).count == 2)
        let peru = ids(["peru"])
        #expect(run(["cards", "peru", "--forget"]).stdout == "forgot 1 card: new again, their history stays in the log\n")
        #expect(ids(["is:new"]).contains(peru[0]))
        #expect(run(["cards", "france", "--set-due", "0", "--dry-run"]).stdout.hasSuffix(
            "\nwould set 1 card due today; nothing changed (--dry-run)\n"))
        #expect(try dueInDays("france") == 2)
        #expect(run(["cards", "france", "--set-due", "0"]).stdout == "set 1 card due today\n")
        #expect(try dueInDays("france") == 0)
        #expect(run(["cards", "france", "--reschedule"]).stdout == "rescheduled 1 card\n")
        #expect(try dueInDays("france") == 2)
        // Everything was written as events, which a fresh replay agrees with.
        let log = try String(contentsOf: root.appendingPathComponent("data/collections/decks/reviews.jsonl"), encoding: .utf8)
        for event in ["bury", "unbury", "forget", "setdue", "reschedule"] {
            #expect(log.contains("\"ev\":\"\(event)\""), "\(event)")
        }
        run(["cards", "france", "--set-due", "5"])
        #expect(try dueInDays("france") == 5)
        try? FileManager.default.removeItem(at: root.appendingPathComponent("data/collections/decks/state.json"))
        #expect(try dueInDays("france") == 5)
        #expect(ids(["is:buried"]).count == 2)
    }

    func dueInDays(_ query: String) throws -> Int? {
        let r = run(["cards", "--json", query])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return (json["cards"] as? [[String: Any]])?.first?["dueInDays"] as? Int
    }

    @Test func statsCountSuspendedBuriedAndForgottenCards() throws {
        studyGeography()
        run(["cards", "france", "--forget"])
        run(["cards", "japan", "--bury"])
        run(["cards", "closure", "--suspend"])
        let r = run(["stats", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let cards = try #require(json["cards"] as? [String: Int])
        #expect(cards == ["new": 1, "learning": 1, "review": 0, "relearning": 0, "suspended": 1,
                          "buried": 1, "forgotten": 1, "total": 5])
        let text = run(["stats"]).stdout
        #expect(text.contains("Cards · 5 cards: 1 new · 1 learning · 0 review · 0 relearning · 1 suspended · 1 buried · 1 forgotten\n"),
                "\(text)")
    }

    /// In the shell, `cards` with an action lets go of the shell's lock around it, and the
    /// shell sees the change afterwards.
    @Test func theShellRunsCardsActions() {
        let r = run([], stdin: "cards deck:Geography --limit 2 --suspend\ncards --ids is:suspended\nreview Geography is:suspended\nquit\n")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let at = lines.firstIndex(of: "suspended 2 cards")
        #expect(at != nil, "\(r.stdout)")
        if let at {
            #expect(lines[at + 1].count == 16 && lines[at + 2].count == 16)
            #expect(lines[at + 3] == "Nothing to review now.")
        }
        #expect(ids(["is:suspended"]).count == 2)
    }

    /// `added:N` knows when each card was first seen in a deck file.
    @Test func addedFindsCardsFirstSeenRecently() throws {
        studyGeography()
        let file = root.appendingPathComponent("Decks/Geography.txt")
        try (String(contentsOf: file, encoding: .utf8) + "-\nCapital of Chile?\nSantiago\n").write(to: file, atomically: true, encoding: .utf8)
        let day5 = "2026-03-15T09:00:00Z"
        #expect(run(["cards", "added:1"], now: day5).stdout.hasSuffix("Capital of Chile?            new         -            -     -       0\n1 card\n"))
        #expect(ids(["added:6"], now: day5).count == 6)
        #expect(ids(["added:5"], now: day5).count == 1)
        // A writer records the new card as seen today.
        #expect(run(["review"], now: day5, stdin: ":quit\n").status == 0)
        let day6 = "2026-03-16T09:00:00Z"
        #expect(ids(["added:1"], now: day6).isEmpty)
        #expect(ids(["added:2"], now: day6).count == 1)
    }

    /// An unsuspend made on another device reaches this one through `recall merge`.
    @Test func anUnsuspendFromAnotherDeviceMerges() throws {
        studyGeography()
        #expect(run(["cards", "deck:Geography", "--suspend"]).stdout == "suspended 3 cards\n")
        // The laptop has a copy of this progress and unsuspends one card an hour later.
        try FileManager.default.copyItem(at: root.appendingPathComponent("data"), to: root.appendingPathComponent("laptop"))
        let later = "2026-03-10T10:00:00Z"
        #expect(run(["cards", "japan", "--unsuspend"], now: later, data: "laptop", device: "laptop").stdout
                == "unsuspended 1 card\n")
        let merge = run(["merge", "laptop"], now: later)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.hasSuffix("1 new entry (0 reviews), 9 in the log\n"), "\(merge.stdout)")
        #expect(ids(["is:suspended"], now: later).count == 2)
        #expect(ids(["japan", "-is:suspended"], now: later).count == 1)
    }
}
