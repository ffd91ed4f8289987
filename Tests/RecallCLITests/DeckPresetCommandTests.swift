import Foundation
import Testing
import RecallTestSupport

/// Deck presets end to end through the built binary: `recall config deck.NAME.KEY`, the
/// intervals and daily counts they give in `recall review` and `recall decks`, and a merge
/// of two machines that set different deck keys.
@Suite struct DeckPresetCommandTests {
    let root = RecallProcess.temporaryDirectory("recall-presets")
    var decks: URL { root.appendingPathComponent("Decks") }

    func env(_ now: String = "2026-03-01T09:00:00Z") -> [String: String] {
        ["RECALL_DATA": root.appendingPathComponent("data").path, "RECALL_DEVICE": "d-test",
         "RECALL_DECKS": decks.path, "TZ": "UTC", "NO_COLOR": "1", "COLUMNS": "80", "RECALL_NOW": now]
    }

    /// Lang::French and Lang::German (three cards each) and Hobby (three cards).
    func writeDecks() {
        RecallProcess.write([
            "Lang/French.md": "le chat? :: the cat\n\nle chien? :: the dog\n\nla maison? :: the house\n",
            "Lang/German.md": "die Katze? :: the cat\n\nder Hund? :: the dog\n\ndas Haus? :: the house\n",
            "Hobby.md": "knot? :: bowline\n\nstitch? :: purl\n\nbrew? :: mash\n",
        ], under: decks)
    }

    func recall(_ args: [String], now: String = "2026-03-01T09:00:00Z", stdin: String? = nil)
        -> (stdout: String, stderr: String, status: Int32) {
        runRecall(args, env: env(now), stdin: stdin)
    }

