import Foundation
import RecallCore
import RecallStore
import Testing

/// Kills writing `recall` processes with SIGKILL at random moments and checks after each kill
/// that the store still loads, nothing acknowledged was lost and the log only grew.
///
/// ``CrashHarness`` is reusable: give it steps (a command line plus what counts as
/// acknowledged when it exits 0); it is seeded, so a failure names the seed and step that
/// reproduce it.
@Suite struct CrashTests {
    @Test func killedReviewsMergesAndConfigEditsNeverLoseAcknowledgedWork() throws {
        var harness = try CrashHarness(seed: 20_261_125)
        try harness.run(steps: 300) { h, rng in
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: h.configStep(&rng)
            case 1: h.reviewStep(&rng)
            default: try h.mergeStep(&rng)
            }
        }
        #expect(harness.kills > 50, "too few kills landed mid-run (\(harness.kills)); the timing window needs widening")
        #expect(harness.completed > 20)
    }
}

/// One command to run and kill.
struct CrashStep {
    var arguments: [String]
    /// Entries the log must hold once the command has exited 0.
    var acknowledgedEntries: [ReviewLogEntry] = []
    /// `new_per_day` the settings must hold once the command has exited 0.
    var acknowledgedNewPerDay: Int?
    /// Everything in the log is acknowledged once the command has exited 0 (review sessions,
    /// whose answers are confirmed on screen one by one).
    var acknowledgesWholeLog = false
    /// Standard input for the command.
    var input = ""
}

struct CrashHarness {
    let root: URL
    var rng: SplitMix
    var kills = 0
    var completed = 0
    private var acknowledged = Set<ReviewLogEntry>()
    private var previous = Set<ReviewLogEntry>()
    private var newPerDay = CollectionSettings().newPerDay
    private var previousNewPerDay = CollectionSettings().newPerDay
    private var counter = 0

    init(seed: UInt64) throws {
        rng = SplitMix(seed: seed)
        root = FileManager.default.temporaryDirectory.appendingPathComponent("recall-crash-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        let deck = (1...30).map { "Crash question \($0)?\nAnswer \($0)\n-\n" }.joined()
        try Data(deck.utf8).write(to: root.appendingPathComponent("Decks/Crash.txt"))
    }

    var location: StoreLocation { StoreLocation(dataDirectory: root.appendingPathComponent("data").path, collection: "decks") }

    /// Runs `steps` steps made by `make`, killing each at a random moment (or letting it finish).
    mutating func run(steps: Int, make: (inout CrashHarness, inout SplitMix) throws -> CrashStep) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        // Kill moments are spread over 1.3 times a clean run of this machine's binary.
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = try launchAndKill(["config", "new_per_day", String(newPerDay)], input: "", afterMicroseconds: 10_000_000)
        let window = UInt32(min(2_000_000, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000 * 1.3))
        for i in 0..<steps {
            var r = rng
            let step = try make(&self, &r)
            rng = r
            let delay = UInt32.random(in: 0...window, using: &rng)
            let exitedCleanly = try launchAndKill(step.arguments, input: step.input, afterMicroseconds: delay)
            if exitedCleanly {
                completed += 1
                acknowledged.formUnion(step.acknowledgedEntries)
                if let n = step.acknowledgedNewPerDay { newPerDay = n; previousNewPerDay = n }
            } else {
                kills += 1
                if let n = step.acknowledgedNewPerDay { previousNewPerDay = newPerDay; newPerDay = n }
            }
            try check(step: i, killed: !exitedCleanly, pending: step.acknowledgedNewPerDay,
                      wholeLog: exitedCleanly && step.acknowledgesWholeLog)
        }
    }

