import ArgumentParser

/// Entry point used by the `recall` executable.
public enum RecallCLI {
    /// Parses argv, runs the command and exits with its code.
    public static func run() {
        Recall.main()
    }
}
