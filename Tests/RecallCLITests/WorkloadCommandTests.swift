import Foundation
import Testing
import RecallTestSupport

/// Due dates kept across settings changes, `recall reschedule`, easy days and merges of
/// devices with different settings, through the binary across simulated days.
@Suite struct WorkloadCommandTests {
    let root = RecallProcess.temporaryDirectory("recall-workload")

    init() {
        RecallProcess.write([
            "Decks/Geography.txt": "Capital of France?\nParis\n-\nCapital of Japan?\nTokyo\n-\nCapital of Peru?\nLima\n",
        ], under: root)
    }

    @discardableResult
    func run(_ args: [String], now: String, stdin: String? = nil, data: String = "data",
             device: String = "desk") -> (stdout: String, stderr: String, status: Int32) {
        runRecall(args + ["--decks", "Decks", "--data", data],
                  env: ["TZ": "UTC", "RECALL_NOW": now, "RECALL_DEVICE": device], stdin: stdin, cwd: root)
    }

    /// Day 1: all three cards good, then France good (2d) and Japan easy (3d); day 3: Peru
    /// good and France good, as review cards with their intervals recorded.
    func study(data: String = "data", device: String = "desk") {
        var r = run(["review"], now: "2026-03-10T09:00:00Z", stdin: "\n3\n\n3\n\n3\n\n3\n\n4\n", data: data, device: device)
        #expect(r.status == 0, "\(r.stderr)")
        r = run(["review"], now: "2026-03-12T09:00:00Z", stdin: "\n3\n\n3\n", data: data, device: device)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.lines.filter { $0.hasPrefix("  →") } == ["  → good (12d)", "  → good (11d)"])
    }

    static let scheduled = """
        Deck       Question                     State       Due        Ivl     R  Lapses
        Geography  Capital of France?           review      in 11d     11d  100%       0
        Geography  Capital of Japan?            review      in 1d       3d   94%       0
        Geography  Capital of Peru?             review      in 12d     12d  100%       0
        3 cards

        """

    @Test func aSettingsChangeKeepsDueDatesAndRescheduleMovesThemUndoably() throws {
        study()
        let now = "2026-03-12T10:00:00Z"
        let log = root.appendingPathComponent("data/collections/decks/reviews.jsonl")
        let lines = try String(contentsOf: log, encoding: .utf8).lines
        // The answer records the interval the grade prompt showed (`dur` and `t` depend on the clock).
        let last = lines.last ?? ""
        #expect(last.hasPrefix(#"{"card":"78f073861b214b58","device":"desk","dur":"#), "\(last)")
        #expect(last.contains(#","ev":"review","ivl":11,"r":3,"t":"#), "\(last)")
        #expect(run(["config", "desired_retention", "0.97"], now: now).stdout == "desired_retention = 0.97\n")
        #expect(run(["cards", "--sort", "deck"], now: now).stdout == Self.scheduled)

        let dry = run(["reschedule", "--dry-run"], now: now)
        #expect(dry.status == 0 && dry.stderr == "")
        #expect(dry.stdout == "would reschedule 3 cards; nothing changed (--dry-run)\ndue today: 0 → 1; next 7 days: 1 → 3\n")
        #expect(run(["cards", "--sort", "deck"], now: now).stdout == Self.scheduled)

        #expect(run(["reschedule"], now: now).stdout == "rescheduled 3 cards\ndue today: 0 → 1; next 7 days: 1 → 3\n")
        #expect(run(["cards", "--sort", "deck"], now: now).stdout == """
            Deck       Question                     State       Due        Ivl     R  Lapses
            Geography  Capital of France?           review      in 2d       2d  100%       0
            Geography  Capital of Japan?            review      1d ago      1d   94%       0
            Geography  Capital of Peru?             review      in 2d       2d  100%       0
            3 cards

            """)
        // Nothing left to move: a second run changes nothing.
        #expect(run(["reschedule", "deck:Geography"], now: now).stdout == "rescheduled 0 cards (3 left as they were)\ndue today: 1 → 1; next 7 days: 3 → 3\n")

        #expect(run(["reschedule", "--undo"], now: now).stdout == "took back the reschedule of 3 cards\ndue today: 1 → 0; next 7 days: 3 → 1\n")
        #expect(run(["cards", "--sort", "deck"], now: now).stdout == Self.scheduled)
        #expect(run(["reschedule", "--undo"], now: now).stdout == "no reschedule to take back on this device\n")
        // The day after, the kept dates still hold.
        #expect(run(["cards", "--sort", "deck"], now: "2026-03-13T10:00:00Z").stdout == """
            Deck       Question                     State       Due        Ivl     R  Lapses
            Geography  Capital of France?           review      in 10d     11d   99%       0
            Geography  Capital of Japan?            review      today       3d   92%       0
            Geography  Capital of Peru?             review      in 11d     12d   99%       0
            3 cards

            """)
    }

    @Test func aSettingsChangeKeepsTheDueDatesOfCardsAnsweredBeforeTheyWereRecorded() throws {
        study()
        let now = "2026-03-12T10:00:00Z"
        // The log as a Recall from before kept due dates wrote it: no intervals.
        let log = root.appendingPathComponent("data/collections/decks/reviews.jsonl")
        let old = try String(contentsOf: log, encoding: .utf8)
            .replacingOccurrences(of: #","ivl":[0-9]+"#, with: "", options: .regularExpression)
        try old.write(to: log, atomically: true, encoding: .utf8)
        let before = run(["cards", "--sort", "deck"], now: now).stdout
        let changed = run(["config", "desired_retention", "0.97"], now: now)
        #expect(changed.stdout == "desired_retention = 0.97\n")
        // (After a warning that the log no longer matches the snapshot: it was rewritten above.)
        #expect(changed.stderr.lines.last == "note: 3 cards already scheduled keep their due dates; "
            + "'recall reschedule' moves them to what the new value gives")
        #expect(run(["cards", "--sort", "deck"], now: now).stdout == before)
        // Nothing moves on a second change either, and reschedule still moves them.
        #expect(run(["config", "desired_retention", "0.96"], now: now).stderr == "")
        #expect(run(["cards", "--sort", "deck"], now: now).stdout == before)
        #expect(run(["reschedule", "--dry-run"], now: now).stdout.hasPrefix("would reschedule 3 cards"))
    }

    @Test func configRescheduleMovesTheCardsAtOnce() {
        study()
        let r = run(["config", "desired_retention", "0.97", "--reschedule"], now: "2026-03-12T10:00:00Z")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "desired_retention = 0.97\nrescheduled 3 cards\ndue today: 0 → 1; next 7 days: 1 → 3\n")
        #expect(run(["config", "desired_retention", "--reschedule"], now: "2026-03-12T10:00:00Z").status == 64)
    }

    @Test func twoDevicesWithDifferentSettingsMergeToTheSameDueDates() throws {
        // The laptop aims higher and has easy weekends; both study the same cards.
        run(["config", "desired_retention", "0.97"], now: "2026-03-09T09:00:00Z", data: "laptop", device: "laptop")
        run(["config", "easy_days", "sat=0 sun=0"], now: "2026-03-09T09:00:00Z", data: "laptop", device: "laptop")
        study()
        var r = run(["review"], now: "2026-03-11T20:00:00Z", stdin: "\n3\n\n3\n\n3\n\n4\n\n3\n\n3\n", data: "laptop", device: "laptop")
        #expect(r.status == 0, "\(r.stderr)")
        r = run(["merge", "laptop"], now: "2026-03-14T09:00:00Z")
        #expect(r.status == 0, "\(r.stderr)")
        r = run(["merge", "data"], now: "2026-03-14T09:00:00Z", data: "laptop", device: "laptop")
        #expect(r.status == 0, "\(r.stderr)")
        let desk = try Data(contentsOf: root.appendingPathComponent("data/collections/decks/reviews.jsonl"))
        let laptop = try Data(contentsOf: root.appendingPathComponent("laptop/collections/decks/reviews.jsonl"))
        #expect(desk == laptop)
        let here = run(["cards", "--sort", "deck"], now: "2026-03-14T09:00:00Z")
        let there = run(["cards", "--sort", "deck"], now: "2026-03-14T09:00:00Z", data: "laptop", device: "laptop")
        #expect(here.stdout == there.stdout)
        #expect(here.stdout.hasSuffix("3 cards\n"))
    }

    @Test func easyDaysAreASettingWithItsOwnSyntax() {
        let now = "2026-03-10T09:00:00Z"
        #expect(run(["config", "easy_days"], now: now).stdout == "none\n")
        #expect(run(["config", "easy_days", "Saturday=50 sun=0"], now: now).stdout == "easy_days = sat=50 sun=0\n")
        #expect(run(["config", "load_balance", "off"], now: now).stdout == "load_balance = off\n")
        let bad = run(["config", "easy_days", "sat=150"], now: now)
        #expect(bad.status == 64)
        #expect(bad.stderr.hasPrefix("Error: easy_days: expected weekdays with a percentage from 0 to 100, such as 'sat=50 sun=0', found 'sat=150'\n"), "\(bad.stderr)")
        let none = run(["config", "easy_days", "mon=0 tue=0 wed=0 thu=0 fri=0 sat=0 sun=0"], now: now)
        #expect(none.status == 64)
        #expect(none.stderr.hasPrefix("Error: easy days give every weekday 0%, expected at least one day with reviews\n"), "\(none.stderr)")
        let listing = run(["config"], now: now).stdout.lines
        #expect(listing.contains("easy_days = sat=50 sun=0") && listing.contains("load_balance = off"))
    }
}
