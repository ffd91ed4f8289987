import Foundation
import RecallCore
import RecallStore
import Testing
import RecallTestSupport

/// The crash suite's fixed run, part of `swift test`: `recall` is SIGKILLed at points it
/// reaches however fast or slow the machine is, and after each step ``CrashHarness`` checks
/// that the store still loads, nothing acknowledged was lost and the log only grew.
///
/// Review sessions are killed once a given number of answers has been acknowledged on screen
/// (read back with ``ReviewTranscript``) and before the next is typed: the log must then hold
/// exactly those answers. Merges, imports and settings writes are killed on entry to their Nth
/// `fsync` or `rename`: before, between and after the steps of an atomic write. Review
/// sessions fed all their input at once are killed on entry to a `write` (of an answer to the
/// log or of a card to the screen) or to the `fdatasync` that makes their answers durable.
/// Those kills go through `strace --inject` and are skipped, with a note, where strace is
/// missing or cannot trace.
///
/// The randomized run, which kills at seeded random moments, is ``CrashSuiteTests``.
@Suite struct CrashTests {
    /// What each step runs and where it is killed (nil: it runs to the end).
    static let plan: [(command: CrashCommand, kill: KillPoint?)] = [
        (.config(20), nil), (.review(answers: 3), nil), (.merge, nil), (.import, nil),
        (.review(answers: 2), .afterAcknowledged(0)),
        (.review(answers: 2), .afterAcknowledged(1)),
        (.review(answers: 5), .afterAcknowledged(4)),
        (.config(30), .syscall("fsync", 1)), (.config(31), .syscall("rename", 1)),
        (.config(32), .syscall("fsync", 2)), (.config(33), nil),
        (.merge, .syscall("fsync", 1)), (.merge, .syscall("fsync", 2)), (.merge, .syscall("rename", 1)),
        (.merge, .syscall("fsync", 3)), (.merge, nil),
        (.import, .syscall("fsync", 1)), (.import, .syscall("rename", 1)), (.import, .syscall("fsync", 2)),
        (.import, nil),
        (.review(answers: 4), .syscall("write", 5)), (.review(answers: 4), .syscall("write", 9)),
        (.review(answers: 4), .syscall("fdatasync", 1)), (.review(answers: 2), nil),
    ]

    @Test func killsAtFixedPointsLoseNothingAcknowledged() throws {
        let strace = StraceInjection.isAvailable
        var harness = try CrashHarness(seed: 20_261_125)
        var imports = ImportLedger()
        let plan = Self.plan.filter { step in
            guard case .syscall = step.kill else { return true }
            return strace
        }
        if !strace { print("crash tests: strace cannot trace here; the kills at system calls are skipped") }
        var index = 0
        try harness.run(steps: plan.count + 1) { h, rng in
            try imports.verify(after: h, step: index)
            try CrashSuiteTests.checkLogLines(h.location, step: index)
            _ = CrashSuiteTests.removeLeftoverTempFiles(h.location)
            defer { index += 1 }
            // One more clean step at the end, so that the last planned one is verified too.
            var step = index < plan.count ? try plan[index].command.step(&h, &rng, imports: &imports)
                                           : h.configStep(value: 40)
            step.kill = index < plan.count ? plan[index].kill ?? .never : .never
            return step
        }
        let killing = plan.filter { $0.kill != nil }.count
        #expect(harness.kills == killing, "\(harness.kills) of \(killing) planned kills landed")
        #expect(harness.completed == plan.count + 1 - killing)
        #expect(imports.checked == plan.filter { $0.command == .import }.count)
        // 0 + 1 + 4 answers acknowledged before a kill, more from sessions killed at a system call.
        #expect(harness.acknowledgedAnswersOfKilledSessions >= 5)
    }
}

/// The commands of the crash suites.
enum CrashCommand: Equatable {
    /// `recall config new_per_day N`.
    case config(Int)
    /// `recall review` answering this many cards.
    case review(answers: Int)
    /// `recall merge FILE` of a few entries from another device.
    case merge
    /// `recall import FILE --into Imported/BatchN.md`.
    case `import`

    func step(_ harness: inout CrashHarness, _ rng: inout SeededGenerator, imports: inout ImportLedger) throws -> CrashStep {
        switch self {
        case .config(let value): harness.configStep(value: value)
        case .review(let answers): harness.reviewStep(&rng, answers: answers)
        case .merge: try harness.mergeStep(&rng)
        case .import: try imports.step(root: harness.root, rng: &rng, completed: harness.completed)
        }
    }
}

/// Where a step of the crash suites is killed.
enum KillPoint: Equatable {
    /// Not killed: it runs to the end.
    case never
    /// A review session, once this many answers have been acknowledged on screen and before
    /// the next is typed.
    case afterAcknowledged(Int)
    /// On entry to the process's Nth call (1-based) of a system call, through strace.
    case syscall(String, Int)
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
    /// Where the command is killed; nil: at a seeded random moment.
    var kill: KillPoint?
}

