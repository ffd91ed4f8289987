import Foundation
import RecallCore
import RecallStore
import Testing
import RecallTestSupport

/// The crash suite's long randomized run: SIGKILLs `recall` at seeded random moments across
/// review sessions, merges, imports and settings/snapshot writes until `RECALL_CRASH_KILLS`
/// kills have landed mid-run. It depends on timing, so it is not part of a plain `swift test`
/// (whose fixed run is ``CrashTests``); run it with
/// `RECALL_CRASH_KILLS=1000 swift test --filter CrashSuiteTests` (`RECALL_CRASH_SEED` picks
/// another seed). CI (`.ci/run`) runs it with 3,000 kills.
///
/// After every step (killed or not) ``CrashHarness`` checks that the collection opens, that no
/// acknowledged review was lost and that the log only grew; for a review session, every answer
/// recall acknowledged on screen before the kill (see ``ReviewTranscript``) must be in the log,
/// in order, with its card and rating, and at most one unacknowledged answer may follow it.
/// This suite also checks that every line of the review log but a torn last one is a whole
/// JSON object, and that an import is all or nothing: its deck file is either absent or holds
/// every card.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["RECALL_CRASH_KILLS"] != nil))
struct CrashSuiteTests {
    /// The kills to reach: `RECALL_CRASH_KILLS`, or 150 when it is set but not a number.
    static let targetKills = Int(ProcessInfo.processInfo.environment["RECALL_CRASH_KILLS"] ?? "") ?? 150

    @Test func killedSessionsImportsMergesAndSnapshotWritesLoseNothing() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["RECALL_CRASH_SEED"] ?? "") ?? 20_261_126
        var harness = try CrashHarness(seed: seed)
        var imports = ImportLedger()
        var stepsRun = 0
        var leftovers = 0
        do {
            try harness.run(steps: Self.targetKills * 20) { h, rng in
                try imports.verify(after: h, step: stepsRun)
                try CrashSuiteTests.checkLogLines(h.location, step: stepsRun)
                leftovers += CrashSuiteTests.removeLeftoverTempFiles(h.location)
                stepsRun += 1
                if h.kills >= Self.targetKills { throw CrashSuiteDone() }
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: return h.configStep(&rng)
                case 1, 2: return h.reviewStep(&rng)
                case 3: return try imports.step(root: h.root, rng: &rng, completed: h.completed)
                default: return try h.mergeStep(&rng)
                }
            }
        } catch is CrashSuiteDone {}
        #expect(harness.kills >= Self.targetKills, "only \(harness.kills) kills landed in \(stepsRun) steps")
        #expect(harness.completed > 10, "only \(harness.completed) steps ran to the end")
        #expect(imports.checked > 0, "no import was checked")
        #expect(harness.acknowledgedAnswersOfKilledSessions > 0, "no killed review session had acknowledged an answer")
        print("crash suite: seed \(seed), \(stepsRun) steps, \(harness.kills) kills, \(harness.completed) clean exits, \(harness.acknowledgedAnswers) acknowledged answers checked (\(harness.acknowledgedAnswersOfKilledSessions) in killed sessions), \(imports.checked) imports checked, \(leftovers) temp files of killed writers removed")
    }

    /// Removes `*.tmp-PID` files left by a killed writer, as the next command that opens the
    /// collection for writing would (commands that only read, or find nothing to do, leave
    /// them): they are litter, not lost work, and ``CrashHarness`` fails on any it sees.
    static func removeLeftoverTempFiles(_ location: StoreLocation) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: location.folder)) ?? []
        let temps = names.filter { $0.contains(".tmp-") }
        for name in temps { try? FileManager.default.removeItem(atPath: location.folder + "/" + name) }
        return temps.count
    }

    /// Every line of the review log before a torn final line is one JSON object.
    static func checkLogLines(_ location: StoreLocation, step: Int) throws {
        guard let data = FileManager.default.contents(atPath: location.folder + "/reviews.jsonl") else { return }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if data.last != 0x0A { lines.removeLast() } // a torn last line (no newline) is allowed
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let object = try? JSONSerialization.jsonObject(with: Data(line))
            #expect(object is [String: Any], "step \(step): reviews.jsonl:\(index + 1) is not a JSON object")
        }
    }
}

/// Thrown from a step maker to stop the harness once enough kills have landed.
struct CrashSuiteDone: Error {}

/// Imports made by the crash suite and whether each ran to the end.
struct ImportLedger {
    private var pending: (file: String, cards: Int, completedBefore: Int)?
    private var counter = 0
    private(set) var checked = 0

    /// A `recall import` of a new 4-card deck into `Imported/N.md`.
    mutating func step(root: URL, rng: inout SeededGenerator, completed: Int) throws -> CrashStep {
        counter += 1
        let cards = Int.random(in: 2...6, using: &rng)
        let source = root.appendingPathComponent("import-\(counter).txt")
        let text = (1...cards).map { "Import \(counter) question \($0)?\nImport answer \($0)\n" }.joined(separator: "-\n")
        try Data(text.utf8).write(to: source)
        let target = "Imported/Batch\(counter).md"
        pending = (root.appendingPathComponent("Decks/" + target).path, cards, completed)
        return CrashStep(arguments: ["import", source.path, "--into", target])
    }

    /// Checks the previous import, if the last step was one: a clean exit wrote the whole deck;
    /// a kill left the whole deck or none of it.
    mutating func verify(after harness: CrashHarness, step: Int) throws {
        guard let (file, cards, completedBefore) = pending else { return }
        pending = nil
        checked += 1
        let finished = harness.completed > completedBefore
        guard let data = FileManager.default.contents(atPath: file) else {
            #expect(!finished, "step \(step): import exited 0 but '\(file)' is missing")
            return
        }
        let deck = DeckParser.parse(bytes: [UInt8](data), file: file, deck: "Imported", format: .markdown)
        #expect(deck.cards.count == cards, "step \(step): '\(file)' holds \(deck.cards.count) of \(cards) cards")
        #expect(deck.diagnostics.isEmpty, "step \(step): '\(file)' has problems: \(deck.diagnostics)")
    }
}
