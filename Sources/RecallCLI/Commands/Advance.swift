import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall advance [QUERY] --count N`: makes cards not due yet due today.
    struct Advance: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "advance",
            abstract: "Make some cards that are not due yet due today (before a test, or on a light day).",
            discussion: """
                The N review cards that lose least by being seen early, those nearest their \
                due day as a share of their interval, become due today (the FSRS Helper \
                add-on's rule, docs/scheduling.md). It says what their predicted recall at \
                review becomes before it acts; more than 50 cards asks first at a terminal. \
                --undo takes it back.

                Examples:
                  recall advance --count 20 --dry-run
                  recall advance deck:Spanish --count 50
                  recall advance --undo
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var options: MoveOptions
        @OptionGroup var display: DisplayOptions

        @Option(name: .long, help: ArgumentHelp("How many cards to make due today.", valueName: "n"))
        var count: Int = 20

        func validate() throws {
            guard count >= 1 else { throw ValidationError("--count takes a number of cards from 1, not \(count)") }
        }

        func run() throws {
            let run = try DueMoveRun.open(collection, options: options)
            defer { run.search.close() }
            if options.undo {
                try run.undoLast("advance")
            } else {
                let (selected, _) = try run.cards()
                let plan = AdvancePlan(cards: selected, today: run.today, count: count, replay: run.replay)
                if try run.perform(plan.moves, verb: "advance", past: "advanced", at: run.time,
                                   report: { Self.report(plan, tentative: $0) }) {
                    Console.out("undo with '\(TypedCommand.text("advance --undo"))'\n")
                }
            }
            run.search.reportDeckProblems()
            try run.search.finish()
        }

        static func report(_ plan: AdvancePlan, tentative: Bool) -> String {
            guard !plan.moves.isEmpty else { return "no review cards are waiting to fall due; nothing to advance\n" }
            var out = (tentative ? "would advance " : "advanced ") + "\(plan.moves.count) of \(DeckWords.count(plan.candidates, "card")) not due yet to today"
                + String(format: ", seen %.1f days early on average\n", plan.meanDaysEarly)
            out += "  predicted recall at review: " + DueMoveRun.change(plan.cost) + "; an early review strengthens memory less\n"
            return out
        }
    }
}
