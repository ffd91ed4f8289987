import Foundation
import Testing

/// Faults from the environment: a full disk, a read-only data folder, a deck deleted during
/// a session, a snapshot replaced by garbage, the clock going back a day and two processes
/// starting at once. Each must give a clear message, exit non-zero where it must, and keep
/// every review that was acknowledged. Tests that need root (to mount a small tmpfs) are
/// skipped with that reason elsewhere.
@Suite(.serialized) struct FaultTests {
    @Test(.enabled(if: Mount.available, "needs root and a mountable tmpfs for a full disk"))
    func fullDiskRefusesToReviewAndKeepsTheLog() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        try Mount.tmpfs(at: f.data, kilobytes: 256)
        defer { Mount.unmount(f.data) }
        #expect(try f.run(["review"], input: "\n3\nquit\n").code == 0)
        let before = try f.logLines()
        #expect(before.count == 1)
        Mount.fill(f.data)
        // The log's last page still has room, so answers are appended (a session rewrites
        // nothing else); writing the settings and snapshot needs new space and is refused.
        let full = try f.run(["review"], input: "\n3\n\n3\nquit\n")
        #expect(full.code == 0, "answers that fit are kept: \(full.err)")
        #expect(try f.logLines().count == before.count + 2)
        let settings = try f.run(["config", "new_per_day", "5"], input: "")
        #expect(settings.code != 0)
        #expect(settings.err.contains("error:"), "message: \(settings.err)")
        #expect(Array(try f.logLines().prefix(before.count)) == before)
        try FaultTests.expectWholeLines(f)
        try? FileManager.default.removeItem(at: f.data.appendingPathComponent("filler"))
        let after = try f.run(["stats"], input: "")
        #expect(after.code == 0, "after freeing space: \(after.err)")
    }

    @Test(.enabled(if: Mount.available, "needs root to make a read-only tmpfs (root ignores file modes)"))
    func readOnlyDataFolderGivesAClearMessage() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        try Mount.tmpfs(at: f.data, kilobytes: 1024)
        defer { Mount.unmount(f.data) }
        #expect(try f.run(["review"], input: "\n3\nquit\n").code == 0)
        let before = try f.logLines()
        try Mount.remountReadOnly(f.data)
        let review = try f.run(["review"], input: "\n3\nquit\n")
        #expect(review.code == 1)
        #expect(review.err.hasPrefix("recall: error: "), "message: \(review.err)")
        #expect(review.err.lowercased().contains("read-only"), "message: \(review.err)")
        #expect(try f.logLines() == before)
    }

    /// A piped review on a disk that fills up: it stops at the first answer that cannot be
    /// saved, says so once and exits 1 (it went on and exited 0).
    @Test(.enabled(if: Mount.available, "needs root and a mountable tmpfs for a full disk"))
    func pipedReviewStopsAtTheFirstFailedSave() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let many = (1...300).map { "Question \($0)?\nAnswer \($0)\n" }.joined(separator: "-\n")
        try many.write(to: f.decks.appendingPathComponent("Many.txt"), atomically: true, encoding: .utf8)
        try Mount.tmpfs(at: f.data, kilobytes: 256)
        defer { Mount.unmount(f.data) }
        #expect(try f.run(["config", "new_per_day", "1000"], input: "").code == 0)
        #expect(try f.run(["review"], input: "\n3\nquit\n").code == 0)
        let before = try f.logLines()
        Mount.fill(f.data)
        // The log's last page has room for a few dozen answers; 300 run past it.
        let full = try f.run(["review"], input: String(repeating: "\n3\n", count: 300))
        #expect(full.code == 1, "stderr: \(full.err)")
        let errors = full.err.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1, "stderr: \(full.err)")
        #expect(errors.first?.hasPrefix("recall: error: cannot write '") == true, "stderr: \(full.err)")
        #expect(errors.first?.hasSuffix("reviews.jsonl': No space left on device") == true, "stderr: \(full.err)")
        #expect(!full.out.contains("error:"))
        let saved = try f.logLines().count - before.count
        #expect(saved > 0 && saved < 300)
        #expect(full.out.components(separatedBy: "1 again").count - 1 == saved + 1)  // stopped at the failed one
        try FaultTests.expectWholeLines(f)
    }

    @Test func snapshotReplacedByGarbageIsRebuiltFromTheLog() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        #expect(try f.run(["review"], input: "\n3\nquit\n").code == 0)
        let state = try #require(f.file(named: "state.json"))
        try Data("\u{0}garbage{{{".utf8).write(to: state)
        let second = try f.run(["review"], input: "\n3\nquit\n")
        #expect(second.code == 0, "stderr: \(second.err)")
        #expect(try f.logLines().count == 2)
        let rebuilt = try Data(contentsOf: state)
        #expect(rebuilt.first == UInt8(ascii: "{"))
        let stats = try f.run(["stats"], input: "")
        #expect(stats.code == 0 && stats.err == "", "stats after rebuild: \(stats.err)")
    }

    @Test func clockGoingBackADayKeepsEveryReview() throws {
        var f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        f.extraEnvironment["RECALL_NOW"] = "2026-03-02T09:00:00Z"
        #expect(try f.run(["review"], input: "\n3\nquit\n").code == 0)
        f.extraEnvironment["RECALL_NOW"] = "2026-03-01T09:00:00Z"
        let back = try f.run(["review"], input: "\n3\nquit\n")
        #expect(back.code == 0, "stderr: \(back.err)")
        let stats = try f.run(["stats"], input: "")
        #expect(stats.code == 0, "stderr: \(stats.err)")
        #expect(try f.logLines().count == 2)
        try FaultTests.expectWholeLines(f)
    }

    @Test func deckDeletedMidSessionKeepsTheAnswers() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let session = try PipedSession(f, ["review"])
        session.send("\n3\n")
        #expect(f.waitForLogLines(1), "the first answer was never logged")
        try FileManager.default.removeItem(at: f.decks.appendingPathComponent("Geography.txt"))
        session.send("\n3\n\n3\nquit\n")
        let end = session.finish()
        #expect(end.code == 0, "stderr: \(end.err)")
        #expect(try f.logLines().count == 3)
        let later = try f.run(["stats"], input: "")
        #expect(later.code == 0, "stats without the deck: \(later.err)")
        #expect(try f.logLines().count == 3)
    }

    @Test func twoProcessesRacingToStartNeverLoseAnAnswer() throws {
        var f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        var logged = 0
        for round in 0..<4 {
            // Days apart, so that every round has cards to answer.
            f.extraEnvironment["RECALL_NOW"] = "2026-03-\(10 + 3 * round)T09:00:00Z"
            let a = try PipedSession(f, ["review"]), b = try PipedSession(f, ["review"])
            a.send("\n2\nquit\n")
            b.send("\n2\nquit\n")
            for end in [a.finish(), b.finish()] {
                if end.code == 0 {
                    logged += 1
                } else {
                    let message = end.err
                    #expect(end.code == 1, "round \(round): exit \(end.code)")
                    #expect(message.hasPrefix("recall: error: ") && message.contains("in use"), "round \(round): \(message)")
                }
            }
            #expect(try f.logLines().count == logged, "round \(round)")
        }
        #expect(logged >= 4)
        try FaultTests.expectWholeLines(f)
    }

    /// Every line of the fixture's review log is a whole JSON object.
    static func expectWholeLines(_ f: StudyFixture) throws {
        for line in try f.logLines() {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "bad line: \(line)")
        }
    }
}

