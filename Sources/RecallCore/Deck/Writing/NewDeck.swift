/// What `recall new` writes: where a new deck's file goes and what it starts with. Pure.
public enum NewDeck {
    /// The file for deck `name` with extension `ext` (without the dot), relative to the
    /// collection: levels become folders, so `Languages::Spanish` is `Languages/Spanish.md`.
    /// Throws a message when a level is empty, starts with `.` (hidden, never read) or holds `/`.
    public static func relativePath(deck name: String, fileExtension ext: String) throws(NewDeckError) -> String {
        let levels = name.components(separatedBy: "::").map { CardText.trim($0) }
        let shown = TerminalText.sanitized(name)
        for level in levels {
            guard !level.isEmpty else {
                throw NewDeckError(message: "the deck name '\(shown)' has an empty level",
                                   hint: "write levels joined by '::', such as 'Languages::Spanish'")
            }
            guard !level.hasPrefix("."), !level.contains("/"), !level.contains("\\"),
                  // C0, C1 and bidirectional controls: a file name that reorders or hides text.
                  !level.unicodeScalars.contains(where: { TerminalText.kind(of: $0) != nil || $0 == "\t" }) else {
                throw NewDeckError(message: "the deck name '\(shown)' cannot be a file name",
                                   hint: "leave out '/', '\\' and control characters, and do not start a level with '.'")
            }
        }
        return levels.joined(separator: "/") + "." + ext
    }

    /// The first bytes of a new deck file of `format` for deck `name`: a title and a line
    /// on how to write cards in a `.md` deck, the headers of a `.tsv` deck, nothing in a
    /// `.txt` deck (every line of one is card text).
    public static func text(deck name: String, format: DeckFormat) -> String {
        let title = name.components(separatedBy: "::").last ?? name
        switch format {
        case .plain:
            return ""
        case .markdown:
            // No '::' in the prose: it would read as a card.
            return "# \(title)\n\n"
                + "Write one card per line as question, two colons, answer, or as Q:/A: blocks,\n"
                + "or add them with 'recall add'. Lines like these are notes, not cards.\n"
        case .delimited:
            return "#separator:Tab\n#html:false\n#columns:Question\tAnswer\tTags\n"
                + "# One card per row, the fields separated by tabs; tags separated by spaces\n"
        }
    }
}

/// Why a deck name cannot become a deck file.
public struct NewDeckError: Error, Equatable, Sendable {
    public var message: String
    public var hint: String
}
