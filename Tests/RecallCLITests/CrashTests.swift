import Foundation
import RecallCore
import RecallStore
import Testing

/// Kills writing `recall` processes with SIGKILL at random moments and checks after each kill
/// that the store still loads, nothing acknowledged was lost and the log only grew; for review
/// sessions, "acknowledged" is per answer, read from what recall printed before it died.
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
    /// For a review session fed ``ReviewTranscript/input(_:)``: the ratings, one per card.
    /// Its output is read back, and every answer it acknowledged must be in the log.
    var ratings: [Rating]?
    /// Added to the command's environment.
    var environment: [String: String] = [:]
}

struct CrashHarness {
    let root: URL
    var rng: SplitMix
    var kills = 0
    var completed = 0
    /// Review answers acknowledged on screen and found in the log, and those of killed sessions.
    var acknowledgedAnswers = 0
    var acknowledgedAnswersOfKilledSessions = 0
    private var acknowledged = Set<ReviewLogEntry>()
    private var previous = Set<ReviewLogEntry>()
    /// How many entries the log held at the last check, in file order.
    private var previousCount = 0
    private var newPerDay = CollectionSettings().newPerDay
    private var previousNewPerDay = CollectionSettings().newPerDay
    private var counter = 0
    private var reviewSessions = 0

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
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = try launchAndKill(["config", "new_per_day", String(newPerDay)], input: "", afterMicroseconds: 10_000_000)
        var windows = KillWindows(firstRun: (DispatchTime.now().uptimeNanoseconds - t0) / 1000)
        for i in 0..<steps {
            var r = rng
            let step = try make(&self, &r)
            rng = r
            // Half of the review sessions get their answers a line at a time, as a person
            // types: they wait for input between answers, so each answer is flushed before
            // the wait (and killing them mid-session is likely). The others get all their
            // input at once, as a script pipes it, and flush answers in groups.
            let trickle = step.ratings != nil && Bool.random(using: &rng)
            let command = (step.arguments.first ?? "") + (trickle ? " (typed)" : "")
            // A review session acknowledges its answers near its end (after start-up, which is
            // most of a run, more so under a sanitizer): half of them are killed late in the
            // window, so killed sessions with acknowledged answers are common on any machine.
            let window = windows.window(for: command)
            let late = step.ratings != nil && Bool.random(using: &rng)
            var delay = UInt32.random(in: (late ? window / 2 : 0)...window, using: &rng)
            let start = DispatchTime.now().uptimeNanoseconds
            // Typing starts once recall has usually started up (a clean piped session's time)
            // and goes at a pace that scales with the machine (slow under a sanitizer); such a
            // session is killed while its lines are being typed, or after the last (when it may have ended).
            let startup = windows.typical(for: step.arguments.first ?? "")
            let typing = trickle ? (start: startup, gap: max(2_000, startup / 8)) : nil
            if let typing {
                let lines = UInt64(step.input.filter { $0 == "\n" }.count)
                let end = min(UInt64(UInt32.max), typing.start + lines * typing.gap + 2 * startup)
                delay = UInt32.random(in: UInt32(min(end, typing.start + typing.gap))...UInt32(end), using: &rng)
            }
            let (exitedCleanly, output) = try launchAndKill(step.arguments, input: step.input, environment: step.environment,
                                                            afterMicroseconds: delay, capture: step.ratings != nil,
                                                            typing: typing, step: i)
            if exitedCleanly {
                windows.record(command, microseconds: (DispatchTime.now().uptimeNanoseconds - start) / 1000)
                completed += 1
                acknowledged.formUnion(step.acknowledgedEntries)
                if let n = step.acknowledgedNewPerDay { newPerDay = n; previousNewPerDay = n }
            } else {
                kills += 1
                if let n = step.acknowledgedNewPerDay { previousNewPerDay = newPerDay; newPerDay = n }
            }
            let transcript = step.ratings.map { ReviewTranscript(output: output, ratings: $0) }
            try check(step: i, killed: !exitedCleanly, pending: step.acknowledgedNewPerDay,
                      wholeLog: exitedCleanly && step.acknowledgesWholeLog, transcript: transcript)
        }
    }

    /// After each step: the store opens; acknowledged entries (and answers) are there;
    /// nothing vanished.
    private mutating func check(step: Int, killed: Bool, pending: Int?, wholeLog: Bool,
                                transcript: ReviewTranscript?) throws {
        let store: ProgressStore
        do {
            store = try ProgressStore.open(location, device: "", timeZone: TimeZone(identifier: "UTC")!, forWriting: false)
        } catch {
            Issue.record("step \(step): the store does not open: \(error)")
            throw error
        }
        let log = try store.loadEntries()
        if let transcript {
            let ids = Dictionary(CollectionLoader.load(root: root.appendingPathComponent("Decks")).cards
                .map { ($0.question, $0.id) }) { first, _ in first }
            let (problems, answered) = transcript.check(fresh: log.dropFirst(previousCount), ids: ids, killed: killed)
            for problem in problems { Issue.record("step \(step)\(killed ? " (killed)" : ""): \(problem)") }
            acknowledged.formUnion(answered)
            acknowledgedAnswers += answered.count
            if killed { acknowledgedAnswersOfKilledSessions += answered.count }
        }
        previousCount = log.count
        let entries = Set(log)
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
        // Cards 1-40 are in no deck: --force, or merge would refuse a log of strangers.
        return CrashStep(arguments: ["merge", "--force", file.path], acknowledgedEntries: entries)
    }

    /// `recall review` answering 1-6 cards with random ratings through a pipe, then `:quit`.
    /// Each session is a day after the one before (`RECALL_NOW`), so there are always cards
    /// due or new.
    mutating func reviewStep(_ rng: inout SplitMix) -> CrashStep {
        let ratings = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
            Rating(rawValue: Int.random(in: 1...4, using: &rng)) ?? .good
        }
        reviewSessions += 1
        let day = Date(timeIntervalSince1970: 1_764_579_600 + Double(reviewSessions) * 86_400) // from 2025-12-01 09:00 UTC
        return CrashStep(arguments: ["review"], acknowledgesWholeLog: true, input: ReviewTranscript.input(ratings),
                         ratings: ratings, environment: ["RECALL_NOW": ISO8601DateFormatter().string(from: day)])
    }

    /// `recall config new_per_day N`.
    mutating func configStep(_ rng: inout SplitMix) -> CrashStep {
        let n = Int.random(in: 0...99, using: &rng)
        return CrashStep(arguments: ["config", "new_per_day", String(n)], acknowledgedNewPerDay: n)
    }

    /// Starts `recall ARGS`; kills it after the delay unless it has exited. True if it exited 0;
    /// with `capture`, also what it wrote to standard output before it exited or was killed.
    /// Exiting by itself with another status is an issue (under a sanitizer, that is how a
    /// report in `recall` shows).
    private func launchAndKill(_ arguments: [String], input: String, environment: [String: String] = [:],
                               afterMicroseconds delay: UInt32, capture: Bool = false,
                               typing: (start: UInt64, gap: UInt64)? = nil,
                               step: Int = -1) throws -> (exitedCleanly: Bool, output: String) {
        let process = Process()
        process.executableURL = StudyFixture.binary
        process.arguments = arguments + ["--decks", root.appendingPathComponent("Decks").path,
                                         "--data", root.appendingPathComponent("data").path]
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": root.path, "RECALL_DEVICE": "d-crash", "TZ": "UTC"]
            .merging(RecallProcess.sanitizerEnvironment) { _, new in new }
            .merging(environment) { _, new in new }
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = capture ? stdout : FileHandle.nullDevice
        process.standardError = stderr
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        // Drained on other threads, so a full pipe never stalls recall.
        let drained = OutputDrain(capture ? stdout.fileHandleForReading : nil)
        let errors = OutputDrain(stderr.fileHandleForReading)
        // With `typing`, one line every `gap` µs from `start` µs on while recall runs (a write
        // after it died fails with EPIPE instead of raising SIGPIPE here); else all at once.
        var lines = typing == nil ? [input] : input.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0 + "\n" }
        let writer = stdin.fileHandleForWriting.fileDescriptor
        signal(SIGPIPE, SIG_IGN)
        let launched = DispatchTime.now().uptimeNanoseconds
        var nextWrite = launched + (typing?.start ?? 0) * 1000
        let deadline = launched + UInt64(delay) * 1000
        while process.isRunning, DispatchTime.now().uptimeNanoseconds < deadline {
            if !lines.isEmpty, DispatchTime.now().uptimeNanoseconds >= nextWrite {
                let bytes = Array(lines.removeFirst().utf8)
                _ = bytes.withUnsafeBytes { Glibc.write(writer, $0.baseAddress, $0.count) }
                if lines.isEmpty { try? stdin.fileHandleForWriting.close() }
                nextWrite = DispatchTime.now().uptimeNanoseconds + (typing?.gap ?? 0) * 1000
            }
            usleep(200)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        if !lines.isEmpty { try? stdin.fileHandleForWriting.close() }
        process.waitUntilExit()
        let exitedByItself = process.terminationReason == .exit, status = process.terminationStatus
        let message = errors.text()
        if exitedByItself, status != 0 {
            Issue.record("step \(step): recall \(arguments.joined(separator: " ")) exited with status \(status):\n\(message.suffix(2000))")
        }
        return (exitedByItself && status == 0, drained.text())
    }
}

