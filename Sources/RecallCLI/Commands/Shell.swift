import ArgumentParser

extension Recall {
    /// `recall` / `recall shell`: the study shell (the default subcommand).
    struct Shell: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "shell",
            abstract: "Open the study shell (what plain 'recall' does).",
            discussion: """
                Shows today's new / learning / due counts per deck, then reads commands: \
                review, quiz, add, stats, decks, check, config, help, quit. On a terminal it has \
                line editing, history (Up, Ctrl-R; kept in the data folder's 'history' file) \
                and TAB completion of commands, decks and tags; Ctrl-C cancels the line and \
                Ctrl-D leaves. With standard input from a pipe, commands and answers are read \
                line by line, so sessions can be scripted.

                Examples:
                  recall
                  recall shell --decks ~/flashcards
                  printf 'review Geography\\n\\n3\\nquit\\n' | recall --no-color
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        func run() throws {
            // From opening to `quit`, hints name commands as the shell reads them.
            let context = try TypedCommand.$inShell.withValue(true) {
                let context = try StudySetup.open(collection, display: display)
                context.announcement = AutoOptimizeRun.takeAnnouncement(context.data)
                let repl = REPL(context: context,
                                delegate: StudySetup.delegate(collection, display: display, context: context))
                repl.run()
                return context
            }
            try StudySetup.close(context, syncing: collection)
            if context.saveFailed { throw ExitCode(1) }
        }
    }
}
