import ArgumentParser

extension Recall {
    /// `recall quiz [TOPIC]…`: a topic quiz, as `quiz` does in the shell.
    struct Quiz: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quiz",
            abstract: "Quiz yourself on a topic.",
            discussion: """
                Picks --count cards whose deck, #tag or text matches a TOPIC (all cards when \
                none is given) and asks each once: --mode flip (reveal, then say y/n), typed \
                (type the answer; small typos are forgiven) or choice (pick the right answer \
                among four, keys 1-4). Ends with the score and the cards you missed. The \
                schedule is not touched unless --record is given.

                Examples:
                  recall quiz geography
                  recall quiz '#capitals' --mode choice --count 5
                  recall quiz swift --mode typed --record
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var arguments: QuizArguments
        @OptionGroup var display: DisplayOptions

        func run() throws {
            do {
                _ = try StudySelection(arguments.topics)
            } catch {
                throw CLIError(error.rendered(query: StudySelection.queryText(arguments.topics)), hint: error.hint, exitCode: 64)
            }
            // Without --record nothing is written, so no lock: it works beside a running session.
            let context = try StudySetup.open(collection, display: display, forWriting: arguments.record)
            guard let runner = QuizRunner(context: context, arguments: arguments) else {
                try StudySetup.close(context)
                throw ExitCode(1)
            }
            runner.run()
            try StudySetup.close(context)
            if context.saveFailed { throw ExitCode(1) }
        }
    }
}
