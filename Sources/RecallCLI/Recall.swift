import ArgumentParser

/// The root command: configuration only; each subcommand lives in its own file.
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
            """,
        version: version,
        subcommands: [
            Shell.self, Review.self, Quiz.self, Stats.self, Decks.self, Check.self, Import.self,
            Export.self, Optimize.self, Config.self, Merge.self, Replay.self,
        ],
        defaultSubcommand: Shell.self
    )
}
