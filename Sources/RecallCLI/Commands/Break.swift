import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall break FROM TO [QUERY]`, `--list`, `--cancel ID|FROM`: days off planned ahead.
    struct Break: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "break",
            abstract: "Plan days off: move the reviews that would fall in them to just before or after.",
            discussion: """
                FROM and TO are dates (YYYY-MM-DD), both days included; FROM may be today. \
                Each review card due in the break moves to the side that costs least \
                retention, within a week of it (longer breaks: as many days as they last), \
                so that no day around it gets more than the usual load plus --margin percent \
                (at least 5 cards). Breaks are kept in settings.json and travel with sync; \
                --cancel puts the moved cards back where they were (docs/scheduling.md).

                Examples:
                  recall break 2026-12-24 2026-12-31 --dry-run
                  recall break 2026-12-24 2026-12-31 deck:Work
                  recall break --list
                  recall break --cancel 2026-12-24
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Argument(parsing: .allUnrecognized, help: ArgumentHelp(
            "FROM and TO (YYYY-MM-DD), then the search query of the cards to move (every card when none).",
            valueName: "from to query"))
        var words: [String] = []

        @Flag(name: .long, help: "List the planned breaks.")
        var list = false
        @Option(name: .long, help: ArgumentHelp("Cancel a break, named by its id or its first day.", valueName: "id|from"))
        var cancel: String?
        @Option(name: .long, help: ArgumentHelp("Allowed load on top of the usual, in percent.", valueName: "percent"))
        var margin: Int = BreakPlan.defaultMarginPercent
        @Flag(name: .customLong("dry-run"), help: "Show what would move and what it costs, and change nothing.")
        var dryRun = false
        @Flag(name: .long, help: "Do not ask before moving more than 50 cards.")
        var yes = false

        func validate() throws {
            if let word = words.first(where: { $0.hasPrefix("--") }) {
                throw ValidationError("Unknown option '\(word)'")
            }
            if list || cancel != nil {
                if list && cancel != nil { throw ValidationError("--list and --cancel cannot be combined") }
                if !words.isEmpty { throw ValidationError("--list and --cancel take no dates or query") }
                return
            }
            guard words.count >= 2 else {
                throw ValidationError("give the first and last day of the break, such as 'recall break 2026-12-24 2026-12-31'")
            }
            for word in words.prefix(2) where PlannedBreakDate.day(word) == nil {
                throw ValidationError("'\(word)' is not a date; write it as YYYY-MM-DD")
            }
            guard (0...1000).contains(margin) else { throw ValidationError("--margin takes a percentage from 0 to 1000, not \(margin)") }
        }

        func run() throws {
            if list { return try listBreaks() }
            let search = try CardSearch.open(collection, writing: !dryRun)
            defer { search.close() }
            if let cancel {
                try cancelBreak(cancel, search: search)
            } else {
                try plan(search: search)
            }
            search.reportDeckProblems()
            try search.finish()
        }

        private func listBreaks() throws {
            let store = try StoreAccess.open(collection, forWriting: false)
            defer { try? store.close() }
            let breaks = store.settings.plannedBreaks.all
            guard !breaks.isEmpty else { return Console.out("no breaks planned\n") }
            let today = store.replay.calendar.dayNumber(Clock.now())
            var out = "id      first day   last day    days  cards\n"
            for b in breaks {
                out += "\(b.id)  \(PlannedBreakDate.text(b.firstDay))  \(PlannedBreakDate.text(b.lastDay))  "
                    + String(format: "%4d", b.lastDay - b.firstDay + 1) + "  "
                    + (b.query.isEmpty ? "all" : TerminalText.sanitized(b.query, keepingNewlines: false))
                    + (b.lastDay < today ? " (over)" : b.covers(today) ? " (now)" : "") + "\n"
            }
            Console.out(out)
        }

        private func plan(search: CardSearch) throws {
            let store = search.store
            let replay = store.replay
            let today = replay.calendar.dayNumber(search.now)
            guard let first = PlannedBreakDate.day(words[0]), let last = PlannedBreakDate.day(words[1]) else { return }
            guard last >= first else {
                throw CLIError("the break ends (\(words[1])) before it starts (\(words[0]))", exitCode: 64)
            }
            guard first >= today else {
                throw CLIError("the break starts before today (\(PlannedBreakDate.text(today)))",
                               hint: "a break is planned ahead; for cards due after an absence, use '\(TypedCommand.text("postpone"))'", exitCode: 64)
            }
            let options = try MoveOptions.parse(Array(words.dropFirst(2)))
            let run = DueMoveRun(search: search, options: options)
            let (selected, all) = try run.cards()
            let plan = BreakPlan(firstDay: first, lastDay: last, cards: selected, all: all, today: today,
                                 marginPercent: margin, breaks: store.settings.plannedBreaks, replay: replay)
            let time = run.time
            var moveOptions = options
            moveOptions.yes = yes
            moveOptions.dryRun = dryRun
            try DueMoveRun(search: search, options: moveOptions).perform(plan.moves, verb: "move", past: "moved", at: time,
                                                                         report: { Self.report(plan, tentative: $0) })
            guard !dryRun else { return }
            let planned = PlannedBreak(firstDay: first, lastDay: last, query: options.queryText,
                                       planned: Date(timeIntervalSince1970: Double(DueMoveUndo.millis(time)) / 1000),
                                       device: store.device)
            var settings = store.settings
            settings.plannedBreaks.byID[planned.id] = planned
            try StoreAccess.reporting { try store.updateSettings(settings) }
            Console.out("planned break \(planned.id); cancel with '\(TypedCommand.text("break --cancel \(planned.id)"))'\n")
        }

        /// `break 2026-12-24 to 2026-12-31 (8 days): 64 cards would fall due in it` and what moves.
        static func report(_ plan: BreakPlan, tentative: Bool) -> String {
            let span = "\(PlannedBreakDate.text(plan.firstDay)) to \(PlannedBreakDate.text(plan.lastDay))"
            let length = plan.lastDay - plan.firstDay + 1
            var out = "break \(span) (\(DeckWords.count(length, "day"))): "
            guard !plan.moves.isEmpty else { return out + "no review cards fall due in it\n" }
            out += "\(DeckWords.count(plan.moves.count, "card")) would fall due in it\n"
            let verb = tentative ? "would move" : "moved"
            for (side, moves) in [("before", plan.movedBefore), ("after", plan.movedAfter)]
            where !moves.isEmpty {
                let (low, high) = (moves.map(\.toDay).min() ?? 0, moves.map(\.toDay).max() ?? 0)
                let spread = low == high ? " (\(PlannedBreakDate.text(low)))" : " (\(PlannedBreakDate.text(low)) to \(PlannedBreakDate.text(high)))"
                out += "  \(verb) \(moves.count) \(side) it\(spread): predicted recall at review " + DueMoveRun.change(RetentionCost(moves)) + "\n"
            }
            out += "  days given cards: at most \(DeckWords.count(plan.fullestDayGivenCards, "review")) (usual \(plan.usualLoad) + margin \(plan.margin)); "
                + "busiest day around it: \(plan.busiestDay) (\(plan.busiestDayBefore) before the move)\n"
            return out
        }

        private func cancelBreak(_ handle: String, search: CardSearch) throws {
            let store = search.store
            let found = store.settings.plannedBreaks.matching(id: handle, firstDay: PlannedBreakDate.day(handle))
            guard let target = found.first else {
                throw CLIError("no planned break '\(handle)'", hint: "'\(TypedCommand.text("break --list"))' shows the planned breaks")
            }
            guard found.count == 1 else {
                throw CLIError("\(found.count) breaks start on \(handle)", hint: "cancel one by its id: " + found.map(\.id).joined(separator: ", "))
            }
            let log = try StoreAccess.reporting { try store.loadEntries() }
            let time = ReviewSession.stamp(search.now, after: store.lastEntryTime())
            let result = DueMoveUndo.takingBack(target.planned, device: target.device, in: log, time: time,
                                                writer: store.isWritable ? store.device : "dry-run")
            var line = (dryRun ? "would cancel" : "cancelled") + " break \(target.id) (\(PlannedBreakDate.text(target.firstDay)) to \(PlannedBreakDate.text(target.lastDay))): "
                + DeckWords.count(result.entries.count, "card") + " due as before it was planned"
            if result.changedSince > 0 { line += " (\(result.changedSince) answered or moved since left as they are)" }
            if !dryRun {
                try StoreAccess.reporting { try store.appendUndos(result.entries) }
                var settings = store.settings
                settings.plannedBreaks.byID[target.id] = nil
                try StoreAccess.reporting { try store.updateSettings(settings) }
            }
            Console.out(line + (dryRun ? "; nothing changed (--dry-run)\n" : "\n"))
        }
    }
}
