import Foundation
import Testing
import RecallTestSupport

/// `recall config` and `recall merge` end to end, through the built binary.
@Suite struct ConfigCommandTests {
    let root = RecallProcess.temporaryDirectory("recall-config")
    var env: [String: String] {
        ["RECALL_DATA": root.appendingPathComponent("data").path, "RECALL_DEVICE": "d-test",
         "RECALL_DECKS": root.appendingPathComponent("Decks").path, "TZ": "UTC"]
    }
    var settingsFile: URL { root.appendingPathComponent("data/collections/decks/settings.json") }

    @Test func listsShowsAndSetsSettings() throws {
        RecallProcess.write(["Swift.md": "let? :: constant\n"], under: root.appendingPathComponent("Decks"))
        let set = runRecall(["config", "desired_retention", "0.85"], env: env)
        #expect(set.stdout == "desired_retention = 0.85\n")
        #expect(set.status == 0)
        #expect(runRecall(["config", "desired_retention"], env: env).stdout == "0.85\n")
        #expect(runRecall(["config", "learning_steps", "30s 5m 1h"], env: env).stdout == "learning_steps = 30s 5m 1h\n")
        #expect(runRecall(["config", "deck.Swift.new_per_day", "30"], env: env).stdout == "deck.Swift.new_per_day = 30\n")
        let list = runRecall(["config"], env: env).stdout.split(separator: "\n")
        #expect(list.first == "scheduler = fsrs")
        #expect(list.contains("desired_retention = 0.85"))
        #expect(list.last == "deck.Swift.new_per_day = 30")
        let text = try String(contentsOf: settingsFile, encoding: .utf8)
        #expect(text.contains("\"desired_retention\": 0.85,\n"))
        #expect(runRecall(["config", "deck.Swift.new_per_day", "default"], env: env).stdout == "deck.Swift.new_per_day = default\n")
    }

    @Test func deckParametersAreSetForTheDecksCardsShownAndRemoved() throws {
        RecallProcess.write(["Swift.md": "let? :: constant\n\nvar? :: variable\n", "Go.md": "go? :: run\n"],
                            under: root.appendingPathComponent("Decks"))
        var w = [0.3, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
                 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542]
        let text = w.map { "\($0)" }.joined(separator: " ")
        let set = runRecall(["config", "deck.Swift.parameters", text], env: env)
        #expect(set.status == 0)
        #expect(set.stdout == "deck.Swift.parameters = \(text)\n")
        #expect(set.stderr == "note: 2 cards of 'Swift' use these parameters\n")
        #expect(runRecall(["config", "deck.Swift.parameters"], env: env).stdout == text + "\n")
        #expect(runRecall(["config"], env: env).stdout.hasSuffix("\ndeck.Swift.parameters = \(text)\n"))
        #expect(runRecall(["config", "deck.Go.parameters"], env: env).stdout == "default\n")
        let saved = try String(contentsOf: settingsFile, encoding: .utf8)
        #expect(saved.contains("\"deck_presets\": {\"Swift\":{\"cards\":[\""))
        w[20] = 2
        let bad = runRecall(["config", "deck.Swift.parameters", w.map { "\($0)" }.joined(separator: " ")], env: env)
        #expect(bad.status == 64)
        #expect(bad.stderr.hasPrefix("Error: parameter w20 for deck 'Swift' is 2, expected 0.1 to 0.8\n"))
        #expect(runRecall(["config", "deck.Swift.parameters", "default"], env: env).stdout == "deck.Swift.parameters = default\n")
        #expect(!(try String(contentsOf: settingsFile, encoding: .utf8)).contains("deck_presets"))
    }

    @Test(arguments: [
        (["config", "desired_retention", "2"], "Error: desired retention is 2, expected more than 0 and less than 1"),
        (["config", "scheduler", "sm3"], "Error: scheduler: expected fsrs or sm2, found 'sm3'"),
        (["config", "new_per_day", "lots"], "Error: new_per_day: expected a whole number, found 'lots'"),
        (["config", "nope"], "Error: unknown setting 'nope'; run 'recall config' to list the settings"),
    ])
    func rejectsBadValuesAsUsageErrors(arguments: [String], firstLine: String) {
        let result = runRecall(arguments, env: env)
        #expect(result.status == 64)
        #expect(result.stderr.split(separator: "\n").first.map(String.init) == firstLine)
        #expect(!FileManager.default.fileExists(atPath: settingsFile.path))
    }

    /// On/off settings are shown as they are typed, `on` and `off`; the file keeps booleans.
    @Test func flagsShowAsOnAndOff() throws {
        #expect(runRecall(["config", "enable_fuzz"], env: env).stdout == "on\n")
        let set = runRecall(["config", "enable_fuzz", "off"], env: env)
        #expect(set.stdout == "enable_fuzz = off\n")
        #expect(runRecall(["config", "enable_fuzz"], env: env).stdout == "off\n")
        let list = runRecall(["config"], env: env).stdout.split(separator: "\n")
        #expect(list.contains("enable_fuzz = off"))
        #expect(list.contains("load_balance = on"))
        #expect(list.contains("autoplay = off"))
        let text = try String(contentsOf: settingsFile, encoding: .utf8)
        #expect(text.contains("\"enable_fuzz\": false,\n"))
        let bad = runRecall(["config", "autoplay", "maybe"], env: env)
        #expect(bad.status == 64)
        #expect(bad.stderr.split(separator: "\n").first == "Error: autoplay: expected on or off, found 'maybe'")
    }

    /// In the study shell, a key's hint names `config` and `decks` as the shell reads them.
    @Test func theShellsHintsNameShellCommands() {
        RecallProcess.write(["Swift.md": "let? :: constant\n"], under: root.appendingPathComponent("Decks"))
        let r = runRecall(["--no-color"], env: env, stdin: "config nope\nconfig deck.Cooking.new_per_day 3\nquit\n")
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("Error: ") }
        #expect(errors == ["Error: unknown setting 'nope'; run 'config' to list the settings",
                           "Error: no deck named 'Cooking'; run 'decks' to list the decks"])
    }

    @Test func mergeReportsNewReviewsAndIsIdempotent() throws {
        let other = root.appendingPathComponent("other.jsonl")
        try Data((#"{"card":"0123456789abcdef","device":"d-x","dur":5,"ev":"review","r":3,"t":1764061200123}"# + "\n"
            + #"{"card":"0123456789abcdef","device":"d-x","dur":0,"ev":"suspend","t":1764061300000}"# + "\n").utf8).write(to: other)
        // The card is in no deck here: only --force merges it.
        let first = runRecall(["merge", "--force", other.path], env: env)
        #expect(first.stdout == "0 of the 1 card in '\(other.path)' is in this collection's decks\n"
            + "merged '\(other.path)': 2 new entries (1 review), 2 in the log\n")
        #expect(first.status == 0)
        let again = runRecall(["merge", "--force", other.path], env: env)
        #expect(again.stdout.hasSuffix("merged '\(other.path)': 0 new entries (0 reviews), 2 in the log\n"))
        let none = runRecall(["merge"], env: env)
        #expect(none.stdout.hasPrefix("no sync-conflict copies of the review log to merge in"))
    }

    @Test func aBadLineInTheOtherLogStopsTheMerge() throws {
        let other = root.appendingPathComponent("bad.jsonl")
        try Data("{\"card\":1}\n{}\n".utf8).write(to: other)
        let result = runRecall(["merge", other.path], env: env)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(other.path):1: error: expected a string, found '1'\nnote: "))
    }
}
