import Foundation
import RecallCore
import RecallStore
import Testing
@testable import RecallCLI
import RecallTestSupport

/// `auto_optimize` through the built binary, across days set with RECALL_NOW. `runRecall`
/// sets RECALL_AUTO_OPTIMIZE=foreground, so a refit due after a session runs before the
/// command exits.
@Suite struct AutoOptimizeEndToEndTests {
    let root = RecallProcess.temporaryDirectory("recall-auto-optimize-e2e")
    var collectionFolder: URL { root.appendingPathComponent("data/collections/decks") }
    var recordPath: String { collectionFolder.appendingPathComponent(AutoOptimizeFile.name).path }

    func env(_ now: String) -> [String: String] {
        ["RECALL_DATA": root.appendingPathComponent("data").path, "RECALL_DEVICE": "d-test",
         "RECALL_DECKS": root.appendingPathComponent("Decks").path, "TZ": "UTC", "RECALL_NOW": now]
    }

    /// A two-card deck, and the history of 120 other cards (1,346 reviews from November
    /// 2023 to March 2024) merged into the log, `shift` days later for a second batch.
    func addHistory(shift: Int = 0, cards: Range<Int> = 0..<120) throws {
        RecallProcess.write(["Decks/Basics.md": "q1 :: a1\n\nq2 :: a2\n"], under: root)
        let lines = OptimizeCommandTests.history(cards: cards.count).map { review in
            let id = String(format: "%016llx", UInt64(0x1000 + cards.lowerBound + review.card))
            return "{\"card\":\"\(id)\",\"device\":\"d-x\",\"dur\":5000,\"ev\":\"review\",\"r\":\(review.rating),\"t\":\(review.time + shift * 86400)000}"
        }
        let other = root.appendingPathComponent("other-\(shift).jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: other)
        let merged = runRecall(["merge", "--force", other.path], env: env("2024-06-01T08:00:00Z"))
        #expect(merged.status == 0, "\(merged.stderr)")
    }

    func parameters() throws -> [Double] {
        let settings = try SettingsFile.load(collectionFolder.appendingPathComponent(SettingsFile.name).path)
        return settings.parameters
    }

    @Test func refitsAfterASessionAndSaysSoOnceAtTheNextGreeting() throws {
        try addHistory()
        // First session after the history: never fitted, first review long ago, 1,346 reviews.
        let first = runRecall(["review"], env: env("2024-06-01T10:00:00Z"), stdin: "\n3\n")
        #expect(first.status == 0)
        let record = try #require(AutoOptimizeFile.load(recordPath))
        #expect(record.result == .adopted && record.reviews == 1347 && !record.announced)
        #expect(try parameters() != CollectionSettings.defaultParameters)
        let line = OptimizeReport.announcement(record)
        #expect(line.hasPrefix("auto-optimize: adopted parameters refitted to your 1347 reviews (held-out log loss "))

        // The next day's review shows it first, once; the shell greeting after that does not.
        let next = runRecall(["review"], env: env("2024-06-02T10:00:00Z"), stdin: "")
        #expect(next.stdout.components(separatedBy: "\n").first == line)
        #expect(AutoOptimizeFile.load(recordPath)?.announced == true)
        let shell = runRecall([], env: env("2024-06-03T10:00:00Z"), stdin: "quit\n")
        #expect(!shell.stdout.contains("auto-optimize"))

        // 19 days later nothing is due; the step says why and changes nothing.
        let shown = AutoOptimizeFile.load(recordPath)
        let early = runRecall(["optimize", "--auto"], env: env("2024-06-20T10:00:00Z"))
        #expect(early.stdout == "auto-optimize: no refit due (it waits for 30 days and 10% more reviews since the last fit)\n")
        #expect(AutoOptimizeFile.load(recordPath) == shown)

        // 40 more cards' history (more than 10 % more reviews) and 35 days: the shell's exit refits.
        try addHistory(shift: 60, cards: 120..<160)
        let parametersBefore = try parameters()
        _ = runRecall([], env: env("2024-07-06T10:00:00Z"), stdin: "quit\n")
        let second = try #require(AutoOptimizeFile.load(recordPath))
        #expect(second.fittedAt > record.fittedAt && second.reviews > record.reviews && !second.announced)
        #expect(second.result == .adopted ? try parameters() != parametersBefore : try parameters() == parametersBefore)
        let greeting = runRecall([], env: env("2024-07-07T10:00:00Z"), stdin: "quit\n")
        let lines = greeting.stdout.components(separatedBy: "\n")
        // After the deck counts, before the backlog note (the merged cards are overdue) and the prompt.
        #expect(lines.first == "Recall — 1 deck, 2 cards. Today:")
        #expect(lines.count > 3 && lines[2] == OptimizeReport.announcement(second))
        #expect(lines.contains("Type 'review' to start, 'help' for commands."))
    }

    @Test func turnedOffNothingRuns() throws {
        try addHistory()
        let off = runRecall(["config", "auto_optimize", "off"], env: env("2024-06-01T09:00:00Z"))
        #expect(off.status == 0)
        let settingsText = try String(contentsOf: collectionFolder.appendingPathComponent(SettingsFile.name), encoding: .utf8)
        #expect(settingsText.hasPrefix("{\n\"auto_optimize\": false,\n"))
        _ = runRecall(["review"], env: env("2024-06-01T10:00:00Z"), stdin: "\n3\n")
        #expect(!FileManager.default.fileExists(atPath: recordPath))
        #expect(try parameters() == CollectionSettings.defaultParameters)
        #expect(runRecall(["optimize", "--auto"], env: env("2024-06-01T11:00:00Z")).stdout
            == "auto-optimize: no refit due (it waits for 30 days and 10% more reviews since the last fit)\n")
        #expect(runRecall(["config", "auto_optimize"], env: env("2024-06-01T11:00:00Z")).stdout == "off\n")
    }

    @Test func aFitSavedByHandIsTheLastFit() throws {
        try addHistory()
        let saved = runRecall(["optimize", "--yes"], env: env("2024-06-01T09:00:00Z"))
        #expect(saved.status == 0)
        let record = try #require(AutoOptimizeFile.load(recordPath))
        #expect(record.result == .adopted && record.announced)
        // No refit after the session, and nothing to announce.
        let review = runRecall(["review"], env: env("2024-06-02T10:00:00Z"), stdin: "\n3\n")
        #expect(!review.stdout.contains("auto-optimize"))
        #expect(AutoOptimizeFile.load(recordPath) == record)
    }
}
