import Foundation

/// Running the real `recall` binary in end-to-end tests.
public enum RecallProcess {
    /// The sanitizer settings of the test process (`ASAN_OPTIONS` and the like), passed on to
    /// every `recall` a test starts with a clean environment, so that `swift test --sanitize=…`
    /// runs the children with the same settings. Empty in a normal run.
    public static let sanitizerEnvironment: [String: String] = ProcessInfo.processInfo.environment.filter {
        ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"].contains($0.key)
    }

    /// The `recall` executable built next to the test bundle: the folder of `/proc/self/exe`
    /// (the test runner), walking up out of an `.xctest` bundle if needed.
    public static let binary: URL = {
        var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("recall")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("recall")
    }()

    /// A new empty folder under the system temp folder, unique to the caller.
    public static func temporaryDirectory(_ label: String = "recall-test") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString.prefix(12))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `files` (relative path → contents) under `root`, creating folders.
    public static func write(_ files: [String: String], under root: URL) {
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                     withIntermediateDirectories: true)
            try? Data(text.utf8).write(to: url)
        }
    }
}

/// Runs `recall ARGS` and waits for it.
///
/// The child gets a clean environment: `PATH`, `NO_COLOR=1`, `COLUMNS=80`, a fresh temp `HOME`
/// and `RECALL_DATA` under it, `RECALL_AUTO_OPTIMIZE=foreground`, then `env` on top (which may override any of these). Without
/// `cwd` it runs in a fresh empty temp folder, so no `./Decks` is found by accident.
/// Output goes through temp files, so large outputs cannot dead-lock the pipes.
public func runRecall(_ args: [String], env: [String: String] = [:], stdin: String? = nil,
               cwd: URL? = nil) -> (stdout: String, stderr: String, status: Int32) {
    let scratch = RecallProcess.temporaryDirectory("recall-run")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let home = scratch.appendingPathComponent("home")
    let workdir = cwd ?? scratch.appendingPathComponent("cwd")
    try? FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    try? FileManager.default.createDirectory(at: workdir, withIntermediateDirectories: true)
    var environment = [
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        "NO_COLOR": "1", "COLUMNS": "80", "HOME": home.path,
        "RECALL_DATA": home.appendingPathComponent("data").path,
        // A refit due after a session runs before the command exits, never in the background.
        "RECALL_AUTO_OPTIMIZE": "foreground",
    ]
    environment.merge(RecallProcess.sanitizerEnvironment) { _, new in new }
    environment.merge(env) { _, new in new }

    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    let inURL = scratch.appendingPathComponent("stdin")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))

    let process = Process()
    process.executableURL = RecallProcess.binary
    process.arguments = args
    process.environment = environment
    process.currentDirectoryURL = workdir
    guard let out = try? FileHandle(forWritingTo: outURL), let err = try? FileHandle(forWritingTo: errURL),
          let input = try? FileHandle(forReadingFrom: inURL) else {
        return ("", "runRecall: cannot open temp files in \(scratch.path)", -1)
    }
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    do {
        try process.run()
    } catch {
        return ("", "runRecall: cannot start \(RecallProcess.binary.path): \(error)", -1)
    }
    process.waitUntilExit()
    try? out.close()
    try? err.close()
    try? input.close()
    let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
    let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    return (stdout, stderr, process.terminationStatus)
}
