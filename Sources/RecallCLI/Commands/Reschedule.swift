import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall reschedule [QUERY…]`: recompute due dates from memory states and the current
    /// settings, or take the last reschedule back.
    struct Reschedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reschedule",
            abstract: "Recompute review cards' due dates from their memory state and the current settings.",
            discussion: """
                Due dates are decided when a card is answered and kept: changing \
                desired_retention, the parameters or the maximum interval changes how later \
                answers are scheduled, not when cards already scheduled come due. This command \
                moves the cards QUERY selects (every card when none; the search language of \
                'recall cards', docs/search.md) to the due date their memory state and the \
                current settings give, counted from their last review, and says how many \
                moved and how today's and the next 7 days' counts change. It is the same \
                action as 'recall cards QUERY --reschedule'. --undo takes the last reschedule \
                made on this device back.

                Examples:
                  recall reschedule --dry-run             what would move, and by how much
                  recall reschedule deck:Swift
                  recall reschedule --undo
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Argument(parsing: .allUnrecognized, help: ArgumentHelp(
            "The search query (see docs/search.md); every card when none.", valueName: "query"))
        var query: [String] = []

        @Flag(name: .customLong("dry-run"), help: "Say what would change, and change nothing.")
        var dryRun = false
        @Flag(name: .long, help: "Take back the last reschedule made on this device.")
        var undo = false
        @Flag(name: .long, help: "Do not ask before moving more than 50 cards.")
        var yes = false

        func validate() throws {
            if let word = query.first(where: { $0.hasPrefix("--") }) {
                throw ValidationError("Unknown option '\(word)'")
            }
            if undo && !query.isEmpty { throw ValidationError("--undo takes no query: it takes back the whole last reschedule") }
        }

        func run() throws {
            if undo { return try takeBack() }
            let text = query.joined(separator: " ")
            let parsed: SearchQuery
            do {
                parsed = try SearchParser.parse(text)
            } catch {
                throw CLIError(error.rendered(query: text), hint: error.hint, exitCode: 64)
            }
            let search = try CardSearch.open(collection, writing: !dryRun)
            defer { search.close() }
            let ids = try search.listing(parsed).rows.map(\.card.id)
            try RescheduleRun(store: search.store, now: search.now, dryRun: dryRun, yes: yes).run(ids)
            search.reportDeckProblems()
            try search.finish()
        }

        private func takeBack() throws {
            let store = try StoreAccess.open(collection, forWriting: !dryRun)
            defer { try? store.close() }
            let batch = try StoreAccess.reporting { try store.lastReschedule() }
            guard !batch.isEmpty else {
                Console.out("no reschedule to take back on this device\n")
                return
            }
            let cards = DeckWords.count(batch.count, "card")
            if dryRun {
                Console.out("would take back the reschedule of \(cards); nothing changed (--dry-run)\n")
                return
            }
            let now = Clock.now()
            let before = RescheduleRun.outlook(store, now: now)
            try StoreAccess.reporting {
                try store.takeBack(batch, at: ReviewSession.stamp(now, after: store.lastEntryTime()))
                try store.close()
            }
            Console.out("took back the reschedule of \(cards)\n"
                + RescheduleRun.change(before, RescheduleRun.outlook(store, now: now)) + "\n")
        }
    }
}

/// Reschedules cards and reports it: `recall reschedule`, `recall config KEY VALUE --reschedule`.
struct RescheduleRun {
    let store: ProgressStore
    let now: Date
    var dryRun = false
    var yes = false

    /// Reschedules `ids` (one log entry per card that moves, one fsync) and prints how many
    /// moved and how today's and the week's counts change.
    func run(_ ids: [CardID]) throws {
        let replay = store.replay
        let time = ReviewSession.stamp(now, after: store.lastEntryTime())
        let workload = Workload(records: store.records, calendar: replay.calendar, settings: replay.scheduler.settings)
        let entries = CardAction.reschedule.entries(for: ids, records: store.records, replay: replay, time: time,
                                                    device: store.isWritable ? store.device : "dry-run",
                                                    workload: workload)
        let summary = CardsActionRun.summary(.reschedule, entries.count, unchanged: ids.count - entries.count, dryRun: dryRun)
        var after = store.records
        for e in entries {
            if var record = after[e.card] {
                replay.fold(e, into: &record)
                after[e.card] = record
            }
        }
        let change = Self.change(Self.outlook(store, now: now), Self.outlook(after, replay: replay, now: now))
        if dryRun {
            Console.out(summary + "; nothing changed (--dry-run)\n" + change + "\n")
            return
        }
        if entries.count > CardsActionRun.confirmAbove, !yes, Terminal.isInteractive {
            Console.err("reschedule \(DeckWords.count(entries.count, "card"))? [y/N] ")
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard ["y", "yes"].contains(answer) else {
                throw CLIError("nothing changed", hint: "pass --yes to skip this question")
            }
        }
        _ = try StoreAccess.reporting { try store.append(contentsOf: entries) }
        Console.out(summary + "\n" + change + "\n")
    }

    static func outlook(_ store: ProgressStore, now: Date) -> DueOutlook {
        outlook(store.records, replay: store.replay, now: now)
    }

    static func outlook(_ records: CardRecords, replay: CollectionReplay, now: Date) -> DueOutlook {
        DueOutlook(records: records, calendar: replay.calendar, day: replay.calendar.dayNumber(now))
    }

    /// `due today: 12 → 30; next 7 days: 85 → 120`.
    static func change(_ before: DueOutlook, _ after: DueOutlook) -> String {
        "due today: \(before.today) → \(after.today); next 7 days: \(before.week) → \(after.week)"
    }
}