struct CrashHarness {
    let root: URL
    var rng: SeededGenerator
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
        rng = SeededGenerator(seed: seed)
        root = RecallProcess.temporaryDirectory("recall-crash")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        let deck = (1...30).map { "Crash question \($0)?\nAnswer \($0)\n-\n" }.joined()
        try Data(deck.utf8).write(to: root.appendingPathComponent("Decks/Crash.txt"))
    }

    var location: StoreLocation { StoreLocation(dataDirectory: root.appendingPathComponent("data").path, collection: "decks") }

    /// Runs `steps` steps made by `make`, killing each where it says (``CrashStep/kill``) or at
    /// a random moment (or letting it finish).
    mutating func run(steps: Int, make: (inout CrashHarness, inout SeededGenerator) throws -> CrashStep) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        var windows: KillWindows?
        for i in 0..<steps {
            var r = rng
            let step = try make(&self, &r)
            rng = r
            let exitedCleanly: Bool, output: String
            switch step.kill {
            case .never?:
                (exitedCleanly, output) = try launch(step, step: i)
            case .afterAcknowledged(let answers)?:
                (exitedCleanly, output) = try launchAndKill(step, afterAcknowledged: answers, step: i)
            case .syscall(let name, let occurrence)?:
                (exitedCleanly, output) = try launch(step, step: i, killAt: (name, occurrence))
            case nil:
                if windows == nil { windows = try calibrate() }
                (exitedCleanly, output) = try launchAndKill(step, windows: &windows!, step: i)
            }
            if exitedCleanly {
                completed += 1
                acknowledged.formUnion(step.acknowledgedEntries)
                if let n = step.acknowledgedNewPerDay { newPerDay = n; previousNewPerDay = n }
            } else {
                kills += 1
                if let n = step.acknowledgedNewPerDay { previousNewPerDay = newPerDay; newPerDay = n }
            }
            // A session killed between answers has no answer in flight: the log holds exactly
            // the acknowledged ones.
            let between: Bool = if case .afterAcknowledged? = step.kill { true } else { false }
            let transcript = step.ratings.map { ReviewTranscript(output: output, ratings: $0) }
            try check(step: i, killed: !exitedCleanly, inFlight: !exitedCleanly && !between,
                      pending: step.acknowledgedNewPerDay,
                      wholeLog: exitedCleanly && step.acknowledgesWholeLog, transcript: transcript)
        }
    }

    /// Times a first command, which sets the kill windows of commands not yet seen to finish.
    private func calibrate() throws -> KillWindows {
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = try launchAndKill(["config", "new_per_day", String(newPerDay)], input: "", afterMicroseconds: 10_000_000)
        return KillWindows(firstRun: (DispatchTime.now().uptimeNanoseconds - t0) / 1000)
    }

    /// Runs `step`, killing it at a seeded random moment within its command's window.
    private mutating func launchAndKill(_ step: CrashStep, windows: inout KillWindows,
                                        step i: Int) throws -> (exitedCleanly: Bool, output: String) {
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
        let result = try launchAndKill(step.arguments, input: step.input, environment: step.environment,
                                       afterMicroseconds: delay, capture: step.ratings != nil,
                                       typing: typing, step: i)
        if result.exitedCleanly {
            windows.record(command, microseconds: (DispatchTime.now().uptimeNanoseconds - start) / 1000)
        }
        return result
    }

    /// After each step: the store opens; acknowledged entries (and answers) are there;
    /// nothing vanished.
    /// `inFlight`: a killed review session may have logged one answer it had not acknowledged.
    private mutating func check(step: Int, killed: Bool, inFlight: Bool, pending: Int?, wholeLog: Bool,
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
            let (problems, answered) = transcript.check(fresh: log.dropFirst(previousCount), ids: ids, killed: inFlight)
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
    mutating func mergeStep(_ rng: inout SeededGenerator) throws -> CrashStep {
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

    /// `recall review` answering `answers` (default 1-6) cards with random ratings through a
    /// pipe, then `:quit`. Each session is a day after the one before (`RECALL_NOW`), so there
    /// are always cards due or new.
    mutating func reviewStep(_ rng: inout SeededGenerator, answers: Int? = nil) -> CrashStep {
        let count = answers ?? Int.random(in: 1...6, using: &rng)
        let ratings = (0..<count).map { _ in
            Rating(rawValue: Int.random(in: 1...4, using: &rng)) ?? .good
        }
        reviewSessions += 1
        let day = Date(timeIntervalSince1970: 1_764_579_600 + Double(reviewSessions) * 86_400) // from 2025-12-01 09:00 UTC
        return CrashStep(arguments: ["review"], acknowledgesWholeLog: true, input: ReviewTranscript.input(ratings),
                         ratings: ratings, environment: ["RECALL_NOW": ISO8601DateFormatter().string(from: day)])
    }

    /// `recall config new_per_day N`, N random from 0-99.
    mutating func configStep(_ rng: inout SeededGenerator) -> CrashStep {
        configStep(value: Int.random(in: 0...99, using: &rng))
    }

    /// `recall config new_per_day N`.
    func configStep(value n: Int) -> CrashStep {
        CrashStep(arguments: ["config", "new_per_day", String(n)], acknowledgedNewPerDay: n)
    }

    /// A `recall ARGS` process on the harness's collection, not started.
    func recall(_ arguments: [String], environment: [String: String]) -> Process {
        let process = Process()
        process.executableURL = StudyFixture.binary
        process.arguments = arguments + ["--decks", root.appendingPathComponent("Decks").path,
                                         "--data", root.appendingPathComponent("data").path]
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": root.path, "RECALL_DEVICE": "d-crash", "TZ": "UTC"]
            .merging(RecallProcess.sanitizerEnvironment) { _, new in new }
            .merging(environment) { _, new in new }
        return process
    }

    /// Starts `recall ARGS`; kills it after the delay unless it has exited. True if it exited 0;
    /// with `capture`, also what it wrote to standard output before it exited or was killed.
    /// Exiting by itself with another status is an issue (under a sanitizer, that is how a
    /// report in `recall` shows).
    private func launchAndKill(_ arguments: [String], input: String, environment: [String: String] = [:],
                               afterMicroseconds delay: UInt32, capture: Bool = false,
                               typing: (start: UInt64, gap: UInt64)? = nil,
                               step: Int = -1) throws -> (exitedCleanly: Bool, output: String) {
        let process = recall(arguments, environment: environment)
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
final class OutputDrain: @unchecked Sendable {
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

