import Foundation

/// Runs the `git` executable (found on `PATH`) in one folder, for `recall sync`.
///
/// Git is never asked anything: standard input is empty, no editor opens and no password is
/// prompted for, so a sync in a script cannot hang. Output goes through temp files so that a
/// large one cannot dead-lock the pipes.
struct Git {
    /// The folder git runs in.
    var directory: String

    /// What one git run gave.
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Standard output as git wrote it, for file contents that must be read byte for byte.
        var stdoutBytes: [UInt8] = []
        var succeeded: Bool { status == 0 }
        /// Standard output's lines, without empty ones.
        var lines: [String] { stdout.split(whereSeparator: \.isNewline).map(String.init) }
        /// Git's reason for failing, for messages: the first line of standard error that is
        /// not a hint or a warning, without git's `fatal: ` or `error: `.
        var reason: String {
            let lines = stderr.split(whereSeparator: \.isNewline).map(String.init)
            let line = lines.first { !$0.hasPrefix("hint:") && !$0.hasPrefix("warning:") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                ?? "exit status \(status)"
            for prefix in ["fatal: ", "error: "] where line.hasPrefix(prefix) { return String(line.dropFirst(prefix.count)) }
            return line
        }
    }

    /// Runs `git ARGS`; throws only when git cannot be started at all.
    @discardableResult
    func run(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> Output {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("recall-git-\(getpid())-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        guard let out = try? FileHandle(forWritingTo: outURL), let err = try? FileHandle(forWritingTo: errURL) else {
            throw CLIError("cannot run git: cannot create temp files in '\(scratch.path)'")
        }
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_MERGE_AUTOEDIT"] = "no"
        environment["GIT_EDITOR"] = "true"
        environment.merge(extraEnvironment) { _, new in new }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "core.quotepath=off"] + arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw CLIError("cannot run git: \(error.localizedDescription)")
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let outBytes = [UInt8]((try? Data(contentsOf: outURL)) ?? Data())
        let result = Output(status: process.terminationStatus,
                            stdout: String(decoding: outBytes, as: UTF8.self),
                            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
                            stdoutBytes: outBytes)
        if result.status == 127, result.stderr.contains("No such file or directory") || result.stderr.contains("not found") {
            throw CLIError("recall sync needs git, and no 'git' was found on PATH",
                           hint: "install git (for example 'sudo apt-get install git') and run the command again")
        }
        return result
    }

    /// Runs `git ARGS` and returns its standard output; a failure becomes an error saying
    /// what was being done (`what`) and git's own reason.
    @discardableResult
    func check(_ arguments: [String], _ what: String, hint: String? = nil) throws -> String {
        let result = try run(arguments)
        guard result.succeeded else { throw CLIError("could not \(what): \(result.reason)", hint: hint) }
        return result.stdout
    }
}