/// When to kill a command: a moment within 1.3 times a typical clean run of the same command
/// on this machine's binary (the median of its last 15 clean runs, at most 2 s); for a command
/// not yet seen to finish, within 1.3 times the first run of the harness (a `recall config`).
struct KillWindows {
    let firstRun: UInt64
    private var cleanRuns: [String: [UInt64]] = [:]

    /// `firstRun`: how long the first command took, in microseconds.
    init(firstRun: UInt64) { self.firstRun = firstRun }

    /// The window for `command` (its first argument), in microseconds.
    func window(for command: String) -> UInt32 {
        UInt32(min(2_000_000, Double(typical(for: command)) * 1.3))
    }

    /// A typical clean run of `command`, in microseconds (the first run's time until one is seen).
    func typical(for command: String) -> UInt64 {
        cleanRuns[command].map { $0.sorted()[$0.count / 2] } ?? firstRun
    }

    /// Notes a clean run of `command`.
    mutating func record(_ command: String, microseconds: UInt64) {
        cleanRuns[command, default: []].append(microseconds)
        cleanRuns[command] = cleanRuns[command].map { Array($0.suffix(15)) }
    }
}

/// Reads a pipe to its end on another thread; ``text()`` waits for the end.
private final class OutputDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle?) {
        guard let handle else { done.signal(); return }
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}

/// SplitMix64 from RecallCore: seeded, the same sequence everywhere.
typealias SplitMix = SplitMix64
