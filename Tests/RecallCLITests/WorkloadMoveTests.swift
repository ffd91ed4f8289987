import Foundation
import Testing
import RecallTestSupport

/// `recall postpone`, `advance` and `break` on a simulated collection, across simulated
/// days with `RECALL_NOW`: what they print, what the forecast shows after, and undo.
@Suite struct WorkloadMoveTests {
    let root = RecallProcess.temporaryDirectory("recall-workload")
    /// The day after the generated history ends (2026-11-15 for this seed).
    static let start = "2026-11-15T09:00:00Z"

    init() throws {
        let bench = RecallProcess.binary.deletingLastPathComponent().appendingPathComponent("recall-bench")
        let process = Process()
        process.executableURL = bench
        process.arguments = ["generate", "--cards", "600", "--files", "2", "--reviews", "9000", "--seed", "1",
                             "--out", root.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let now = try String(contentsOf: root.appendingPathComponent("RECALL_NOW"), encoding: .utf8)
        #expect(now == Self.start + "\n")
    }

    @discardableResult
    func run(_ args: [String], now: String = start, stdin: String? = nil,
             device: String = "desk") -> (stdout: String, stderr: String, status: Int32) {
        runRecall(args + ["--decks", "Decks", "--data", "data"],
                  env: ["TZ": "UTC", "RECALL_NOW": now, "RECALL_DEVICE": device, "NO_COLOR": "1", "COLUMNS": "80"],
                  stdin: stdin, cwd: root)
    }

    /// Review cards due on each of the next 30 days (today first), from `recall stats --json`.
    func forecast(now: String = start) throws -> [Int] {
        let r = run(["stats", "--json"], now: now)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return try #require(json["forecast"] as? [Int])
    }

    var log: Data { (try? Data(contentsOf: root.appendingPathComponent("data/collections/decks/reviews.jsonl"))) ?? Data() }

    static let away = "2026-12-05T09:00:00Z"

    @Test func postponeSpreadsABacklogAndUndoPutsItBack() throws {
        let before = try forecast(now: Self.away)
        let logBefore = log
        let dry = run(["postpone", "--dry-run"], now: Self.away)
        #expect(dry.stderr == "")
        #expect(dry.stdout == """
            would postpone 53 of 60 due cards over the next 7 days; 7 stay today (the most
              overdue)
              busiest day: 10 reviews
              predicted recall at review of the moved cards: 89.0% → 88.7% (0.3 points
                lower)
            nothing changed (--dry-run)

            """)
        #expect(log == logBefore)
        let done = run(["postpone"], now: Self.away)
        #expect(done.status == 0)
        #expect(done.stdout.hasPrefix("postponed 53 of 60 due cards over the next 7 days; 7 stay today (the most\n  overdue)\n"))
        #expect(done.stdout.hasSuffix("\nundo with 'recall postpone --undo'\n"))
        let after = try forecast(now: Self.away)
        #expect(after[0] == 7)
        #expect(after.prefix(8).allSatisfy { $0 <= 10 })
        #expect(after.reduce(0, +) == before.reduce(0, +))
        // An hour later, undo puts every card back where it was.
        let undo = run(["postpone", "--undo"], now: "2026-12-05T10:00:00Z")
        #expect(undo.stdout == "took back the move of 53 cards made on 2026-12-05 at 09:00\n")
        #expect(try forecast(now: Self.away) == before)
        let again = run(["postpone", "--undo"], now: "2026-12-05T10:00:00Z")
        #expect(again.status == 1)
        #expect(again.stderr == """
            recall: error: nothing to take back: no move of due dates was made on this device
            note: 'recall postpone --undo' takes back the last postpone or advance made here

            """)
    }

    @Test func postponeKeepsOutOfAPlannedBreak() throws {
        #expect(run(["break", "2026-12-07", "2026-12-09"]).status == 0)
        #expect(try forecast(now: Self.away)[2...4].allSatisfy { $0 == 0 })
        #expect(run(["postpone"], now: Self.away).status == 0)
        let after = try forecast(now: Self.away)
        #expect(after[2...4].allSatisfy { $0 == 0 })
        #expect(after[1] > 0 && after[5] > 0)
    }

    @Test func advanceMakesTheCardsNearestTheirDueDayDueToday() throws {
        let before = try forecast()
        let r = run(["advance", "--count", "5"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("advanced 5 of "))
        #expect(r.stdout.contains("\n  predicted recall at review: "))
        let after = try forecast()
        #expect(after[0] == before[0] + 5)
        #expect(run(["advance", "--undo"]).status == 0)
        #expect(try forecast() == before)
    }

    @Test func aBreakLeavesNoReviewsInItAndCancelPutsThemBack() throws {
        let before = try forecast()
        let r = run(["break", "2026-11-20", "2026-11-26"])
        #expect(r.stderr == "")
        #expect(r.status == 0)
        // Lines wrapped to the width continue 4 spaces in: read them whole.
        var lines: [String] = []
        for line in r.stdout.split(separator: "\n").map(String.init) {
            if line.hasPrefix("    "), !lines.isEmpty {
                lines[lines.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            } else {
                lines.append(line)
            }
        }
        #expect(lines.first?.hasPrefix("break 2026-11-20 to 2026-11-26 (7 days): ") == true)
        let id = try #require(lines.last?.split(separator: " ").dropFirst(2).first).dropLast()
        #expect(lines.last == "planned break \(id); cancel with 'recall break --cancel \(id)'")
        let after = try forecast()
        #expect(after[5...11].allSatisfy { $0 == 0 })
        #expect(after.reduce(0, +) == before.reduce(0, +))
        // No day around the break above the usual load plus the margin (or what it had).
        let busiest = try #require(lines.first { $0.hasPrefix("  days given cards: at most ") })
        let numbers = busiest.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        #expect(numbers.count == 5)
        #expect(numbers[0] <= numbers[1] + numbers[2])
        let cap = max(numbers[1] + numbers[2], numbers[4])
        #expect(after[1...4].allSatisfy { $0 <= cap } && after[12...18].allSatisfy { $0 <= cap })
        // Days later, the break is still listed and its days still empty.
        #expect(run(["break", "--list"], now: "2026-11-17T09:00:00Z").stdout == """
            id      first day   last day    days  cards
            \(id)  2026-11-20  2026-11-26     7  all

            """)
        #expect(try forecast(now: "2026-11-17T09:00:00Z")[3...9].allSatisfy { $0 == 0 })
        #expect(run(["break", "--list"], now: "2026-11-21T09:00:00Z").stdout.hasSuffix("  7  all (now)\n"))
        #expect(run(["break", "--list"], now: "2026-11-27T09:00:00Z").stdout.hasSuffix("  7  all (over)\n"))
        let cancel = run(["break", "--cancel", "2026-11-20"])
        #expect(cancel.stdout.hasPrefix("cancelled break \(id) (2026-11-20 to 2026-11-26): "))
        #expect(try forecast() == before)
        #expect(run(["break", "--list"]).stdout == "no breaks planned\n")
    }

    @Test func aBreakMovesOnlyTheCardsItsQuerySelects() throws {
        let r = run(["break", "2026-11-20", "2026-11-26", "deck:bench-000", "--dry-run"])
        #expect(r.status == 0)
        let all = run(["break", "2026-11-20", "2026-11-26", "--dry-run"])
        let count = { (text: String) in Int(text.split(separator: ":")[1].split(separator: " ")[0]) ?? -1 }
        #expect(count(r.stdout) > 0)
        #expect(count(r.stdout) < count(all.stdout))
        #expect(r.stdout.hasSuffix("nothing changed (--dry-run)\n"))
    }

    @Test(arguments: [
        (["break", "2026-11-26", "2026-11-20"], "recall: error: the break ends (2026-11-20) before it starts (2026-11-26)\n"),
        (["break", "2026-11-01", "2026-11-20"], "recall: error: the break starts before today (2026-11-15)\nnote: a break is planned ahead; for cards due after an absence, use 'recall postpone'\n"),
        (["break", "--cancel", "abcdef"], "recall: error: no planned break 'abcdef'\nnote: 'recall break --list' shows the planned breaks\n"),
    ])
    func breakRefusesWhatItCannotDo(args: [String], message: String) {
        let r = run(args)
        #expect(r.stderr == message)
        #expect(r.status != 0)
    }

    @Test func aBadDateIsAUsageError() {
        let r = run(["break", "2026-02-30", "2026-11-20"])
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("Error: '2026-02-30' is not a date; write it as YYYY-MM-DD\n"))
    }

    @Test func moreThanFiftyMovesAskFirstAtATerminal() throws {
        let environment = ["RECALL_NOW": Self.away, "RECALL_DEVICE": "pty", "TZ": "UTC", "TERM": "xterm",
                           "PATH": "/usr/bin:/bin", "HOME": root.path, "LANG": "C.UTF-8"]
            .merging(RecallProcess.sanitizerEnvironment) { _, new in new }
        let start = {
            try PTYProcess(path: RecallProcess.binary.path,
                           arguments: ["postpone", "--decks", root.appendingPathComponent("Decks").path,
                                       "--data", root.appendingPathComponent("data").path],
                           environment: environment)
        }
        let logBefore = log
        let no = try start()
        try no.expect("would postpone 53 of 60 due cards over the next 7 days")
        try no.expect("postpone 53 cards? [y/N] ")
        no.send("n\r")
        try no.expect("recall: error: nothing changed")
        #expect(try no.waitForExit() == 1)
        #expect(log == logBefore)
        let yes = try start()
        try yes.expect("postpone 53 cards? [y/N] ")
        yes.send("y\r")
        try yes.expect("postponed 53 cards")
        try yes.expect("undo with 'recall postpone --undo'")
        #expect(try yes.waitForExit() == 0)
        #expect(log != logBefore)
    }

    /// The collection folder of data folder `data`.
    func collection(_ data: String) -> URL { root.appendingPathComponent("\(data)/collections/decks") }

    /// Merges `name` of `theirs` into `ours` with the git merge driver, against `base`.
    func mergeFile(_ name: String, base: String, ours: String, theirs: String) {
        let path = { (data: String) -> String in
            let file = collection(data).appendingPathComponent(name)
            if !FileManager.default.fileExists(atPath: file.path) { FileManager.default.createFile(atPath: file.path, contents: Data()) }
            return file.path
        }
        let r = runRecall(["merge-file", path(base), path(ours), path(theirs), ".recall/\(name)"], cwd: root)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func aBreakAndAnAdvanceOnTwoDevicesMergeEitherWayRound() throws {
        let before = try forecast()
        let copy = { (from: String, to: String) in
            try FileManager.default.copyItem(at: root.appendingPathComponent(from), to: root.appendingPathComponent(to))
        }
        try copy("data", "base")
        try copy("data", "laptop")
        #expect(run(["break", "2026-11-20", "2026-11-26"], device: "desk").status == 0)
        let laptop = runRecall(["advance", "--count", "5", "--decks", "Decks", "--data", "laptop"],
                               env: ["TZ": "UTC", "RECALL_NOW": "2026-11-15T10:00:00Z", "RECALL_DEVICE": "laptop"], cwd: root)
        #expect(laptop.status == 0)
        try copy("data", "desk")
        for name in ["reviews.jsonl", "settings.json"] {
            mergeFile(name, base: "base", ours: "desk", theirs: "laptop")
            mergeFile(name, base: "base", ours: "laptop", theirs: "data")
        }
        for name in ["reviews.jsonl", "settings.json"] {
            let a = try Data(contentsOf: collection("desk").appendingPathComponent(name))
            #expect(a == (try Data(contentsOf: collection("laptop").appendingPathComponent(name))), "\(name)")
        }
        // The merged collection on the laptop: the desk's break, and its own advance.
        let list = runRecall(["break", "--list", "--decks", "Decks", "--data", "laptop"], env: ["TZ": "UTC", "RECALL_NOW": Self.start], cwd: root)
        #expect(list.stdout.hasSuffix("  2026-11-20  2026-11-26     7  all\n"))
        let stats = runRecall(["stats", "--json", "--decks", "Decks", "--data", "laptop"], env: ["TZ": "UTC", "RECALL_NOW": Self.start], cwd: root)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        let merged = try #require(json["forecast"] as? [Int])
        #expect(merged[5...11].allSatisfy { $0 == 0 })
        #expect(merged[0] == before[0] + 5)
        // Cancelled on the laptop, the desk's moves are taken back.
        let cancel = runRecall(["break", "--cancel", "2026-11-20", "--decks", "Decks", "--data", "laptop"],
                               env: ["TZ": "UTC", "RECALL_NOW": "2026-11-15T11:00:00Z", "RECALL_DEVICE": "laptop"], cwd: root)
        #expect(cancel.status == 0)
        let after = runRecall(["stats", "--json", "--decks", "Decks", "--data", "laptop"], env: ["TZ": "UTC", "RECALL_NOW": Self.start], cwd: root)
        let again = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
        #expect((again["forecast"] as? [Int])?[0] == before[0] + 5)
        #expect((again["forecast"] as? [Int])?.reduce(0, +) == before.reduce(0, +))
    }

    /// In the study shell, the hints of postpone, advance and break name the commands as the
    /// shell reads them, without `recall`.
    @Test func hintsInTheShellNameShellCommands() throws {
        let r = run([], now: Self.away, stdin: """
            postpone
            postpone --undo
            postpone --undo
            advance --count 2
            break 2026-11-01 2026-11-20
            break --cancel abcdef
            break 2026-12-24 2026-12-26
            quit

            """)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("undo with ") } == ["undo with 'postpone --undo'", "undo with 'advance --undo'"])
        let planned = try #require(lines.first { $0.hasPrefix("planned break ") })
        let id = String(planned.dropFirst("planned break ".count).prefix(6))
        #expect(planned == "planned break \(id); cancel with 'break --cancel \(id)'")
        #expect(r.stderr == """
            recall: error: nothing to take back: no move of due dates was made on this device
            note: 'postpone --undo' takes back the last postpone or advance made here
            recall: error: the break starts before today (2026-12-05)
            note: a break is planned ahead; for cards due after an absence, use 'postpone'
            recall: error: no planned break 'abcdef'
            note: 'break --list' shows the planned breaks

            """)
        // The same commands from the command line still say `recall`.
        #expect(run(["postpone"], now: Self.away).stdout.hasSuffix("\nundo with 'recall postpone --undo'\n"))
    }

    @Test func theGreetingOffersToSpreadABacklogAfterAnAbsence() {
        let away = run([], now: Self.away, stdin: "quit\n")
        #expect(away.stdout.contains("""
            60 reviews are due after 21 days away. 'postpone' spreads them over the next 7
            days: the 7 most overdue stay today, at most 10 a day, predicted recall of the
            moved cards 0.3 points lower ('postpone --dry-run' shows it first).
            """))
        let usual = run([], stdin: "quit\n")
        #expect(!usual.stdout.contains("days away"))
        #expect(run(["postpone"], now: Self.away).status == 0)
        #expect(!run([], now: Self.away, stdin: "quit\n").stdout.contains("days away"))
    }
}
