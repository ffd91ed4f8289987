import ArgumentParser
import Foundation
import RecallCore
import RecallStore

/// Runs an action of `recall cards` on the listed cards: one log entry per card it
/// changes, written with one fsync, and a line saying how many changed.
struct CardsActionRun {
    let search: CardSearch
    let options: CardsOptions
    let display: DisplayOptions

    /// More cards than this ask for confirmation at a terminal (unless `--yes`).
    static let confirmAbove = 50

    func run(_ action: CardAction, on listing: CardListing, total: Int) throws {
        let store = search.store
        let ids = listing.rows.map(\.card.id)
        let time = ReviewSession.stamp(search.now, after: store.lastEntryTime())
        let replay = store.replay
        // A reschedule places its cards as `recall reschedule` does (the same action).
        let workload = action == .reschedule
            ? Workload(records: store.records, calendar: replay.calendar, settings: replay.scheduler.settings) : nil
        let entries = action.entries(for: ids, records: store.records, replay: replay,
                                     time: time, device: store.isWritable ? store.device : "dry-run",
                                     workload: workload)
        let unchanged = ids.count - entries.count
        if options.dryRun {
            if !entries.isEmpty {
                let changed = Set(entries.map(\.card))
                var shown = listing
                shown.rows = listing.rows.filter { changed.contains($0.card.id) }
                Console.out(CardsTable(width: Terminal.width(), today: search.context(history: nil).today)
                    .render(shown, total: shown.rows.count))
            }
            Console.out(Self.summary(action, entries.count, unchanged: unchanged, dryRun: true) + "; nothing changed (--dry-run)\n")
            return
        }
        if entries.count > Self.confirmAbove, !options.yes, Terminal.isInteractive,
           !confirm("\(Self.verb(action).present) \(DeckWords.count(entries.count, "card"))? [y/N] ") {
            throw CLIError("nothing changed", hint: "pass --yes to skip this question")
        }
        _ = try StoreAccess.reporting { try store.append(contentsOf: entries) }
        Console.out(Self.summary(action, entries.count, unchanged: unchanged) + "\n")
    }

    private func confirm(_ question: String) -> Bool {
        Console.err(question)
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// The verb of `action` and what follows the cards (`set`, ` due today`).
    static func verb(_ action: CardAction) -> (present: String, past: String, after: String) {
        switch action {
        case .suspend: ("suspend", "suspended", "")
        case .unsuspend: ("unsuspend", "unsuspended", "")
        case .bury: ("bury", "buried", " until tomorrow")
        case .unbury: ("unbury", "unburied", "")
        case .forget: ("forget", "forgot", ": new again, their history stays in the log")
        case .setDue(let range, _):
            ("set", "set", " due " + (range.lowerBound == range.upperBound
                ? (range.lowerBound == 0 ? "today" : range.lowerBound == 1 ? "tomorrow" : "in \(range.lowerBound) days")
                : "in \(range.lowerBound) to \(range.upperBound) days"))
        case .reschedule: ("reschedule", "rescheduled", "")
        }
    }

    /// `suspended 3 cards (2 left as they were)`; `would suspend 3 cards …` for a dry run.
    static func summary(_ action: CardAction, _ changed: Int, unchanged: Int, dryRun: Bool = false) -> String {
        let v = verb(action)
        var text = (dryRun ? "would \(v.present) " : v.past + " ") + DeckWords.count(changed, "card") + v.after
        if unchanged > 0 { text += " (\(unchanged) left as \(unchanged == 1 ? "it was" : "they were"))" }
        return text
    }
}