    @Test func configSetsShowsAndListsADecksKeys() {
        writeDecks()
        #expect(recall(["config", "deck.Lang.desired_retention", "0.85"]).stdout == "deck.Lang.desired_retention = 0.85\n")
        let steps = recall(["config", "deck.Lang::German.learning_steps", "2m 1h"])
        #expect(steps.stdout == "deck.Lang::German.learning_steps = 2m 1h\n")
        #expect(steps.stderr == "note: 3 cards take learning_steps from deck 'Lang::German'\n")
        let cap = recall(["config", "deck.Lang::French.maximum_interval", "60"])
        #expect(cap.stderr == "note: 3 cards take maximum_interval from deck 'Lang::French'\n")
        #expect(recall(["config", "deck.Lang::French.maximum_interval", "default"]).stderr == "")
        // Whatever the case typed, the deck as the files spell it; a limit has no note.
        let limit = recall(["config", "deck.lang.new_per_day", "4"])
        #expect(limit.stdout == "deck.Lang.new_per_day = 4\n")
        #expect(limit.stderr == "")
        #expect(recall(["config", "deck.Lang::German.learning_steps"]).stdout == "2m 1h\n")
        #expect(recall(["config", "deck.Lang::French.learning_steps"]).stdout == "default\n")
        #expect(recall(["config", "deck.Lang::German"]).stdout == """
            desired_retention = 0.85  (from deck 'Lang')
            new_per_day       = 4  (from deck 'Lang')
            reviews_per_day   = 200  (from the collection)
            learning_steps    = 2m 1h  (set for this deck)
            relearning_steps  = 10m  (from the collection)
            maximum_interval  = 36500  (from the collection)
            parameters        = 0.212 1.2931 2.3065 8.2956 6.4133 0.8334 3.0194 0.001 1.8722 0.1666 0.796 1.4835 0.0614 0.2629 1.6483 0.6014 1.8729 0.5425 0.0912 0.0658 0.1542  (from the collection)

            """)
        let list = recall(["config"]).stdout.split(separator: "\n").suffix(3)
        #expect(Array(list) == ["deck.Lang.desired_retention = 0.85", "deck.Lang.new_per_day = 4",
                                "deck.Lang::German.learning_steps = 2m 1h"])
        #expect(recall(["config", "deck.Lang.new_per_day", "default"]).stdout == "deck.Lang.new_per_day = default\n")
        #expect(recall(["config", "deck.Lang::German"]).stdout.split(separator: "\n")[1]
                == "new_per_day       = 20  (from the collection)")
    }

    @Test(arguments: [
        (["config", "deck.Lang::Frnch.new_per_day", "3"], "Error: no deck named 'Lang::Frnch'; did you mean 'Lang::French'?"),
        (["config", "deck.Cooking.new_per_day", "3"], "Error: no deck named 'Cooking'; run 'recall decks' to list the decks"),
        (["config", "deck.Hobbby"], "Error: no deck named 'Hobbby'; did you mean 'Hobby'?"),
        (["config", "deck.Lang.enable_fuzz", "off"],
         "Error: 'enable_fuzz' is set for the whole collection only; a deck can set desired_retention, new_per_day, reviews_per_day, learning_steps, relearning_steps, maximum_interval, parameters"),
        (["config", "deck.Lang.desired_retention", "1.5"], "Error: desired retention for deck 'Lang' is 1.5, expected more than 0 and less than 1"),
        (["config", "--", "deck.Lang.new_per_day", "-3"], "Error: new cards per day for deck 'Lang' is -3, expected 0 or more"),
        (["config", "deck.Lang.new_per_day", "lots"], "Error: deck.Lang.new_per_day: expected a whole number, found 'lots'"),
        (["config", "deck.Lang.maximum_interval", "0"], "Error: maximum interval for deck 'Lang' is 0 days, expected 1 to 36500"),
        (["config", "deck.Lang.learning_steps", "1x"], "Error: deck.Lang.learning_steps: expected steps like '1m 10m' (units s, m, h, d), found '1x'"),
        (["config", "deck.Lang", "3"], "Error: 'deck.Lang' names a deck, not a setting; set one of its keys, such as 'deck.Lang.new_per_day'"),
    ])
    func badDecksAndValuesAreRefused(arguments: [String], firstLine: String) {
        writeDecks()
        let result = recall(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.split(separator: "\n").first.map(String.init) == firstLine)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("data/collections/decks/settings.json").path))
    }

    /// Two decks with different presets: different daily counts in `recall decks`, different
    /// intervals on the grade prompt, and after a day the schedules they gave.
    @Test func twoDecksWithDifferentPresetsStudyDifferently() {
        writeDecks()
        for args in [["enable_fuzz", "off"], ["deck.Lang.new_per_day", "4"], ["deck.Lang::French.new_per_day", "1"],
                     ["deck.Lang::German.learning_steps", "3m"], ["deck.Lang::German.desired_retention", "0.8"],
                     ["deck.Hobby.maximum_interval", "2"], ["deck.Hobby.new_per_day", "2"]] {
            #expect(recall(["config"] + args).status == 0)
        }
        #expect(recall(["decks"]).stdout == """
            Deck      Cards  New  Learning  Due
            Hobby         3    2         0    0
            Lang          6    4         0    0
              French      3    1         0    0
              German      3    3         0    0
            Total         9    6         0    0

            """)
        // Hobby: the collection's steps, intervals capped at 2 days.
        let hobby = recall(["review", "Hobby"], stdin: "\n4\n\n4\n").stdout.split(separator: "\n").map(String.init)
        #expect(hobby.filter { $0.hasPrefix("  1 again") } == [
            "  1 again <1m  2 hard <6m  3 good <10m  4 easy 2d", "  1 again <1m  2 hard <6m  3 good <10m  4 easy 2d",
        ])
        // German: one 3-minute step, then intervals for 80% recall.
        let german = recall(["review", "Lang::German"], stdin: "\n3\n\n4\n").stdout.split(separator: "\n").map(String.init)
        #expect(german.filter { $0.hasPrefix("  1 again") } == [
            "  1 again <3m  2 hard <5m  3 good 8d  4 easy 28d", "  1 again <3m  2 hard <5m  3 good 8d  4 easy 28d",
        ])
        // Today: Hobby's limit is used up, Lang has 2 of its 4 left (French still its 1).
        #expect(recall(["decks"]).stdout == """
            Deck      Cards  New  Learning  Due
            Hobby         3    0         0    0
            Lang          6    2         0    0
              French      3    1         0    0
              German      3    1         0    0
            Total         9    2         0    0

            """)
        // Two days on, Hobby's cards (capped at 2 days) are due; German's are not.
        #expect(recall(["decks"], now: "2026-03-03T09:00:00Z").stdout == """
            Deck      Cards  New  Learning  Due
            Hobby         3    1         0    2
            Lang          6    2         0    0
              French      3    1         0    0
              German      3    1         0    0
            Total         9    3         0    2

            """)
    }

    /// Presets are kept by deck name: a renamed deck file says its preset is left behind
    /// (in `config`, `decks` and the shell's greeting) until `--rename` moves it.
    @Test func aRenamedDeckWarnsUntilItsPresetIsMoved() throws {
        writeDecks()
        #expect(recall(["config", "deck.Hobby.new_per_day", "2"]).status == 0)
        #expect(recall(["config", "deck.Hobby.maximum_interval", "2"]).status == 0)
        try FileManager.default.moveItem(at: decks.appendingPathComponent("Hobby.md"),
                                         to: decks.appendingPathComponent("Crafts.md"))
        let warning = """
            recall: warning: the preset of deck 'Hobby' matches no deck, so it applies to no card
            note: if the deck was renamed, move its preset with 'recall config deck.Hobby --rename NEW-NAME'

            """
        let listed = recall(["decks"])
        #expect(listed.stderr == warning)
        #expect(listed.stdout.split(separator: "\n").dropFirst().first == "Crafts        3    3         0    0")
        #expect(recall(["config"]).stderr == warning)
        let shell = recall([], stdin: "quit\n").stdout.split(separator: "\n").map(String.init)
        #expect(shell.filter { $0.contains("Hobby") } == [
            "recall: warning: the preset of deck 'Hobby' matches no deck, so it applies to no",
            "note: if the deck was renamed, move its preset with 'recall config deck.Hobby",
        ])
        // Refused without writing: a deck with a preset of its own, and a key with a value.
        #expect(recall(["config", "deck.Lang.new_per_day", "4"]).status == 0)
        let taken = recall(["config", "deck.Hobby", "--rename", "Lang"])
        #expect(taken.stderr.split(separator: "\n").first
                == "Error: deck 'Lang' already has a preset; set its keys one by one ('recall config deck.Lang.KEY VALUE')")
        #expect(taken.status == 64)
        #expect(recall(["config", "deck.Hobby.new_per_day", "3", "--rename", "Crafts"]).status == 64)
        // Moved (whatever the case typed), the keys apply to the renamed deck again.
        let moved = recall(["config", "deck.Hobby", "--rename", "crafts"])
        #expect(moved.stdout == "moved the preset of deck 'Hobby' to deck 'Crafts'\n")
        #expect(moved.status == 0)
        let after = recall(["decks"])
        #expect(after.stderr == "")
        #expect(after.stdout.split(separator: "\n").dropFirst().first == "Crafts        3    2         0    0")
        let config = recall(["config"])
        #expect(config.stderr == "")
        #expect(Array(config.stdout.split(separator: "\n").suffix(3)) == [
            "deck.Crafts.new_per_day = 2", "deck.Crafts.maximum_interval = 2", "deck.Lang.new_per_day = 4",
        ])
        #expect(recall(["config", "deck.Crafts.maximum_interval"]).stdout == "2\n")
    }

    @Test func decksJSONShowsEachDecksPreset() throws {
        writeDecks()
        #expect(recall(["config", "deck.Lang.desired_retention", "0.85"]).status == 0)
        #expect(recall(["config", "deck.Lang::French.reviews_per_day", "50"]).status == 0)
        let data = Data(recall(["decks", "--json"]).stdout.utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let decks = try #require(root["decks"] as? [[String: Any]])
        let french = try #require(decks.first { $0["name"] as? String == "Lang::French" })
        let preset = try #require(french["preset"] as? [String: [String: Any]])
        #expect(preset.keys.sorted() == ["desired_retention", "reviews_per_day"])
        #expect(preset["desired_retention"]?["value"] as? Double == 0.85)
        #expect(preset["desired_retention"]?["from"] as? String == "Lang")
        #expect(preset["reviews_per_day"]?["value"] as? Int == 50)
        #expect(preset["reviews_per_day"]?["from"] as? String == "Lang::French")
        let german = try #require(decks.first { $0["name"] as? String == "Lang::German" })
        #expect((german["preset"] as? [String: [String: Any]])?.keys.sorted() == ["desired_retention"])
        let hobby = try #require(decks.first { $0["name"] as? String == "Hobby" })
        #expect(hobby["preset"] == nil)
    }

    /// `recall stats DECK` measures a deck's true retention against its own target.
    @Test func statsOfADeckUseItsDesiredRetention() throws {
        writeDecks()
        #expect(recall(["config", "deck.Lang.desired_retention", "0.85"]).status == 0)
        func desired(_ args: [String]) throws -> Double? {
            let data = Data(recall(["stats", "--json"] + args).stdout.utf8)
            let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return (root["retention"] as? [String: Any])?["desired"] as? Double
        }
        #expect(try desired(["lang::french"]) == 0.85)
        #expect(try desired(["Hobby"]) == 0.9)
        #expect(try desired([]) == 0.9)
    }

    /// Two machines set different keys of the same deck and of different decks; after a sync
    /// each has them all, and settings.json never conflicts.
    @Test func twoMachinesWithDifferentDeckKeysMergeWithoutAConflict() throws {
        let f = try SyncFixture(label: "recall-sync-presets")
        defer { f.remove() }
        f.writeDecks(f.a, ["Lang/French.md": "le chat? :: the cat\n", "Lang/German.md": "der Hund? :: the dog\n"])
        #expect(f.recall(f.a, ["sync", "init", f.remote.path]).status == 0)
        #expect(f.recall(f.b, ["sync", "init", f.remote.path]).status == 0)
        #expect(f.recall(f.a, ["config", "deck.Lang.desired_retention", "0.8"]).status == 0)
        #expect(f.recall(f.a, ["config", "deck.Lang::German.new_per_day", "3"]).status == 0)
        #expect(f.recall(f.b, ["config", "deck.Lang.maximum_interval", "90"]).status == 0)
        #expect(f.recall(f.b, ["config", "deck.Lang::French.learning_steps", "5m"]).status == 0)
        #expect(f.recall(f.a, ["sync"]).status == 0)
        let merged = f.recall(f.b, ["sync"])
        #expect(merged.stderr == "")
        #expect(merged.stdout == "synced with origin: sent the settings, received the settings\n")
        #expect(f.recall(f.a, ["sync"]).stdout == "synced with origin: sent nothing, received the settings\n")
        for m in [f.a, f.b] {
            let lines = f.recall(m, ["config"]).stdout.split(separator: "\n").suffix(4)
            #expect(Array(lines) == ["deck.Lang.desired_retention = 0.8", "deck.Lang.maximum_interval = 90",
                                     "deck.Lang::French.learning_steps = 5m", "deck.Lang::German.new_per_day = 3"])
            #expect(f.recall(m, ["config", "deck.Lang::French"]).stdout.split(separator: "\n").prefix(6) == [
                "desired_retention = 0.8  (from deck 'Lang')", "new_per_day       = 20  (from the collection)",
                "reviews_per_day   = 200  (from the collection)", "learning_steps    = 5m  (set for this deck)",
                "relearning_steps  = 10m  (from the collection)", "maximum_interval  = 90  (from deck 'Lang')",
            ])
            #expect(f.git(["status", "--porcelain"], in: m.decks).stdout == "")
        }
    }
}
