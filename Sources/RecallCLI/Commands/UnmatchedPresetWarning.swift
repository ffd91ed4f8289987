import Foundation
import RecallCore

/// The warning for a deck preset that matches no deck: presets are kept by deck name, so
/// renaming a deck file would otherwise make its preset stop applying without a word.
enum UnmatchedPresetWarning {
    /// One warning per preset in `settings` that names none of `decks` (deck names; parents
    /// are added). Nothing when there are no decks at all (a folder not there yet).
    static func diagnostics(_ settings: CollectionSettings, decks: some Sequence<String>) -> [Diagnostic] {
        let names = DeckName.withParents(decks)
        guard !names.isEmpty else { return [] }
        return settings.presetsMatchingNoDeck(names).map { deck in
            // Deck names come from settings.json, which `recall sync` brings from elsewhere.
            let shown = TerminalText.sanitized(deck, keepingNewlines: false)
            return .warning("the preset of deck '\(shown)' matches no deck, so it applies to no card", at: nil,
                            notes: ["if the deck was renamed, move its preset with "
                                + "'recall config \(TypedCommand.shellWord("deck." + shown)) --rename NEW-NAME'"])
        }
    }
}
