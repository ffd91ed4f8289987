@preconcurrency import Glibc
import Foundation
import Testing
import RecallTestSupport

/// Running a crash step to a kill point it reaches however fast or slow it runs.
extension CrashHarness {
    /// Runs `step` to its end, or with `killAt` until strace kills it on entry to its Nth call
    /// of that system call. True if it exited 0, and what it wrote to standard output.
    func launch(_ step: CrashStep, step index: Int,
                killAt point: (syscall: String, occurrence: Int)? = nil) throws -> (exitedCleanly: Bool, output: String) {
        let process = recall(step.arguments, environment: step.environment)
        if let point, let program = process.executableURL {
            // -f: recall's other threads count too; -o /dev/null: no trace, only the kill.
            process.arguments = ["-f", "-qq", "-o", "/dev/null", "-e", "trace=\(point.syscall)",
                                 "-e", "inject=\(point.syscall):signal=SIGKILL:when=\(point.occurrence)",
                                 "--", program.path] + (process.arguments ?? [])
            process.executableURL = URL(fileURLWithPath: StraceInjection.path)
        }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = OutputDrain(stdout.fileHandleForReading)
        let errors = OutputDrain(stderr.fileHandleForReading)
        signal(SIGPIPE, SIG_IGN) // a write after recall died fails with EPIPE instead
        let bytes = Array(step.input.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(stdin.fileHandleForWriting.fileDescriptor, $0.baseAddress, $0.count) }
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return finish(process, step: step, index: index, output: output.text(), errors: errors.text())
    }

    /// Runs a review session `step`, types its answers one at a time, each once the one before
    /// has been acknowledged on screen, and kills it once `answers` have been acknowledged.
    func launchAndKill(_ step: CrashStep, afterAcknowledged answers: Int,
                       step index: Int) throws -> (exitedCleanly: Bool, output: String) {
        let ratings = step.ratings ?? []
        precondition(answers < ratings.count, "a session killed after \(answers) answers needs more cards")
        let process = recall(step.arguments, environment: step.environment)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let errors = OutputDrain(stderr.fileHandleForReading)
        let screen = PipeScreen(stdout.fileHandleForReading.fileDescriptor)
        signal(SIGPIPE, SIG_IGN)
        let writer = stdin.fileHandleForWriting.fileDescriptor
        // The first card on screen, then each answer and its acknowledgement.
        var waited = screen.wait { ReviewTranscript.cardsShown($0) > 0 }
        for (number, rating) in ratings.prefix(answers).enumerated() where waited {
            let bytes = Array("\n\(rating.rawValue)\n".utf8)
            _ = bytes.withUnsafeBytes { Glibc.write(writer, $0.baseAddress, $0.count) }
            waited = screen.wait { ReviewTranscript(output: $0, ratings: ratings).acknowledged.count > number }
        }
        if !waited {
            Issue.record("step \(index): the session did not acknowledge \(answers) answers; it showed:\n\(screen.text.suffix(2000))")
        }
        kill(process.processIdentifier, SIGKILL)
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return finish(process, step: step, index: index, output: screen.rest(), errors: errors.text())
    }

    /// True if `process` exited 0; exiting by itself with another status is an issue (under a
    /// sanitizer, that is how a report in `recall` shows).
    private func finish(_ process: Process, step: CrashStep, index: Int,
                        output: String, errors: String) -> (exitedCleanly: Bool, output: String) {
        let exitedByItself = process.terminationReason == .exit, status = process.terminationStatus
        if exitedByItself, status != 0 {
            Issue.record("step \(index): recall \(step.arguments.joined(separator: " ")) exited with status \(status):\n\(errors.suffix(2000))")
        }
        return (exitedByItself && status == 0, output)
    }
}

/// Whether strace can kill a process on entry to a system call here (it is not installed
/// everywhere, and some containers forbid tracing).
enum StraceInjection {
    static let path = "/usr/bin/strace"

    static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: path) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-f", "-qq", "-o", "/dev/null", "-e", "trace=getpid",
                             "-e", "inject=getpid:signal=SIGKILL:when=1", "--", "/bin/sh", "-c", "echo $$"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }()
}

/// What a process has written to a pipe so far, read as it comes.
final class PipeScreen {
    private let fd: Int32
    private var data = Data()

    init(_ fd: Int32) { self.fd = fd }

    var text: String { String(decoding: data, as: UTF8.self) }

    /// Reads until `done(text)` holds; false if the pipe ends first, or after a long safety
    /// timeout (against hangs, not a timing assertion; scaled by `RECALL_TEST_TIMEOUT_SCALE`).
    func wait(_ done: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(120 * PTYProcess.timeoutScale)
        while !done(text) {
            guard Date() < deadline, readMore() else { return false }
        }
        return true
    }

    /// Reads to the end of the pipe and returns everything.
    func rest() -> String {
        while readMore() {}
        return text
    }

    /// Reads what is available, waiting up to 100 ms; false at the end of the pipe.
    private func readMore() -> Bool {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, 100) > 0 else { return true }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(fd, &buffer, buffer.count)
        guard n > 0 else { return false }
        data.append(contentsOf: buffer[0..<n])
        return true
    }
}
