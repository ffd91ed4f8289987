import Foundation
import Testing

/// The command line as a whole: version, help of every command, and usage errors.
@Suite struct CommandLineTests {
    @Test func version() {
        let result = runRecall(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    /// Every command's help has a one-line abstract and examples.
    @Test(arguments: ["shell", "review", "quiz", "stats", "decks", "check", "import", "export",
                      "optimize", "config", "merge", "replay"])
    func helpHasAbstractAndExamples(_ command: String) {
        let result = runRecall([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("OVERVIEW: "))
        #expect(!result.stdout.contains("(in progress)"))
        #expect(result.stdout.contains("Examples:") || result.stdout.contains("EXAMPLES"), "\(command)")
        #expect(result.stdout.contains("USAGE: recall \(command)"))
    }

    @Test func unknownCommandSuggestsTheClosest() {
        let result = runRecall(["revue"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            Error: unknown command 'revue'
            Did you mean 'review'?
            Commands: shell, review, quiz, stats, decks, check, import, export, optimize, config, merge, replay
              See 'recall --help' for more information.

            """)
    }

    /// A usage error found while a subcommand runs shows that subcommand's usage.
    @Test func usageErrorInsideACommandShowsItsUsage() {
        let root = RecallProcess.temporaryDirectory()
        let result = runRecall(["config", "new_per_day", "many", "--data", "data", "--decks", "."], cwd: root)
        #expect(result.status == 64)
        #expect(result.stderr == """
            Error: new_per_day: expected a whole number, found 'many'
            Usage: recall config [--decks <dir>] [--data <dir>] [<key>] [<value>]
              See 'recall config --help' for more information.

            """)
    }

    @Test func badRecallNowIsAnEnvironmentError() {
        let result = runRecall(["decks"], env: ["RECALL_NOW": "yesterday"])
        #expect(result.status == 1)
        #expect(result.stderr == """
            recall: error: RECALL_NOW is set to 'yesterday', which is not an ISO-8601 time
            note: use a form like 2026-03-01T09:00:00Z or 2026-03-01T09:00:00+01:00

            """)
    }
}
