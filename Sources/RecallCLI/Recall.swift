import ArgumentParser

/// The root command: configuration only; each subcommand lives in its own file.
///
/// The collection and display options are declared here as well as on every subcommand, so
/// that they are taken before the command name as after it (`recall --data D review`, as
/// git and cargo take theirs): ArgumentParser parses the root's options wherever they stand
/// in argv, and a subcommand's `@OptionGroup` of the same type is given the root's values.
struct Recall: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "Spaced-repetition flashcards in your terminal.",
        discussion: """
            Recall turns question/answer decks into flashcards, schedules them with FSRS-6 \
            and runs review sessions and quizzes in a line-editing shell.

            Examples:
              recall                      open the study shell on ./Decks
              recall review               today's due cards, straight away
              recall quiz geography       ten questions on a topic
              recall stats                streak, heatmap, retention, forecast
              recall check Decks          validate deck files
              recall decks                list decks with today's counts
              recall add Geography -q 'Capital of Chile?' -a Santiago
                                          add a card to a deck file
              recall init ~/flashcards    start a deck folder with example decks

            --decks, --data and --no-color go before or after the command name:
              alias recall='recall --decks ~/notes'
            """,
        version: version,
        subcommands: [
            Shell.self, Review.self, Quiz.self, Stats.self, Decks.self, Cards.self, Postpone.self, Advance.self, Break.self,
            Check.self, Add.self, New.self, Import.self, Export.self, Optimize.self, Simulate.self, Config.self,
            Reschedule.self, Merge.self, Sync.self, MergeFile.self, Replay.self, Init.self,
        ],
        defaultSubcommand: Shell.self
    )

    @OptionGroup var collection: CollectionOptions
    @OptionGroup var display: DisplayOptions
}
