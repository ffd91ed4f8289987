import RecallCore

/// The deck file a new card goes into, and the deck inside it.
public struct DeckTarget: Hashable, Sendable {
    /// Path relative to the collection folder (`World News/US and Hamas.txt`).
    public var file: String
    /// Full deck name as the file spells it (`World News::US and Hamas`, `Swift::Closures`).
    public var deck: String
    /// The deck of the file itself (`Swift` for `Swift.md`).
    public var fileDeck: String

    public init(file: String, deck: String, fileDeck: String) {
        self.file = file
        self.deck = deck
        self.fileDeck = fileDeck
    }

    public var format: DeckFormat? { DeckFormat(fileExtension: DeckName.fileExtension(file)) }
}

/// Finds the file behind a deck name, as the user types it for `recall add`: the full name
/// with `::` between levels (sub-folders and Markdown headings alike), in any case, or the
/// file's path inside the collection.
public enum DeckLocator {
    public static func find(_ name: String, in loaded: LoadedCollection) -> Result<DeckTarget, AddRefusal> {
        let wanted = name.lowercased()
        // A deck file named exactly (by deck name or by path).
        let files = loaded.files.filter {
            DeckName.forFile(relativePath: $0).lowercased() == wanted || $0.lowercased() == wanted
        }
        if files.count > 1 { return .failure(AddRefusal([ambiguous(name, files)])) }
        if let file = files.first {
            let deck = DeckName.forFile(relativePath: file)
            return .success(DeckTarget(file: file, deck: deck, fileDeck: deck))
        }
        // A deck inside a file: a Markdown heading, or a deck a .tsv names.
        var found: [String: String] = [:]  // file → deck as written
        for card in loaded.cards where card.deck.lowercased() == wanted { found[card.source.file] = card.deck }
        if found.isEmpty, let declared = loaded.decks.first(where: { $0.name.lowercased() == wanted }) {
            // A heading with no cards yet: the Markdown file whose deck it is inside.
            for file in loaded.files where DeckName.fileExtension(file) == "md"
                && declared.name.hasPrefix(DeckName.forFile(relativePath: file) + "::") {
                found[file] = declared.name
            }
        }
        if found.count > 1 { return .failure(AddRefusal([ambiguous(name, found.keys.sorted())])) }
        if let (file, deck) = found.first {
            return .success(DeckTarget(file: file, deck: deck, fileDeck: DeckName.forFile(relativePath: file)))
        }
        return .failure(AddRefusal([unknown(name, loaded: loaded)]))
    }

    private static func ambiguous(_ name: String, _ files: [String]) -> Diagnostic {
        .error("the deck '\(name)' is in more than one file: " + files.map { "'\($0)'" }.joined(separator: ", "),
               at: nil, notes: ["name the file instead, such as '\(files[0])'"])
    }

    private static func unknown(_ typedName: String, loaded: LoadedCollection) -> Diagnostic {
        let name = TerminalText.sanitized(typedName)
        let names = loaded.decks.map(\.name)
        // A folder of decks is listed by `recall decks` but has no file to write into.
        let prefix = name.lowercased() + "::"
        let inside = names.filter { $0.lowercased().hasPrefix(prefix) }.sorted()
        if let first = inside.first {
            let folder = String(first.prefix(name.count))
            let shown = inside.prefix(8).map { "'\($0)'" }.joined(separator: ", ") + (inside.count > 8 ? ", …" : "")
            return .error("'\(folder)' is a folder of decks, with no deck file of its own", at: nil, notes: [
                "add the card to one of its decks: \(shown)",
                "or give '\(folder)' a file of its own with 'recall new \(quoted(folder))'",
            ])
        }
        var notes = ["create it with 'recall new \(quoted(name))'"]
        let typed = Array(name.lowercased())
        if let close = names.min(by: { distance($0, typed) < distance($1, typed) }), distance(close, typed) <= 2 {
            notes.insert("did you mean '\(close)'?", at: 0)
        }
        if !names.isEmpty {
            notes.append("decks: " + names.prefix(12).joined(separator: ", ") + (names.count > 12 ? ", …" : ""))
        }
        return .error("no deck named '\(name)'", at: nil, notes: notes)
    }

    private static func distance(_ name: String, _ typed: [Character]) -> Int {
        AnswerMatcher.editDistance(Array(name.lowercased()), typed, limit: 3)
    }

    private static func quoted(_ text: String) -> String {
        text.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" }) ? "\"" + text + "\"" : text
    }
}
