/// Adds one note to the bytes of a deck file, in the file's own format, keeping every byte
/// that is already there (byte-order mark, line endings, a missing final newline). Pure.
///
/// Each format knows where a card goes and how it is written (``CardWriter+Plain.swift``,
/// ``CardWriter+Markdown.swift``, ``CardWriter+Delimited.swift``); whatever it writes is parsed
/// again, and the addition is only returned when the file then reads back to its old notes
/// plus exactly the note asked for.
public enum CardWriter {
    /// Adds `note` (its `deck` the deck it goes into, its `tags` the tags asked for; `line`
    /// is ignored) to a deck file.
    ///
    /// - Parameters:
    ///   - bytes: the file's bytes as they are now.
    ///   - file: the path shown in diagnostics.
    ///   - fileDeck: the file's own deck name (`History::Gaza` for `History/Gaza.md`).
    /// - Throws: ``CardWriteError/fileHasErrors(_:)`` when the file does not read cleanly
    ///   (nothing is added to a broken file), or ``CardWriteError/cannotWrite(_:hint:)``.
    public static func add(_ note: DeckNote, to bytes: [UInt8], file: String, fileDeck: String,
                           format: DeckFormat) throws(CardWriteError) -> CardAddition {
        let old = DeckParser.parse(bytes: bytes, file: file, deck: fileDeck, format: format)
        let errors = old.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw .fileHasErrors(errors) }
        let text = DeckText(bytes)
        let context = Context(text: text, old: old, file: file, fileDeck: fileDeck, format: format)
        switch format {
        case .plain: return try addPlain(note, context)
        case .markdown: return try addMarkdown(note, context)
        case .delimited(let separator): return try addDelimited(note, context, defaultSeparator: separator)
        }
    }

    /// What every format's writer works from.
    struct Context {
        let text: DeckText
        let old: ParsedDeck
        let file: String
        let fileDeck: String
        let format: DeckFormat

        /// Inserts `lines` after 0-based line `after` (-1: at the top), parses the result and
        /// returns it when it holds the old notes plus one new note of `note`'s content and
        /// deck, starting on one of the inserted lines; `nil` otherwise.
        func attempt(_ lines: [String], after: Int, note: DeckNote) -> CardAddition? {
            let (bytes, first) = text.inserting(lines, after: after)
            let inserted = first..<(first + lines.count)
            let parsed = DeckParser.parse(bytes: bytes, file: file, deck: fileDeck, format: format)
            guard !parsed.hasErrors, parsed.notes.count == old.notes.count + 1 else { return nil }
            // No new warning about the lines written (such as '::' reading as prose).
            guard !parsed.diagnostics.contains(where: { inserted.contains($0.location?.line ?? 0) }) else { return nil }
            guard let index = parsed.notes.firstIndex(where: { inserted.contains($0.line) }) else { return nil }
            var others = parsed.notes
            let added = others.remove(at: index)
            guard added.content == note.content, added.deck == note.deck,
                  others.map(CardWriter.withoutLine) == old.notes.map(CardWriter.withoutLine) else { return nil }
            return CardAddition(bytes: bytes, line: added.line, lines: lines, note: added)
        }
    }

    static func withoutLine(_ note: DeckNote) -> DeckNote {
        var copy = note
        copy.line = 0
        return copy
    }

    /// `tags` followed by those of `more` it lacks, in order.
    static func merged(_ tags: [String], _ more: [String]) -> [String] {
        var out = tags
        for tag in more where !out.contains(tag) { out.append(tag) }
        return out
    }

    /// The error for a card the writer could not write so that it reads back exactly;
    /// `suggestingMarkdown` adds that a Markdown deck could hold it (not said to a Markdown deck).
    static func unreadable(_ format: String, suggestingMarkdown: Bool = true) -> CardWriteError {
        .cannotWrite("the card cannot be written in \(format) so that it reads back exactly as given",
                     hint: "simplify its text (line breaks, leading markers, '::')"
                        + (suggestingMarkdown ? ", or add it to a Markdown (.md) deck" : ""))
    }
}

/// A card added to a deck file: the file's new bytes and where the card is.
public struct CardAddition: Sendable, Equatable {
    /// The whole file after the addition.
    public var bytes: [UInt8]
    /// 1-based line where the card starts in the new file.
    public var line: Int
    /// The lines inserted, as written (without line endings), for a preview.
    public var lines: [String]
    /// The note as the new file reads back (its tags include any the file gives every card).
    public var note: DeckNote
}

/// Why a card was not added.
public enum CardWriteError: Error, Equatable, Sendable {
    /// The deck file has errors; nothing is added to it until they are fixed.
    case fileHasErrors([Diagnostic])
    /// The card does not fit this file (tags in a `.txt` deck, a line holding only `-`, …).
    case cannotWrite(String, hint: String)

    /// The error as diagnostics to show: the file's own, or one without a location.
    public var diagnostics: [Diagnostic] {
        switch self {
        case .fileHasErrors(let diagnostics): return diagnostics
        case let .cannotWrite(message, hint): return [.error(message, at: nil, notes: [hint])]
        }
    }
}
