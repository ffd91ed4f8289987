import ArgumentParser
import Foundation
import RecallCore
import RecallStore

/// A `recall config` key: a global setting, one key of a deck's preset
/// (`deck.NAME.new_per_day`) or a whole deck (`deck.NAME`, shown only).
enum ConfigKeyPath {
    case global(SettingKey)
    case deckKey(String, SettingKey)
    case deck(String)

    /// Reads what the user typed; an unknown key is a usage error.
    static func parse(_ text: String) -> Result<ConfigKeyPath, ValidationError> {
        if let key = SettingKey.named(text) { return .success(.global(key)) }
        guard text.hasPrefix("deck."), text.count > 5 else {
            return .failure(ValidationError("unknown setting '\(text)'; run '\(TypedCommand.text("config"))' to list the settings"))
        }
        let rest = String(text.dropFirst(5))
        if let dot = rest.lastIndex(of: "."), dot != rest.startIndex {
            let deck = String(rest[..<dot]), name = String(rest[rest.index(after: dot)...])
            if let key = SettingKey.named(name) {
                guard key.isPerDeck else {
                    return .failure(ValidationError("'\(name)' is set for the whole collection only; a deck can set "
                        + SettingKey.perDeck.map(\.name).joined(separator: ", ")))
                }
                return .success(.deckKey(deck, key))
            }
        }
        return .success(.deck(rest))
    }

    /// The deck a path names, if any.
    var deck: String? {
        switch self {
        case .global: nil
        case .deckKey(let deck, _), .deck(let deck): deck
        }
    }

    /// The same path for the deck spelt `deck`.
    func renamed(_ deck: String) -> ConfigKeyPath {
        switch self {
        case .global: self
        case .deckKey(_, let key): .deckKey(deck, key)
        case .deck: .deck(deck)
        }
    }

    /// The key as `recall config` prints it.
    var name: String {
        switch self {
        case .global(let key): key.name
        case .deckKey(let deck, let key): "deck.\(deck).\(key.name)"
        case .deck(let deck): "deck.\(deck)"
        }
    }

    /// `typed` as the decks spell it (whatever its case), or as a preset names it when
    /// `removing` (its deck may be gone); an unknown deck is a usage error with the nearest
    /// name as a hint.
    static func deckName(_ typed: String, in settings: CollectionSettings, decks: [String],
                         removing: Bool) throws -> String {
        if decks.contains(typed) || (removing && settings.deckPresets[typed] != nil) { return typed }
        if let same = decks.first(where: { $0.lowercased() == typed.lowercased() }) { return same }
        let lower = Array(typed.lowercased())
        let distance = { (name: String) in AnswerMatcher.editDistance(Array(name.lowercased()), lower, limit: 3) }
        let shown = TerminalText.sanitized(typed, keepingNewlines: false)
        if let close = decks.min(by: { distance($0) < distance($1) }), distance(close) <= 2 {
            throw ValidationError("no deck named '\(shown)'; did you mean '\(close)'?")
        }
        throw ValidationError("no deck named '\(shown)'; run '\(TypedCommand.text("decks"))' to list the decks")
    }

    /// The value as `recall config KEY` prints it; a deck key its deck does not set is
    /// `default`; a whole deck is every key that applies to it, with where it comes from.
    func show(_ settings: CollectionSettings) -> String {
        switch self {
        case .global(let key): return SettingsText.show(key.value(in: settings), kind: key.kind)
        case .deckKey(let deck, let key):
            return key.value(ofDeck: deck, in: settings).map { SettingsText.show($0, kind: key.kind) } ?? "default"
        case .deck(let deck):
            let width = SettingKey.perDeck.map(\.name.count).max() ?? 0
            return SettingKey.perDeck.map { key in
                let (value, from) = key.effectiveValue(forDeck: deck, in: settings)
                let source = from.map { $0 == deck ? "set for this deck" : "from deck '\($0)'" } ?? "from the collection"
                return key.name.padding(toLength: width, withPad: " ", startingAt: 0) + " = "
                    + SettingsText.show(value, kind: key.kind) + "  (\(source))"
            }.joined(separator: "\n")
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
        case .deckKey(let deck, let key):
            if text == "default" { key.assign(nil, toDeck: deck, in: &settings); return .success(()) }
            switch SettingsText.parse(text, kind: key.kind) {
            case .success(let v): key.assign(v, toDeck: deck, in: &settings); return .success(())
            case .failure(let e): return .failure(ValidationError("\(name): \(e.message)"))
            }
        case .deck:
            return .failure(ValidationError("'\(name)' names a deck, not a setting"))
        }
    }
}
