import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall.Optimize {
    /// Fits the collection's log (or a deck's or tag's part of it), reports, and maybe saves.
    func runCollection() throws {
        let store = try StoreAccess.open(collection, forWriting: false)
        let settings = store.settings
        let entries = try StoreAccess.reporting { try store.loadEntries() }
        let calendar = StudyCalendar(timeZone: Clock.timeZone, dayStartHour: settings.dayStartHour)
        if perDeck { return try runPerDeck(entries, settings: settings, calendar: calendar) }
        let target = try fitTarget(settings)
        let reviews = TrainingSet.reviews(from: entries, calendar: calendar, including: target.includes)
        let outcome = OptimizeRun.fit(reviews, current: target.current)
        report(outcome, current: target.current, currentName: "current", seconds: nil)
        guard outcome.isImprovement else { return }
        switch target.saving {
        case .collection:
            // A fit saved by hand is the last fit, as an automatic one would be (nothing to announce).
            let record = AutoOptimize.Record(outcome, at: Clock.now(), reviews: AutoOptimize.history(store.records).reviews,
                                             announced: true)
            try adopt(outcome.parameters, deck: nil, cards: [], record: record)
        case .deck(let name, let cards): try adopt(outcome.parameters, deck: name, cards: cards)
        case .nothing:
            note("parameters are saved for the collection or for a deck, not for a tag; this fit was only reported")
        }
    }

    /// What a fit covers, what it is compared with, and where it would be saved.
    struct FitTarget {
        enum Saving {
            case collection
            /// The deck's full name and all the collection's deck cards (for its card list).
            case deck(String, cards: [Card])
            case nothing
        }

        var includes: (CardID) -> Bool
        /// The parameters that schedule these cards now.
        var current: [Double]
        var saving: Saving
    }

    /// The collection's cards without parameters of their own deck; a deck's cards that would
    /// take its parameters (not a sub-deck's with its own); or a tag's cards.
    private func fitTarget(_ settings: CollectionSettings) throws -> FitTarget {
        let filter = StatsFilter(argument: selection)
        switch filter {
        case .all:
            return FitTarget(includes: OptimizeRun.collectionCards(settings), current: settings.parameters,
                             saving: .collection)
        case .tag:
            let ids = Set(try cards(matching: filter).map(\.id))
            return FitTarget(includes: { ids.contains($0) }, current: settings.parameters, saving: .nothing)
        case .deck(let typed):
            let all = CollectionLoader.load(root: collection.decksDirectory()).cards
            let matched = all.filter { OptimizeRun.matches($0, filter) }
            guard let deck = OptimizeRun.deckName(typed, among: matched) else { throw noMatch() }
            // The cards that would take this deck's parameters: not those of a sub-deck with its own.
            var after = settings
            after.deckPresets[deck, default: DeckPreset()].parameters = settings.parameters(forDeck: deck)
            let ids = Set(matched.filter { after.deckWithParameters(containing: $0.deck) == deck }.map(\.id))
            return FitTarget(includes: { ids.contains($0) }, current: settings.parameters(forDeck: deck),
                             saving: .deck(deck, cards: all))
        }
    }

    /// Saves `parameters` for the collection or for `deck` after asking (or with --yes);
    /// says how to save them otherwise. `cards` are the deck cards, for the deck's card list;
    /// `record`, the fit as ``AutoOptimizeFile`` keeps it, saved with the parameters.
    private func adopt(_ parameters: [Double], deck: String?, cards: [Card], record: AutoOptimize.Record? = nil) throws {
        let whose = deck.map { " for deck '\($0)'" } ?? ""
        if !yes {
            guard Terminal.isInteractive, !json else {
                let command = (["recall", "optimize"] + (selection.map { [Self.quoted($0)] } ?? []) + ["--yes"])
                return note("the fitted parameters were not saved; run '\(command.joined(separator: " "))' to save them")
            }
            Console.out("Use the fitted parameters\(whose)? [y/N] ")
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" else { return note("kept the current parameters") }
        }
        let store = try StoreAccess.open(collection, forWriting: true)
        var settings = store.settings
        if let deck {
            settings.deckPresets[deck, default: DeckPreset()].parameters = parameters
            settings.refreshDeckPresetCards(cards)
        } else {
            settings.parameters = parameters
        }
        // Like any change of settings, the fit schedules answers from now on; cards already
        // scheduled keep their due dates (memory states follow the new parameters).
        let kept = try StoreAccess.reporting {
            let kept = try store.updateSettings(settings, keepingDueDatesAt: Clock.now())
            if let record { try AutoOptimizeFile.save(record, to: store.path(AutoOptimizeFile.name)) }
            try store.close()
            return kept
        }
        guard !json else { return }
        let move = kept == 0 ? "" : "; \(DeckWords.count(kept, "card")) already scheduled keep their due dates"
            + " ('recall reschedule\(deck.map { " " + Self.quoted("deck:" + $0) } ?? "")' moves them)"
        if let deck {
            let count = settings.cards(taking: \.parameters, from: deck).count
            print("saved the fitted parameters for deck '\(deck)' (\(DeckWords.count(count, "card")))\(move)")
        } else {
            print("saved the fitted parameters\(move)")
        }
    }

    /// `text` as one shell word.
    private static func quoted(_ text: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber || "#:_-.".contains($0) } ? text
            : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private func note(_ message: String) {
        Console.err("note: \(message)\n")
    }

    /// The deck cards that `filter` selects; none is misuse.
    private func cards(matching filter: StatsFilter) throws -> [Card] {
        let cards = CollectionLoader.load(root: collection.decksDirectory()).cards
        let matched = cards.filter { OptimizeRun.matches($0, filter) }
        if matched.isEmpty { throw noMatch() }
        return matched
    }

    private func noMatch() -> CLIError {
        CLIError("no card matches '\(selection ?? "")' in the collection", exitCode: 64)
    }

    /// `--per-deck`: one fit per top-level deck, compared with the parameters that schedule
    /// it now; reported only.
    private func runPerDeck(_ entries: [ReviewLogEntry], settings: CollectionSettings,
                            calendar: StudyCalendar) throws {
        let cards = CollectionLoader.load(root: collection.decksDirectory()).cards
        var deckOf: [CardID: String] = [:]
        for card in cards { deckOf[card.id] = card.deck.components(separatedBy: "::")[0] }
        var rows: [(String, FSRSOptimizer.Outcome)] = []
        for deck in Set(deckOf.values).sorted() {
            let reviews = TrainingSet.reviews(from: entries, calendar: calendar) { deckOf[$0] == deck }
            rows.append((deck, OptimizeRun.fit(reviews, current: settings.parameters(forDeck: deck), label: deck)))
        }
        print(json ? OptimizeReport.perDeckJSON(rows) : OptimizeReport.perDeckText(rows))
    }
}
