import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall config [KEY [VALUE]]`: list, show or change the collection's settings and the
    /// decks' presets.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "List, show or change the collection's settings and the decks' presets.",
            discussion: """
                With no KEY, lists every setting as 'key = value', then what each deck sets for \
                itself. With KEY, prints its value. With KEY and VALUE, checks and saves the new \
                value in settings.json; every card is then recomputed from the review log, so \
                switching scheduler applies to the whole history. VALUE 'default' goes back to \
                the default; for a deck's key it removes the deck's own value. Steps are \
                written like '1m 10m' (units s, m, h, d).

                Keys: \(SettingKey.all.map(\.name).joined(separator: ", ")).

                A deck's preset: deck.NAME.KEY for \(SettingKey.perDeck.map(\.name).joined(separator: ", ")) \
                sets KEY for deck NAME and its sub-decks (a sub-deck takes each key from the \
                nearest deck that sets it, else from the collection). 'recall config deck.NAME' \
                shows the values that apply to a deck and where each comes from. A deck's daily \
                limits cap its sub-decks too, and the collection's cap every deck. Presets are \
                kept by deck name: after renaming a deck file, 'recall config deck.OLD --rename \
                NEW' moves its preset to the new name ('config', 'decks' and the shell warn \
                about a preset that matches no deck).

                Due dates already decided are kept when a setting changes; --reschedule also \
                moves the cards already scheduled to the due dates the new value gives (as \
                'recall reschedule'; 'recall reschedule --undo' takes that back).

                Examples:
                  recall config                           list all settings
                  recall config desired_retention 0.85    aim for 85% recall
                  recall config desired_retention 0.95 --reschedule
                  recall config easy_days 'sat=50 sun=0'  lighter Saturdays, no reviews on Sundays
                  recall config scheduler sm2             switch to SM-2 (recomputes every card)
                  recall config learning_steps '1m 10m 1h'
                  recall config deck.Swift.new_per_day 30 a limit for one deck and its sub-decks
                  recall config deck.Exam.desired_retention 0.95
                  recall config deck.Exam                 what applies to deck Exam, and from where
                  recall config deck.Swift.parameters default   the collection's parameters again
                  recall config deck.Spanish --rename Languages::Spanish   after moving the deck file
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Argument(help: ArgumentHelp("The setting to show or change.", valueName: "key"))
        var key: String?

        @Argument(help: ArgumentHelp("The new value ('default' to reset).", valueName: "value"))
        var value: String?

        @Flag(name: .long, help: "Also move the cards already scheduled to the due dates the new value gives (as 'recall reschedule').")
        var reschedule = false

        @Option(name: .long, help: ArgumentHelp("Move deck NAME's preset (KEY 'deck.NAME') to the deck now named NEW.", valueName: "new"))
        var rename: String?

        func validate() throws {
            if reschedule && value == nil { throw ValidationError("--reschedule goes with a KEY and a new VALUE") }
            if rename != nil {
                guard let key, case .success(.deck) = ConfigKeyPath.parse(key), value == nil, !reschedule else {
                    throw ValidationError("--rename goes with a deck's KEY alone, as in 'recall config deck.OLD --rename NEW'")
                }
            }
            guard let key else { return }
            switch ConfigKeyPath.parse(key) {
            case .success(.deck(let deck)) where value != nil:
                throw ValidationError("'\(key)' names a deck, not a setting; set one of its keys, such as "
                    + "'deck.\(deck).new_per_day'")
            case .success: return
            case .failure(let error): throw error
            }
        }

        func run() throws {
            guard let key, case .success(var path) = ConfigKeyPath.parse(key) else { return try list() }
            let settings = try StoreAccess.reporting { try SettingsFile.load(settingsPath) }
            if let deck = path.deck {
                let known = try ConfigKeyPath.deckName(deck, in: settings, decks: deckNames(),
                                                       removing: value == "default" || value == nil)
                path = path.renamed(known)
            }
            if case .deck(let deck) = path, let rename { return try renamePreset(deck, to: rename, settings: settings) }
            guard let value else {
                // Deck names come from settings.json, which `recall sync` brings from elsewhere.
                print(TerminalText.sanitized(path.show(settings), keepingNewlines: true))
                return
            }
            let store = try StoreAccess.open(collection, forWriting: true)
            var changed = store.settings
            try path.set(value, in: &changed).get()
            if path.deck != nil {
                // Scheduling keys come with the ids of the cards they apply to.
                changed.refreshDeckPresetCards(CollectionLoader.load(root: collection.decksDirectory()).cards)
            }
            let problems = changed.validate().filter { !store.settings.validate().contains($0) }
            if let first = problems.first { throw ValidationError(first) }
            // Switching scheduler recomputes every card; any other change leaves cards already
            // scheduled where they are due unless --reschedule moves them.
            let keep = !reschedule && path.name != "scheduler"
            let kept = try StoreAccess.reporting {
                try store.updateSettings(changed, at: Clock.now(), changing: [path.name], keepingDueDates: keep)
            }
            Console.out("\(path.name) = \(path.show(changed))\n")
            if kept > 0 {
                Console.err("note: \(DeckWords.count(kept, "card")) already scheduled keep their due dates; "
                    + "'recall reschedule' moves them to what the new value gives\n")
            }
            if reschedule {
                let ids = store.records.keys.sorted()
                try RescheduleRun(store: store, now: Clock.now(), yes: true).run(ids)
            }
            try StoreAccess.reporting { try store.close() }
            if case .deckKey(let deck, let setting) = path, value != "default", setting.schedulesCards {
                Console.err(Self.reach(deck, setting, changed))
            }
        }

        /// A note on how many cards a deck's scheduling key now applies to.
        private static func reach(_ deck: String, _ key: SettingKey, _ settings: CollectionSettings) -> String {
            let count = settings.deckPresets.filter { !$0.value.cards.isEmpty && key.effectiveValue(forDeck: $0.key, in: settings).from == deck }
                .reduce(0) { $0 + $1.value.cards.count }
            guard count > 0 else {
                return "note: no card is in deck '\(deck)' now; its cards will take \(key.name) from it when there are some\n"
            }
            return key.name == "parameters" ? "note: \(count) card\(count == 1 ? "" : "s") of '\(deck)' use these parameters\n"
                : "note: \(count) card\(count == 1 ? " takes" : "s take") \(key.name) from deck '\(deck)'\n"
        }

        private var settingsPath: String { StoreAccess.location(collection).folder + "/" + SettingsFile.name }

        /// Every deck of the collection and every parent of one.
        private func deckNames() -> [String] {
            var names = Set<String>()
            for deck in CollectionLoader.load(root: collection.decksDirectory()).decks {
                var parts = deck.name.components(separatedBy: "::")
                while !parts.isEmpty {
                    names.insert(parts.joined(separator: "::"))
                    parts.removeLast()
                }
            }
            return names.sorted()
        }

        private func list() throws {
            let settings = try StoreAccess.reporting { try SettingsFile.load(settingsPath) }
            var lines = SettingKey.all.map { "\($0.name) = \(ConfigKeyPath.global($0).show(settings))" }
            for deck in settings.deckPresets.keys.sorted() {
                for key in SettingKey.perDeck where key.value(ofDeck: deck, in: settings) != nil {
                    let path = ConfigKeyPath.deckKey(deck, key)
                    lines.append("\(path.name) = \(path.show(settings))")
                }
            }
            // Deck names come from settings.json, which `recall sync` brings from elsewhere.
            print(lines.map { TerminalText.sanitized($0, keepingNewlines: false) }.joined(separator: "\n"))
            if !settings.deckPresets.isEmpty {
                DiagnosticPrinter.standardError(noColor: display.noColor)
                    .print(UnmatchedPresetWarning.diagnostics(settings, decks: deckNames()))
            }
        }

        /// `deck.OLD --rename NEW`: moves every key of deck OLD's preset to deck NEW (a deck
        /// that exists, with no preset of its own), so the keys apply again after the deck
        /// file was renamed. Cards already scheduled keep their due dates, as for a changed key.
        private func renamePreset(_ old: String, to typed: String, settings: CollectionSettings) throws {
            let shownOld = TerminalText.sanitized(old, keepingNewlines: false)
            guard settings.deckPresets[old] != nil else { throw ValidationError("deck '\(shownOld)' has no preset to move") }
            let new = try ConfigKeyPath.deckName(typed, in: settings, decks: deckNames(), removing: false)
            guard new != old else { throw ValidationError("deck '\(shownOld)' already has this preset") }
            guard settings.deckPresets[new] == nil else {
                throw ValidationError("deck '\(new)' already has a preset; set its keys one by one ('recall config deck.\(new).KEY VALUE')")
            }
            let store = try StoreAccess.open(collection, forWriting: true)
            var changed = store.settings
            var names: [String] = []
            for key in SettingKey.perDeck {
                guard let value = key.value(ofDeck: old, in: changed) else { continue }
                key.assign(value, toDeck: new, in: &changed)
                key.assign(nil, toDeck: old, in: &changed)
                names += ["deck.\(old).\(key.name)", "deck.\(new).\(key.name)"]
            }
            changed.deckPresets[old] = nil
            changed.refreshDeckPresetCards(CollectionLoader.load(root: collection.decksDirectory()).cards)
            let kept = try StoreAccess.reporting {
                try store.updateSettings(changed, at: Clock.now(), changing: names, keepingDueDates: true)
            }
            try StoreAccess.reporting { try store.close() }
            Console.out("moved the preset of deck '\(shownOld)' to deck '\(new)'\n")
            if kept > 0 {
                Console.err("note: \(DeckWords.count(kept, "card")) already scheduled keep their due dates; "
                    + "'recall reschedule' moves them to what the preset gives\n")
            }
        }
    }
}
