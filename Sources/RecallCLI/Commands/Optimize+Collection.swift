import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall.Optimize {
    /// Fits the collection's log (or a deck's part of it), reports, and maybe saves.
    func runCollection() throws {
        let store = try StoreAccess.open(collection, forWriting: false)
        let settings = store.settings
        let entries = try StoreAccess.reporting { try store.loadEntries() }
        let calendar = StudyCalendar(timeZone: Clock.timeZone, dayStartHour: settings.dayStartHour)
        if perDeck { return try runPerDeck(entries, settings: settings, calendar: calendar) }
        let filter = StatsFilter(argument: selection)
        var include: (CardID) -> Bool = { _ in true }
        if case .all = filter {} else {
            let ids = try cardIDs(matching: filter)
            include = { ids.contains($0) }
        }
        let reviews = TrainingSet.reviews(from: entries, calendar: calendar, including: include)
        let outcome = OptimizeRun.fit(reviews, current: settings.parameters)
        // The workload is simulated with the better of the two parameter sets.
        let better = outcome.isImprovement ? outcome.parameters : settings.parameters
        let workload = retention ? OptimizeRun.workload(better) : nil
        if json {
            print(OptimizeReport.json(outcome, currentName: "current", seconds: nil, workload: workload))
        } else {
            print(OptimizeReport.text(outcome, currentName: "current"))
            if let workload { print(OptimizeReport.retentionTable(workload)) }
        }
        guard outcome.isImprovement else { return }
        guard case .all = filter else {
            return note("parameters are stored for the whole collection; run 'recall optimize' without a deck to save a fit")
        }
        try adopt(outcome.parameters)
    }

    /// Saves `parameters` after asking (or with --yes); says how to save them otherwise.
    private func adopt(_ parameters: [Double]) throws {
        if !yes {
            guard Terminal.isInteractive, !json else {
                return note("the fitted parameters were not saved; run 'recall optimize --yes' to save them")
            }
            FileHandle.standardOutput.write(Data("Use the fitted parameters? [y/N] ".utf8))
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" else { return note("kept the current parameters") }
        }
        let store = try StoreAccess.open(collection, forWriting: true)
        var settings = store.settings
        settings.parameters = parameters
        try StoreAccess.reporting {
            try store.updateSettings(settings)
            try store.close()
        }
        if !json { print("saved the fitted parameters; every card was rescheduled with them") }
    }

    private func note(_ message: String) {
        FileHandle.standardError.write(Data("note: \(message)\n".utf8))
    }

    /// Ids of the cards in the deck files that `filter` selects; an unknown deck is misuse.
    private func cardIDs(matching filter: StatsFilter) throws -> Set<CardID> {
        let cards = CollectionLoader.load(root: collection.decksDirectory()).cards
        let ids = Set(cards.filter { OptimizeRun.matches($0, filter) }.map(\.id))
        if ids.isEmpty {
            throw CLIError("no card matches '\(selection ?? "")' in the collection", exitCode: 64)
        }
        return ids
    }

    /// `--per-deck`: one fit per top-level deck, reported only.
    private func runPerDeck(_ entries: [ReviewLogEntry], settings: CollectionSettings,
                            calendar: StudyCalendar) throws {
        let cards = CollectionLoader.load(root: collection.decksDirectory()).cards
        var deckOf: [CardID: String] = [:]
        for card in cards { deckOf[card.id] = card.deck.components(separatedBy: "::")[0] }
        var rows: [(String, FSRSOptimizer.Outcome)] = []
        for deck in Set(deckOf.values).sorted() {
            let reviews = TrainingSet.reviews(from: entries, calendar: calendar) { deckOf[$0] == deck }
            rows.append((deck, OptimizeRun.fit(reviews, current: settings.parameters, label: deck)))
        }
        print(json ? OptimizeReport.perDeckJSON(rows) : OptimizeReport.perDeckText(rows))
    }
}
