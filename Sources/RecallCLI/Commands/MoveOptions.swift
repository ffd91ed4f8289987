import ArgumentParser
import Foundation
import RecallCore
import RecallStore

/// The arguments `postpone` and `advance` share: the query and how to act.
struct MoveOptions: ParsableArguments {
    // As in `cards`: every word the options do not take is part of the query.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(
        "The search query (see docs/search.md); every card when none.", valueName: "query"))
    var query: [String] = []

    @Flag(name: .customLong("dry-run"), help: "Show what would move and what it costs, and change nothing.")
    var dryRun = false
    @Flag(name: .long, help: "Do not ask before moving more than 50 cards.")
    var yes = false
    @Flag(name: .long, help: "Take back the last postpone, advance or cards --set-due made on this device.")
    var undo = false

    var queryText: String { query.joined(separator: " ") }

    func validate() throws {
        if let word = query.first(where: { $0.hasPrefix("--") }) {
            throw ValidationError("Unknown option '\(word)'")
        }
        if undo && !query.isEmpty { throw ValidationError("--undo takes back a whole move and takes no query") }
    }
}

/// The cards a move acts on and the collection they live in, and the writing of moves.
struct DueMoveRun {
    let search: CardSearch
    let options: MoveOptions

    var replay: CollectionReplay { search.store.replay }
    var today: Int { replay.calendar.dayNumber(search.now) }

    /// Opens the collection (for writing unless a dry run; `--undo` needs this device's id,
    /// which only a writing opening reads, even for a dry run).
    static func open(_ collection: CollectionOptions, options: MoveOptions) throws -> DueMoveRun {
        DueMoveRun(search: try CardSearch.open(collection, writing: !options.dryRun || options.undo), options: options)
    }

    /// The review cards the query selects, and every review card.
    func cards() throws -> (selected: [MovableCard], all: [MovableCard]) {
        let query: SearchQuery
        do {
            query = try SearchParser.parse(options.queryText)
        } catch {
            throw CLIError(error.rendered(query: options.queryText), hint: error.hint, exitCode: 64)
        }
        let listing = try search.listing(query)
        let all = MovableCard.collect(search.cards, records: search.store.records, replay: replay)
        guard !options.queryText.isEmpty else { return (all, all) }
        let ids = Set(listing.rows.map(\.card.id))
        return (all.filter { ids.contains($0.id) }, all)
    }

    /// The stamp of entries written now: after the last entry of the log.
    var time: Date { ReviewSession.stamp(search.now, after: search.store.lastEntryTime()) }

    /// Prints what the moves do and writes them unless a dry run: `report(true)` says what
    /// would happen, `report(false)` what happened. More than 50 cards at a terminal first
    /// show `report(true)` and ask; the answer yes writes them and says `past N cards`.
    /// Returns whether they were written.
    @discardableResult
    func perform(_ moves: [DueMove], verb: String, past: String, at time: Date,
                 report: (_ tentative: Bool) -> String) throws -> Bool {
        if options.dryRun {
            Console.out(Terminal.fitted(report(true)) + "nothing changed (--dry-run)\n")
            return false
        }
        guard !moves.isEmpty else {
            Console.out(Terminal.fitted(report(false)))
            return false
        }
        let asks = moves.count > CardsActionRun.confirmAbove && !options.yes && Terminal.isInteractive
        if asks {
            Console.out(Terminal.fitted(report(true)))
            Console.err("\(verb) \(DeckWords.count(moves.count, "card"))? [y/N] ")
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard ["y", "yes"].contains(answer) else {
                throw CLIError("nothing changed", hint: "pass --yes to skip this question")
            }
        }
        let entries = moves.entries(calendar: replay.calendar, time: time, device: search.store.device)
        _ = try StoreAccess.reporting { try search.store.append(contentsOf: entries) }
        Console.out(asks ? "\(past) \(DeckWords.count(moves.count, "card"))\n" : Terminal.fitted(report(false)))
        return true
    }

    /// `--undo`: takes back the latest move of due dates made on this device that is not a
    /// planned break's (cancel those with `recall break --cancel`).
    func undoLast(_ command: String) throws {
        let store = search.store
        let log = try StoreAccess.reporting { try store.loadEntries() }
        let breaks = Set(store.settings.plannedBreaks.all.map { DueMoveUndo.millis($0.planned) })
        guard let batch = DueMoveUndo.latestBatch(in: log, device: store.device, excluding: breaks) else {
            throw CLIError("nothing to take back: no move of due dates was made on this device",
                           hint: "'\(TypedCommand.text(command + " --undo"))' takes back the last postpone or advance made here")
        }
        let result = DueMoveUndo.takingBack(batch, device: store.device, in: log, time: time, writer: store.device)
        let when = Self.timeText(batch, calendar: replay.calendar)
        var line = (options.dryRun ? "would take back" : "took back") + " the move of "
            + DeckWords.count(result.entries.count, "card") + " made \(when)"
        if result.changedSince > 0 {
            line += " (\(result.changedSince) answered or moved since \(result.changedSince == 1 ? "is" : "are") left as \(result.changedSince == 1 ? "it is" : "they are"))"
        }
        if !options.dryRun { try StoreAccess.reporting { try store.appendUndos(result.entries) } }
        Console.out(line + (options.dryRun ? "; nothing changed (--dry-run)\n" : "\n"))
    }

    /// `on 2026-12-07 at 09:30` in the collection's time zone.
    static func timeText(_ date: Date, calendar: StudyCalendar) -> String {
        let local = Int(date.timeIntervalSince1970) + calendar.secondsFromGMT(for: date)
        let day = Int((Double(local) / 86400).rounded(.down))
        let seconds = local - day * 86400
        return "on \(PlannedBreakDate.text(day)) at " + String(format: "%02d:%02d", seconds / 3600, seconds % 3600 / 60)
    }

    /// `88.1%`.
    static func percent(_ r: Double) -> String { String(format: "%.1f%%", r * 100) }

    /// `88.1% → 85.0% (3.1 points lower)`.
    static func change(_ cost: RetentionCost) -> String {
        let points = String(format: "%.1f", abs(cost.points))
        let word = cost.points > 0.05 ? " (\(points) points lower)" : cost.points < -0.05 ? " (\(points) points higher)" : " (no change)"
        return percent(cost.before) + " → " + percent(cost.after) + word
    }
}
