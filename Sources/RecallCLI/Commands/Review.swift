import ArgumentParser

extension Recall {
    /// `recall review [DECK|#TAG]…`: one review session, as `review` does in the shell.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Review the cards due today.",
            discussion: """
                Shows each card's deck, progress and question. Press Enter to reveal the \
                answer, or type your answer to see a diff and a suggested grade; then grade \
                1 again, 2 hard, 3 good, 4 easy (the next interval of each is shown). \
                In-session commands: :undo :skip :bury :suspend :edit :info :hint :quit. \
                Every answer is saved to the review log before the next card.

                Examples:
                  recall review
                  recall review Geography '#capitals'
                  printf '\\n3\\nParis\\n\\n' | recall review --no-color
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var arguments: ReviewArguments
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let context = try StudySetup.open(collection, display: display)
            guard let queue = ReviewQueue.build(context: context, filters: arguments.filters) else {
                try StudySetup.close(context)
                throw ExitCode(1)
            }
            _ = ReviewRunner(context: context, queue: queue).run()
            try StudySetup.close(context, syncing: collection)
            if context.saveFailed { throw ExitCode(1) }
        }
    }
}