/// A `recall` process fed through a pipe that stays open until ``finish()``.
final class PipedSession {
    private let process = Process()
    private let input = Pipe(), output = Pipe(), errors = Pipe()

    init(_ f: StudyFixture, _ arguments: [String]) throws {
        process.executableURL = StudyFixture.binary
        process.arguments = arguments + ["--decks", f.decks.path, "--data", f.data.path]
        process.environment = f.environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        signal(SIGPIPE, SIG_IGN) // a process that exits early must not take the test runner with it
        try process.run()
    }

    /// Writes to standard input; a process that has already exited just misses the text.
    func send(_ text: String) { try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8)) }

    /// Closes standard input and waits for the exit.
    func finish() -> (out: String, err: String, code: Int32) {
        try? input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self), process.terminationStatus)
    }
}

extension StudyFixture {
    /// Waits (up to a minute) until the review log holds `count` lines.
    func waitForLogLines(_ count: Int) -> Bool {
        for _ in 0..<6000 {
            if ((try? logLines().count) ?? 0) >= count { return true }
            usleep(10_000)
        }
        return false
    }
}

/// Small tmpfs mounts for disk faults (root only).
enum Mount {
    /// True when running as root with a working `mount -t tmpfs`.
    static let available: Bool = {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("recall-mount-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: probe) }
        guard (try? tmpfs(at: probe, kilobytes: 64)) != nil else { return false }
        unmount(probe)
        return true
    }()

    static func tmpfs(at url: URL, kilobytes: Int) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try run(["/bin/mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", url.path])
    }

    static func remountReadOnly(_ url: URL) throws { try run(["/bin/mount", "-o", "remount,ro", url.path]) }

    static func unmount(_ url: URL) { try? run(["/bin/umount", url.path]) }

    /// Fills the file system holding `url` with `url/filler`.
    static func fill(_ url: URL) {
        guard let handle = FileHandle(forWritingAtPath: url.path + "/filler")
            ?? (FileManager.default.createFile(atPath: url.path + "/filler", contents: nil)
                ? FileHandle(forWritingAtPath: url.path + "/filler") : nil) else { return }
        let block = Data(count: 4096)
        while (try? handle.write(contentsOf: block)) != nil {}
        try? handle.close()
    }

    private static func run(_ command: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
