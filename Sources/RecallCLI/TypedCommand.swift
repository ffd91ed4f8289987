/// A Recall command as the user types it where they are: `postpone --undo` in the study
/// shell, which reads commands without the program's name, and `recall postpone --undo` on
/// the command line. Messages that suggest a command the shell also has name it this way,
/// so that a hint can be typed as it reads.
enum TypedCommand {
    /// Whether the study shell is running the command at hand (bound by ``Recall/Shell``
    /// around its session, which includes the commands it hands on to their subcommands).
    @TaskLocal static var inShell = false

    /// `words` (a command and its arguments, without `recall`) as typed where the user is.
    static func text(_ words: String) -> String {
        inShell ? words : "recall " + words
    }

    /// `word` as one argument, for a POSIX shell and the study shell alike: as it is when
    /// safe, else in double quotes (single quotes when it holds a character double quotes
    /// do not keep).
    static func shellWord(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "._:-/".unicodeScalars.contains($0) }
        if safe { return word }
        if !word.contains(where: { "$`\\\"!".contains($0) }) { return "\"" + word + "\"" }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
