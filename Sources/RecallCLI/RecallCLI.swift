import ArgumentParser
import Foundation

/// Entry point used by the `recall` executable.
public enum RecallCLI {
    /// Parses argv, runs the command and exits with its code.
    ///
    /// `CLIError`s print as `recall: error: …` with their hint and exit 1; everything else
    /// (usage errors: 64, `ExitCode`, help) goes through ArgumentParser.
    public static func run(arguments: [String]? = nil) -> Never {
        do {
            try Clock.validate()
            var command = try Recall.parseAsRoot(arguments)
            try command.run()
            Recall.exit()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            Foundation.exit(error.exitCode)
        } catch {
            Recall.exit(withError: error)
        }
    }
}
