import ArgumentParser
import Foundation

/// Entry point used by the `recall` executable.
public enum RecallCLI {
    /// Parses argv, runs the command and exits with its code.
    ///
    /// `CLIError`s print as `recall: error: …` with their hint and exit 1; everything else
    /// (usage errors: 64, `ExitCode`, help) goes through ArgumentParser, with the usage of
    /// the command that failed.
    public static func run(arguments: [String]? = nil) -> Never {
        MallocTuning.apply()
        let arguments = arguments ?? Array(CommandLine.arguments.dropFirst())
        if let unknown = unknownCommand(in: arguments) { usageError(unknown) }
        var command: ParsableCommand
        do {
            try Clock.validate()
            command = try Recall.parseAsRoot(arguments)
        } catch {
            exit(with: error, command: Recall.self)
        }
        do {
            try command.run()
            Recall.exit()
        } catch {
            exit(with: error, command: type(of: command))
        }
    }

    private static func exit(with error: Error, command: ParsableCommand.Type) -> Never {
        if let error = error as? CLIError {
            Console.err(error.description + "\n")
            Foundation.exit(error.exitCode)
        }
        let code = Recall.exitCode(for: error)
        guard code == .validationFailure, command != Recall.self else { Recall.exit(withError: error) }
        // A usage error found while running a subcommand: show that subcommand's usage.
        let name = command.configuration.commandName ?? ""
        let usage = Recall.usageString(for: command)
        let text = "Error: \(Recall.message(for: error))\nUsage: \(usage)\n  See 'recall \(name) --help' for more information.\n"
        Console.err(text)
        Foundation.exit(code.rawValue)
    }

    /// The first word after the root's options when it looks like a command name but is
    /// none (`recall revue`, `recall --data D revue`): without this, ArgumentParser hands it
    /// to the default command and blames that.
    static func unknownCommand(in arguments: [String]) -> String? {
        var rest = arguments[...]
        while let first = rest.first {
            if ["--decks", "--data"].contains(first) {
                rest = rest.dropFirst(2)
            } else if ["--no-color"].contains(first) || first.hasPrefix("--decks=") || first.hasPrefix("--data=") {
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        guard let first = rest.first, !first.hasPrefix("-") else { return nil }
        return commandNames.contains(first) ? nil : first
    }

    static var commandNames: [String] {
        Recall.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }

    private static func usageError(_ word: String) -> Never {
        var message = "Error: unknown command '\(word)'\n"
        if let close = commandNames.min(by: { distance($0, word) < distance($1, word) }),
           distance(close, word) <= 2 {
            message += "Did you mean '\(close)'?\n"
        }
        let shown = Recall.configuration.subcommands.filter { $0.configuration.shouldDisplay }.compactMap { $0.configuration.commandName }
        message += "Commands: \(shown.joined(separator: ", "))\n"
        message += "  See 'recall --help' for more information.\n"
        Console.err(message)
        Foundation.exit(ExitCode.validationFailure.rawValue)
    }

    /// Levenshtein distance, for suggesting a command.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
