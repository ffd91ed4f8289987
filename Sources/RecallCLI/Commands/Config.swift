import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall config [KEY [VALUE]]`: list, show or change the collection's settings.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "List, show or change the collection's settings.",
            discussion: """
                With no KEY, lists every setting as 'key = value'. With KEY, prints its value. \
                With KEY and VALUE, checks and saves the new value in settings.json; every card \
                is then recomputed from the review log, so switching scheduler applies to the \
                whole history. VALUE 'default' goes back to the default; for a per-deck key it \
                removes the override. Steps are written like '1m 10m' (units s, m, h, d).

                Keys: \(SettingKey.all.map(\.name).joined(separator: ", ")), \
                deck.NAME.new_per_day, deck.NAME.reviews_per_day, deck.NAME.parameters (FSRS-6 \
                parameters for one deck and its sub-decks, as 'recall optimize NAME' saves them).

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
                  recall config deck.Swift.parameters default   the collection's parameters again
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

        func validate() throws {
            if let key, ConfigKeyPath(key) == nil {
                throw ValidationError("unknown setting '\(key)'; run 'recall config' to list the settings")
            }
            if reschedule && value == nil { throw ValidationError("--reschedule goes with a KEY and a new VALUE") }
        }

        func run() throws {
            guard let key, let path = ConfigKeyPath(key) else { return try list() }
            guard let value else {
                let settings = try StoreAccess.reporting { try SettingsFile.load(settingsPath) }
                print(path.show(settings))
                return
            }
            let store = try StoreAccess.open(collection, forWriting: true)
            var settings = store.settings
            try path.set(value, in: &settings).get()
            // Per-deck parameters come with the ids of the deck's cards.
            if case .deckParameters = path, value != "default" {
                settings.refreshDeckParameterCards(CollectionLoader.load(root: collection.decksDirectory()).cards)
            }
            let problems = settings.validate().filter { !store.settings.validate().contains($0) }
            if let first = problems.first { throw ValidationError(first) }
            try StoreAccess.reporting { try store.updateSettings(settings, at: Clock.now(), changing: [path.settingName]) }
            Console.out("\(key) = \(path.show(settings))\n")
            if reschedule {
                let ids = store.records.keys.sorted()
                try RescheduleRun(store: store, now: Clock.now(), yes: true).run(ids)
            }
            try StoreAccess.reporting { try store.close() }
            if case .deckParameters(let deck) = path, let own = settings.deckParameters[deck] {
                let count = own.cards.count
                Console.err(count == 0
                    ? "note: no card is in deck '\(deck)' now; its cards will use these parameters when there are some\n"
                    : "note: \(count) card\(count == 1 ? "" : "s") of '\(deck)' use these parameters\n")
            }
        }

        private var settingsPath: String { StoreAccess.location(collection).folder + "/" + SettingsFile.name }

        private func list() throws {
            let settings = try StoreAccess.reporting { try SettingsFile.load(settingsPath) }
            var lines = SettingKey.all.map { "\($0.name) = \(ConfigKeyPath.global($0).show(settings))" }
            for (deck, limits) in settings.deckLimits.sorted(by: { $0.key < $1.key }) {
                if let n = limits.newPerDay { lines.append("deck.\(deck).new_per_day = \(n)") }
                if let n = limits.reviewsPerDay { lines.append("deck.\(deck).reviews_per_day = \(n)") }
            }
            for deck in settings.deckParameters.keys.sorted() {
                lines.append("deck.\(deck).parameters = \(ConfigKeyPath.deckParameters(deck).show(settings))")
            }
            // Deck names come from settings.json, which `recall sync` brings from elsewhere.
            print(lines.map { TerminalText.sanitized($0, keepingNewlines: false) }.joined(separator: "\n"))
        }
    }
}

/// A `recall config` key: a global setting, a per-deck limit (`deck.NAME.new_per_day`) or
/// a deck's FSRS-6 parameters (`deck.NAME.parameters`).
enum ConfigKeyPath {
    case global(SettingKey)
    case deck(String, newCards: Bool)
    case deckParameters(String)

    init?(_ text: String) {
        if let key = SettingKey.named(text) { self = .global(key); return }
        let suffix = ".parameters"
        if text.hasPrefix("deck."), text.hasSuffix(suffix), text.count > 5 + suffix.count {
            self = .deckParameters(String(text.dropFirst(5).dropLast(suffix.count)))
            return
        }
        for (suffix, newCards) in [(".new_per_day", true), (".reviews_per_day", false)]
        where text.hasPrefix("deck.") && text.hasSuffix(suffix) && text.count > 5 + suffix.count {
            self = .deck(String(text.dropFirst(5).dropLast(suffix.count)), newCards: newCards)
            return
        }
        return nil
    }

    /// The key as `recall config` names it, which also names its change time.
    var settingName: String {
        switch self {
        case .global(let key): key.name
        case .deck(let name, let newCards): "deck.\(name).\(newCards ? "new_per_day" : "reviews_per_day")"
        case .deckParameters(let name): "deck.\(name).parameters"
        }
    }

    func show(_ settings: CollectionSettings) -> String {
        switch self {
        case .global(let key): return SettingsText.show(key.value(in: settings), kind: key.kind)
        case .deck(let name, let newCards):
            let limits = settings.deckLimits[name]
            return (newCards ? limits?.newPerDay : limits?.reviewsPerDay).map(String.init) ?? "default"
        case .deckParameters(let name):
            guard let own = settings.deckParameters[name] else { return "default" }
            return SettingsText.show(.numbers(own.parameters), kind: .parameters)
        }
    }

    /// Applies the user's text; a bad value is a usage error (exit 64).
    func set(_ text: String, in settings: inout CollectionSettings) -> Result<Void, ValidationError> {
        switch self {
        case .global(let key):
            if text == "default" { key.reset(in: &settings); return .success(()) }
            switch SettingsText.parse(text, kind: key.kind) {
            case .success(let v): key.assign(v, in: &settings); return .success(())
            case .failure(let e): return .failure(ValidationError("\(key.name): \(e.message)"))
            }
        case .deck(let name, let newCards):
            var limits = settings.deckLimits[name] ?? .init()
            let number: Int?
            if text == "default" { number = nil } else {
                guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 0 else {
                    return .failure(ValidationError("deck limits are whole numbers of 0 or more (or 'default'), found '\(text)'"))
                }
                number = n
            }
            if newCards { limits.newPerDay = number } else { limits.reviewsPerDay = number }
            settings.deckLimits[name] = limits.newPerDay == nil && limits.reviewsPerDay == nil ? nil : limits
            return .success(())
        case .deckParameters(let name):
            if text == "default" { settings.deckParameters[name] = nil; return .success(()) }
            switch SettingsText.parse(text, kind: .parameters) {
            case .success(.numbers(let values)):
                let cards = settings.deckParameters[name]?.cards ?? []
                settings.deckParameters[name] = .init(parameters: values, cards: cards)
                return .success(())
            case .success: return .success(())
            case .failure(let e): return .failure(ValidationError("deck.\(name).parameters: \(e.message)"))
            }
        }
    }
}
