import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall postpone [QUERY] --days N`: spreads the cards due today over the next days.
    struct Postpone: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "postpone",
            abstract: "Spread the reviews due today over the next days, keeping the most urgent today.",
            discussion: """
                The review cards due today (overdue ones included) that suffer least from \
                waiting move to the next N days, so that no day gets more than it must; the \
                most overdue stay today (the FSRS Helper add-on's rule, docs/scheduling.md). \
                It says what the moved cards' predicted recall at review becomes before it \
                acts; more than 50 cards asks first at a terminal. --undo takes it back.

                Examples:
                  recall postpone --dry-run
                  recall postpone deck:Japanese --days 3
                  recall postpone --undo
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var options: MoveOptions
        @OptionGroup var display: DisplayOptions

        @Option(name: .long, help: ArgumentHelp("Spread over today and the next N days.", valueName: "n"))
        var days: Int = PostponePlan.defaultDays

        func validate() throws {
            guard (1...365).contains(days) else { throw ValidationError("--days takes a number of days from 1 to 365, not \(days)") }
        }

        func run() throws {
            let run = try DueMoveRun.open(collection, options: options)
            defer { run.search.close() }
            if options.undo {
                try run.undoLast("postpone")
            } else {
                let (selected, all) = try run.cards()
                let plan = PostponePlan(cards: selected, all: all, today: run.today, days: days,
                                        breaks: run.search.store.settings.plannedBreaks, replay: run.replay)
                if try run.perform(plan.moves, verb: "postpone", past: "postponed", at: run.time,
                                   report: { Self.report(plan, tentative: $0) }) {
                    Console.out("undo with '\(TypedCommand.text("postpone --undo"))'\n")
                }
            }
            run.search.reportDeckProblems()
            try run.search.finish()
        }

        /// What the plan does, as printed.
        static func report(_ plan: PostponePlan, tentative: Bool) -> String {
            guard plan.backlog > 0 else { return "no review cards are due today; nothing to postpone\n" }
            guard !plan.moves.isEmpty else {
                return "all \(DeckWords.count(plan.backlog, "due card")) stay today: the next \(plan.days) days are as busy\n"
            }
            var out = (tentative ? "would postpone " : "postponed ") + "\(plan.moves.count) of \(DeckWords.count(plan.backlog, "due card"))"
                + " over the next \(plan.days == 1 ? "day" : "\(plan.days) days"); \(plan.keptToday) stay today (the most overdue)\n"
            out += "  busiest day: \(DeckWords.count(plan.busiestDay, "review"))\n"
            out += "  predicted recall at review of the moved cards: " + DueMoveRun.change(plan.cost) + "\n"
            return out
        }
    }
}
