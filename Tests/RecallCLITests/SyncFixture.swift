import Foundation
import RecallTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Two machines on one disk for `recall sync` tests: a bare git repository as the remote and,
/// per machine, a decks folder, a data folder and a device id. Git runs with no global or
/// system config and a fixed identity, so the tests behave the same on any machine.
struct SyncFixture {
    let root: URL
    var remote: URL { root.appendingPathComponent("remote.git") }

    /// One machine: `name` is also its device id.
    struct Machine {
        let name: String
        let root: URL
        var decks: URL { root.appendingPathComponent("Decks") }
        var data: URL { root.appendingPathComponent("data") }
        var log: URL { decks.appendingPathComponent(".recall/reviews.jsonl") }
    }

    let a: Machine
    let b: Machine

    init(label: String = "recall-sync") throws {
        root = RecallProcess.temporaryDirectory(label)
        a = Machine(name: "laptop", root: root.appendingPathComponent("laptop"))
        b = Machine(name: "desktop", root: root.appendingPathComponent("desktop"))
        for m in [a, b] { try FileManager.default.createDirectory(at: m.root, withIntermediateDirectories: true) }
        let made = git(["init", "--quiet", "--bare", remote.path], in: root)
        if made.status != 0 { throw FixtureError(message: "git init --bare failed: \(made.stderr)") }
    }

    private init(root: URL) {
        self.root = root
        a = Machine(name: "laptop", root: root.appendingPathComponent("laptop"))
        b = Machine(name: "desktop", root: root.appendingPathComponent("desktop"))
    }

    /// A copy of the whole fixture (remote and machines) in a new folder, each machine's
    /// remote pointed at the copy's.
    func copy(label: String) throws -> SyncFixture {
        let other = SyncFixture(root: RecallProcess.temporaryDirectory(label))
        try FileManager.default.removeItem(at: other.root)
        try FileManager.default.copyItem(at: root, to: other.root)
        for m in [other.a, other.b] {
            let set = other.git(["remote", "set-url", "origin", other.remote.path], in: m.decks)
            if set.status != 0 { throw FixtureError(message: "git remote set-url failed: \(set.stderr)") }
        }
        return other
    }

    struct FixtureError: Error { var message: String }

    /// The environment every command of the test gets.
    var gitEnvironment: [String: String] {
        ["GIT_AUTHOR_NAME": "Recall Test", "GIT_AUTHOR_EMAIL": "test@example.com",
         "GIT_COMMITTER_NAME": "Recall Test", "GIT_COMMITTER_EMAIL": "test@example.com",
         "GIT_AUTHOR_DATE": "2026-03-01T12:00:00Z", "GIT_COMMITTER_DATE": "2026-03-01T12:00:00Z",
         "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
         "TZ": "UTC", "LANG": "C.UTF-8"]
    }

    /// Writes the deck files of a machine's decks folder.
    func writeDecks(_ m: Machine, _ files: [String: String]) {
        RecallProcess.write(files, under: m.decks)
    }

    /// Runs `recall ARGS --decks … --data …` as machine `m` at `now`.
    func recall(_ m: Machine, _ args: [String], now: String = "2026-03-01T09:00:00Z", stdin: String? = nil,
                env extra: [String: String] = [:]) -> (stdout: String, stderr: String, status: Int32) {
        var env = gitEnvironment
        env["RECALL_NOW"] = now
        env["RECALL_DEVICE"] = m.name
        env.merge(extra) { _, new in new }
        return runRecall(args + ["--decks", m.decks.path, "--data", m.data.path], env: env, stdin: stdin, cwd: m.root)
    }

    /// Runs `git ARGS` in `folder` with the test's environment.
    func git(_ args: [String], in folder: URL) -> (stdout: String, stderr: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + args
        process.environment = ProcessInfo.processInfo.environment.merging(gitEnvironment) { _, new in new }
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return ("", "\(error)", -1) }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self), process.terminationStatus)
    }

    /// The review log's lines on machine `m`.
    func logLines(_ m: Machine) -> [String] {
        ((try? String(contentsOf: m.log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// This machine's short host name, as sync's commit messages give it.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        _ = gethostname(&buffer, buffer.count)
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(name.split(separator: ".").first ?? "")
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
