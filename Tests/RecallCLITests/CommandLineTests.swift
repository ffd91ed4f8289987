import Foundation
import Testing
import RecallTestSupport

/// The command line as a whole: version, help of every command, and usage errors.
@Suite struct CommandLineTests {
    @Test func version() {
        let result = runRecall(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    /// Every command's help has a one-line abstract and examples, and states each default once
    /// (the parser adds "(default: N)" itself, so help text that says it too reads it twice).
    @Test(arguments: ["shell", "review", "quiz", "stats", "decks", "cards", "postpone", "advance",
                      "break", "check", "add", "new", "import", "export", "optimize", "simulate",
                      "config", "reschedule", "merge", "sync", "replay", "init"])
    func helpHasAbstractAndExamples(_ command: String) {
        let result = runRecall([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("OVERVIEW: "))
        #expect(!result.stdout.contains("(in progress)"))
        #expect(result.stdout.contains("Examples:") || result.stdout.contains("EXAMPLES"), "\(command)")
        #expect(result.stdout.contains("USAGE: recall \(command)"))
        let flat = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.range(of: #"\(default [^)]*\)\.? \(default: "#, options: .regularExpression) == nil, "\(command)")
    }

    @Test func unknownCommandSuggestsTheClosest() {
        let result = runRecall(["revue"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            Error: unknown command 'revue'
            Did you mean 'review'?
            Commands: shell, review, quiz, stats, decks, cards, postpone, advance, break, check, add, new, import, export, optimize, simulate, config, reschedule, merge, sync, replay, init
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
            Usage: recall config [--decks <dir>] [--data <dir>] [--no-color] [<key>] [<value>] [--reschedule] [--rename <new>]
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

    /// `--decks`, `--data` and `--no-color` go before or after the command name alike.
    @Test(arguments: [
        ["--data", "data", "--decks", "Decks", "config", "new_per_day", "7"],
        ["config", "new_per_day", "7", "--data", "data", "--decks", "Decks"],
        ["--data", "data", "config", "--decks", "Decks", "--no-color", "new_per_day", "7"],
        ["--no-color", "--decks=Decks", "--data=data", "config", "new_per_day", "7"],
    ])
    func collectionOptionsGoBeforeOrAfterTheCommand(_ args: [String]) throws {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["Decks/Capitals.txt": "Capital of France?\nParis\n"], under: root)
        let result = runRecall(args, cwd: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "new_per_day = 7\n")
        // The setting went to the --data folder given, for the --decks collection, wherever they stood.
        let settings = root.appendingPathComponent("data/collections/decks/settings.json")
        #expect(try String(contentsOf: settings, encoding: .utf8).contains("\"new_per_day\": 7"))
        let decks = runRecall(["--decks", "Decks", "--data", "data", "decks"], cwd: root)
        #expect(decks.stdout.split(separator: "\n").contains { $0.hasPrefix("Capitals ") })
    }

    /// Every command takes `--no-color`, before or after its name.
    @Test(arguments: ["shell", "review", "quiz", "stats", "decks", "cards", "postpone", "advance", "break", "check",
                      "add", "new", "import", "export", "optimize", "simulate", "config", "merge", "sync", "replay", "init"])
    func everyCommandTakesNoColor(_ command: String) {
        for args in [["--no-color", command, "--help"], [command, "--no-color", "--help"]] {
            let result = runRecall(args)
            #expect(result.status == 0, "\(args): \(result.stderr)")
            #expect(result.stdout.contains("--no-color"), "\(args)")
        }
    }

    @Test(arguments: [["--no-color", "check"], ["check", "--no-color"], ["--data", "data", "--no-color", "review"],
                      ["--no-color", "stats"], ["--data", "data", "--no-color", "cards"]])
    func noColorRunsBeforeOrAfterTheCommand(_ args: [String]) {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["Decks/Capitals.txt": "Capital of France?\nParis\n"], under: root)
        let result = runRecall(args + ["--decks", "Decks"], env: ["RECALL_NOW": "2026-03-01T09:00:00Z"],
                               stdin: ":quit\n", cwd: root)
        #expect(result.status == 0, "\(args): \(result.stderr)")
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test func unknownCommandAfterRootOptionsSuggestsTheClosest() {
        let result = runRecall(["--data", "d", "--no-color", "revue"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: unknown command 'revue'\nDid you mean 'review'?\n"))
    }

    @Test func rootHelpSaysWhereTheSharedOptionsGo() {
        let result = runRecall(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--decks, --data and --no-color go before or after the command name:"))
        #expect(result.stdout.contains("  --no-color "))
    }
}
