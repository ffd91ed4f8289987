import Foundation
import Testing
import RecallTestSupport

/// `--no-color` and `NO_COLOR` hold for warnings too, not only for a command's own output:
/// on a terminal, store notices printed while a command opens the progress come out plain.
@Suite struct NoColorTests {
    /// A collection whose review log ends in a line torn by a crash, which every opening
    /// reports as a warning.
    func tornLogFixture() throws -> StudyFixture {
        let f = try StudyFixture()
        let review = try f.run(["review", "--no-color"], input: "\n3\n")
        #expect(review.code == 0)
        let log = try #require(f.file(named: "reviews.jsonl"))
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"card":"0123"#.utf8))
        try handle.close()
        return f
    }

    /// The command on a 100-column pseudo-terminal, with `NO_COLOR` as given.
    func runOnTerminal(_ f: StudyFixture, _ arguments: [String], noColorVariable: String?) throws -> PTYProcess {
        var env = f.environment
        env["NO_COLOR"] = noColorVariable
        env["TERM"] = "xterm"
        let p = try PTYProcess(path: StudyFixture.binary.path,
                               arguments: arguments + ["--decks", f.decks.path, "--data", f.data.path],
                               environment: env)
        #expect(try p.waitForExit() == 0)
        return p
    }

    @Test(arguments: [
        (["config", "new_per_day", "30", "--no-color"], nil),
        (["--no-color", "decks"], nil),
        (["config", "new_per_day", "30"], "1"),
    ] as [([String], String?)])
    func warningsOnATerminalAreNotColoured(_ arguments: [String], noColorVariable: String?) throws {
        let f = try tornLogFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let p = try runOnTerminal(f, arguments, noColorVariable: noColorVariable)
        let log = try #require(f.file(named: "reviews.jsonl")).path
        // Lines wrapped to the terminal, joined again (continuations are indented by two).
        var lines: [String] = []
        for line in PTYProcess.strip(p.rawOutput).split(separator: "\n") {
            if line.hasPrefix("  "), !lines.isEmpty { lines[lines.count - 1] += " " + line.dropFirst(2) } else { lines.append(String(line)) }
        }
        #expect(Array(lines.prefix(2)) == [
            "\(log):2: warning: the last line is incomplete (recall was interrupted while writing it); skipping it",
            "note: it was never confirmed as saved; the next review recorded will remove it",
        ])
        #expect(!p.rawOutput.contains(0x1B))
    }

    /// Without either, a terminal still gets colour (the test above would pass on a
    /// printer that never colours).
    @Test func warningsOnATerminalAreColouredByDefault() throws {
        let f = try tornLogFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let p = try runOnTerminal(f, ["config", "new_per_day", "30"], noColorVariable: nil)
        #expect(p.rawOutput.contains(0x1B))
    }
}
