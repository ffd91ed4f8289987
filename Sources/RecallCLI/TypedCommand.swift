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
}
