import RecallCore

/// An environment problem with no file location: printed as `recall: error: message`
/// (plus a `note:` hint) and exits 1.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var hint: String?
    var exitCode: Int32 = 1

    init(_ message: String, hint: String? = nil, exitCode: Int32 = 1) {
        self.message = message
        self.hint = hint
        self.exitCode = exitCode
    }

    /// The message and hint sanitized (``TerminalText``): they quote paths, names and link
    /// targets that may come from a shared deck or a synced repository.
    var description: String {
        "recall: error: \(TerminalText.sanitized(message))" + (hint.map { "\nnote: \(TerminalText.sanitized($0))" } ?? "")
    }
}
