import ArgumentParser

/// `--no-color`, taken by every command (and before the command name, see ``Recall``):
/// commands that print use it for their output and for the diagnostics on standard error.
struct DisplayOptions: ParsableArguments {
    @Flag(name: .customLong("no-color"), help: "Do not colour the output (also: NO_COLOR=1).")
    var noColor = false

    /// Records the flag for the whole process (see ``Terminal/noColorGiven``), so that
    /// warnings printed by helpers that have no command options at hand obey it too.
    func validate() {
        if noColor { Terminal.recordNoColorFlag() }
    }
}
