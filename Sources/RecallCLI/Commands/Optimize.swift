import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall optimize`: fit the FSRS-6 parameters to the review history.
    struct Optimize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "optimize",
            abstract: "Fit the FSRS-6 parameters to your review history.",
            discussion: """
                Fits all 21 FSRS-6 parameters to the collection's review log (days are study \
                days from the day-start hour), holding out the latest 20% of the reviews made \
                on a later day. Prints log loss, RMSE(bins) and AUC of the current and the \
                fitted parameters on those held-out reviews, and saves the fit only if it \
                predicts them better, with both a lower log loss and a lower RMSE(bins): on a \
                terminal it asks first, --yes saves without asking, and otherwise nothing is \
                saved. Parameters that ended on a bound of their range are named. With fewer \
                than 400 reviews made on a later day than each card's first, there is not \
                enough history to fit and the parameters stay as they are.

                With a DECK, fits that deck's cards (with its sub-decks, except those with \
                parameters of their own) and saves the fit for that deck: its cards are then \
                scheduled with it, every other card with the collection's parameters ('recall \
                config' lists them as deck.NAME.parameters; 'recall config deck.NAME.parameters \
                default' goes back). Without a DECK, cards of decks with their own parameters \
                are left out of the fit. A #TAG or --per-deck fit is only reported.

                With --log FILE, fits a JSONL log of {"card_id", "review_time" (unix seconds), \
                "rating"} lines instead (days in UTC) and never saves anything. With \
                --retention, also simulates a year of study at each desired retention and \
                recommends the one with the least study time per remembered card, saying so \
                when that is the lowest or highest retention simulated (0.70 or 0.97).

                Examples:
                  recall optimize                     fit, compare, ask before saving
                  recall optimize --yes               save the fit if it is better
                  recall optimize Languages --yes     fit one deck and save it for that deck
                  recall optimize '#verbs'            how a fit for one tag would do
                  recall optimize --log revlog.jsonl --json
                  recall optimize --retention         also recommend a desired retention
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Argument(help: ArgumentHelp("Fit only the reviews of a deck (with sub-decks; saved for that deck) or a #tag (only reported).",
                                     valueName: "deck|#tag"))
        var selection: String?

        @Flag(help: "Save a better fit without asking.")
        var yes = false

        @Flag(help: "Print the result as JSON.")
        var json = false

        @Flag(name: .customLong("per-deck"), help: "Report a fit for each top-level deck.")
        var perDeck = false

        @Option(help: ArgumentHelp("Fit this JSONL review log instead of the collection's.",
                                   valueName: "file"))
        var log: String?

        @Flag(help: "Recommend a desired retention from a workload simulation.")
        var retention = false

        /// The step a study session's end starts when a refit is due (docs/optimizer.md):
        /// refit if due, adopt if better, record it for the next greeting.
        @Flag(help: .hidden)
        var auto = false

        /// With --auto, as started after a session: low priority, waiting for the lock.
        @Flag(help: .hidden)
        var background = false

        func validate() throws {
            if log != nil, selection != nil || perDeck || yes {
                throw ValidationError("--log cannot be combined with a deck, --per-deck or --yes")
            }
            if auto, selection != nil || perDeck || yes || log != nil || json || retention {
                throw ValidationError("--auto cannot be combined with other options")
            }
            if background, !auto { throw ValidationError("--background needs --auto") }
            if perDeck, selection != nil {
                throw ValidationError("--per-deck cannot be combined with a deck or #tag")
            }
        }

        func run() throws {
            if auto { return print(OptimizeReport.autoStep(try AutoOptimizeRun.step(collection, background: background))) }
            if let log { return try runLog(path: log) }
            try runCollection()
        }

        /// `--log FILE`: fit and report, nothing saved.
        private func runLog(path: String) throws {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read '\(path)'", hint: "check the path of the --log file")
            }
            let reviews: [OptimizerReview]
            switch OptimizerLogReader.reviews([UInt8](data)) {
            case .success(let value): reviews = value
            case .failure(let problem):
                Console.err("\(path):\(problem.line): error: \(problem.message)\n")
                throw ExitCode(1)
            }
            let started = Date()
            let outcome = OptimizeRun.fit(reviews, current: CollectionSettings.defaultParameters)
            let seconds = Date().timeIntervalSince(started)
            report(outcome, current: CollectionSettings.defaultParameters, currentName: "default", seconds: seconds)
        }

        /// Prints how the fit compares with the `current` parameters (named `currentName`)
        /// and, with --retention, the workload simulated with the better of the two.
        func report(_ outcome: FSRSOptimizer.Outcome, current: [Double], currentName: String, seconds: Double?) {
            let better = outcome.isImprovement ? outcome.parameters : current
            let workload = retention ? OptimizeRun.workload(better) : nil
            if json {
                print(OptimizeReport.json(outcome, currentName: currentName, seconds: seconds, workload: workload))
            } else {
                print(Terminal.fitted(OptimizeReport.text(outcome, currentName: currentName)))
                if let workload { print(OptimizeReport.retentionTable(workload)) }
            }
        }
    }
}