    /// After each step: the store opens; acknowledged entries are there; nothing vanished.
    private mutating func check(step: Int, killed: Bool, pending: Int?, wholeLog: Bool) throws {
        let store: ProgressStore
        do {
            store = try ProgressStore.open(location, device: "", timeZone: TimeZone(identifier: "UTC")!, forWriting: false)
        } catch {
            Issue.record("step \(step): the store does not open: \(error)")
            throw error
        }
        let entries = Set(try store.loadEntries())
        let lost = acknowledged.subtracting(entries)
        #expect(lost.isEmpty, "step \(step): \(lost.count) acknowledged entries lost")
        let shrunk = previous.subtracting(entries)
        #expect(shrunk.isEmpty, "step \(step): \(shrunk.count) entries disappeared from the log")
        previous = entries
        if wholeLog { acknowledged = entries }
        let value = store.settings.newPerDay
        if killed, let pending {
            #expect(value == pending || value == previousNewPerDay, "step \(step): new_per_day is \(value)")
            newPerDay = value
            previousNewPerDay = value
        } else {
            #expect(value == newPerDay, "step \(step): new_per_day is \(value), expected \(newPerDay)")
        }
        #expect(store.records.count <= entries.count)
        if !killed {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: location.folder)) ?? []
            #expect(names.filter { $0.contains(".tmp-") }.isEmpty, "step \(step): temp files left: \(names)")
        }
    }

    /// `recall merge FILE` with 1-5 new entries from another device.
    mutating func mergeStep(_ rng: inout SplitMix) throws -> CrashStep {
        var entries: [ReviewLogEntry] = []
        for _ in 0..<Int.random(in: 1...5, using: &rng) {
            counter += 1
            let card = CardID(rawValue: UInt64.random(in: 1...40, using: &rng))
            let time = Date(timeIntervalSince1970: 1_764_061_200 + Double(counter) * 37)
            let rating = Rating(rawValue: Int.random(in: 1...4, using: &rng)) ?? .good
            entries.append(.review(card, rating, at: time, durationMs: counter, device: "d-other"))
        }
        let text = entries.map { e in
            "{\"card\":\"\(e.card)\",\"device\":\"d-other\",\"dur\":\(e.durationMs),\"ev\":\"review\",\"r\":\(e.rating?.rawValue ?? 3),\"t\":\(Int64(e.time.timeIntervalSince1970 * 1000))}\n"
        }.joined()
        let file = root.appendingPathComponent("other-\(counter).jsonl")
        try Data(text.utf8).write(to: file)
        return CrashStep(arguments: ["merge", file.path], acknowledgedEntries: entries)
    }

    /// `recall review` answering 1-6 cards with Good through a pipe.
    mutating func reviewStep(_ rng: inout SplitMix) -> CrashStep {
        let answers = String(repeating: "\n3\n", count: Int.random(in: 1...6, using: &rng))
        return CrashStep(arguments: ["review"], acknowledgesWholeLog: true, input: answers + "quit\n")
    }

    /// `recall config new_per_day N`.
    mutating func configStep(_ rng: inout SplitMix) -> CrashStep {
        let n = Int.random(in: 0...99, using: &rng)
        return CrashStep(arguments: ["config", "new_per_day", String(n)], acknowledgedNewPerDay: n)
    }

    /// Starts `recall ARGS`; kills it after the delay unless it has exited. True if it exited 0.
    private func launchAndKill(_ arguments: [String], input: String, afterMicroseconds delay: UInt32) throws -> Bool {
        let process = Process()
        process.executableURL = StudyFixture.binary
        process.arguments = arguments + ["--decks", root.appendingPathComponent("Decks").path,
                                         "--data", root.appendingPathComponent("data").path]
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": root.path, "RECALL_DEVICE": "d-crash", "TZ": "UTC"]
            .merging(RecallProcess.sanitizerEnvironment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(delay) * 1000
        while process.isRunning, DispatchTime.now().uptimeNanoseconds < deadline { usleep(200) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationReason == .exit && process.terminationStatus == 0
    }
}

/// SplitMix64 from RecallCore: seeded, the same sequence everywhere.
typealias SplitMix = SplitMix64
