import Foundation
import Testing
import RecallTestSupport

/// The bad-input catalogue: each bad deck, progress file or command line pinned to its exact
/// message and exit code. `docs/messages.md` lists the same cases.
///
/// Every case runs in a fresh folder holding `files` (paths relative to it; `Decks/` is the
/// collection, `data/` the data folder), with `RECALL_DATA=data` and `RECALL_NOW` fixed;
/// the folder's absolute path in messages is shown as `ROOT`.
/// `RECALL_BADINPUT_PRINT=1` prints every case's actual output instead (to update the table).
@Suite struct BadInputTests {
    @Test(arguments: BadInputCatalogue.decks + BadInputCatalogue.progress + BadInputCatalogue.commandLines)
    func badInputGivesItsMessage(_ c: BadInput) {
        let root = RecallProcess.temporaryDirectory("recall-bad")
        defer { try? FileManager.default.removeItem(at: root) }
        RecallProcess.write(c.files, under: root)
        for (path, bytes) in c.binaryFiles {
            let url = root.appendingPathComponent(path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(bytes).write(to: url)
        }
        var env = ["RECALL_DATA": root.appendingPathComponent("data").path, "RECALL_NOW": "2026-03-01T09:00:00Z",
                   "RECALL_DEVICE": "d-bad", "TZ": "UTC"]
        env.merge(c.env) { _, new in new }
        if let setup = c.setup {
            let first = runRecall(setup, env: env, stdin: "\n3\nquit\n", cwd: root)
            #expect(first.status == 0, "setup: \(first.stderr)")
            for (path, text) in c.afterSetup {
                try? Data(text.utf8).write(to: root.appendingPathComponent(path))
            }
        }
        let result = runRecall(c.arguments, env: env, stdin: c.stdin, cwd: root)
        let stderr = result.stderr.replacingOccurrences(of: root.path, with: "ROOT")
        if ProcessInfo.processInfo.environment["RECALL_BADINPUT_PRINT"] != nil {
            print("CASE \(c.name) status \(result.status)\n\(stderr)END")
            return
        }
        #expect(stderr == c.stderr, "\(c.name)")
        #expect(result.status == c.status, "\(c.name)")
    }

    @Test func catalogueHasThirtyDistinctCases() {
        let all = BadInputCatalogue.decks + BadInputCatalogue.progress + BadInputCatalogue.commandLines
        #expect(all.count >= 30)
        #expect(Set(all.map(\.name)).count == all.count)
        #expect(Set(all.map(\.stderr)).count == all.count, "two cases pin the same message")
    }
}

/// One bad input and the message it must give.
struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    var files: [String: String] = [:]
    var binaryFiles: [String: [UInt8]] = [:]
    /// A command run first (answering one card with Good), before `afterSetup` is written.
    var setup: [String]?
    var afterSetup: [String: String] = [:]
    var env: [String: String] = [:]
    var arguments: [String]
    var stdin: String? = nil
    var stderr: String
    var status: Int32

    var testDescription: String { name }
}
