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

                Decks and #tags may be mixed with a search query (docs/search.md); the cards \
                must be in one of the decks or tags and match the query. Custom sessions: \
                --ahead N (due in the next N days, reviewed early), --failed (answered again \
                today), --new N (N more new cards than today's limit), --lowest-r N (the N \
                cards least likely to be recalled). Their answers move the schedule as any.

                Examples:
                  recall review
                  recall review Geography '#capitals'
                  recall review Swift 'prop:r<0.85'
                  recall review Swift --ahead 3
                  printf '\\n3\\nParis\\n\\n' | recall review --no-color
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var arguments: ReviewArguments
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let context = try StudySetup.open(collection, display: display)
            let plan: ReviewQueue.Plan?
            do {
                plan = try ReviewQueue.build(context: context, arguments: arguments)
            } catch {
                try StudySetup.close(context)
                throw CLIError(error.rendered(query: error.query), hint: error.error.hint, exitCode: 64)
            }
            guard let plan else {
                try StudySetup.close(context)
                throw ExitCode(1)
            }
            if let announcement = AutoOptimizeRun.takeAnnouncement(context.data) {
                context.output.line(announcement)
            }
            if plan.label == nil, let backlog = BacklogNote.text(context.data, now: context.now()) {
                context.view.note(backlog)
            }
            _ = ReviewRunner(context: context, queue: plan.cards, label: plan.label, scope: plan.scope,
                         learnAheadMinutes: plan.learnAheadMinutes).run()
            try StudySetup.close(context, syncing: collection)
            if context.saveFailed { throw ExitCode(1) }
        }
    }
}
