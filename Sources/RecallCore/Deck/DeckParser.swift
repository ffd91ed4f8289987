/// The entry point of deck parsing: bytes or text in, a ``ParsedDeck`` out. Pure.
public enum DeckParser {
    /// Checks and parses the bytes of one deck file.
    ///
    /// - Parameters:
    ///   - file: the path shown in diagnostics and card sources.
    ///   - deck: the file's deck name (`History::Gaza`); Markdown headings add sub-decks.
    ///   - makingCards: `false` leaves ``ParsedDeck/cards`` empty, for callers that need only
    ///     the notes (such as `recall import`).
    ///   - keepingNotes: `false` leaves ``ParsedDeck/notes`` empty, for callers that need only
    ///     the cards (such as loading a collection).
    /// A binary or non-UTF-8 file gives one error and no cards.
    public static func parse(bytes: [UInt8], file: String, deck: String, format: DeckFormat,
                             makingCards: Bool = true, keepingNotes: Bool = true) -> ParsedDeck {
        var splittingLines = true
        if case .delimited = format { splittingLines = false }  // it finds its own line breaks
        let (source, problem) = DeckSource.decode(bytes, file: file, splittingLines: splittingLines)
        guard let source else {
            return ParsedDeck(notes: [], file: file, diagnostics: problem.map { [$0] } ?? [], decks: [deck])
        }
        return parse(source, deck: deck, format: format, makingCards: makingCards, keepingNotes: keepingNotes)
    }

    /// Parses text already held as a string.
    public static func parse(text: String, file: String, deck: String, format: DeckFormat) -> ParsedDeck {
        parse(DeckSource(file: file, text: text), deck: deck, format: format)
    }

    /// Parses a checked source.
    public static func parse(_ source: DeckSource, deck: String, format: DeckFormat,
                             makingCards: Bool = true, keepingNotes: Bool = true) -> ParsedDeck {
        var result: ParsedDeck
        // Every note makes at least one card, so either list tells whether there are notes.
        let keepingNotes = keepingNotes || !makingCards
        let builder = ParsedDeckBuilder(file: source.file, makingCards: makingCards, keepingNotes: keepingNotes)
        switch format {
        case .plain: result = PlainDeckParser.parse(source, deck: deck, into: builder)
        case .markdown: result = MarkdownDeckParser.parse(source, deck: deck, into: builder)
        case .delimited(let separator):
            result = DelimitedDeckParser.parse(source, deck: deck, defaultSeparator: separator, into: builder)
        }
        if source.mayHaveControls { result.diagnostics += controlWarnings(source) }
        if keepingNotes ? result.notes.isEmpty : result.cards.isEmpty, !result.hasErrors {
            result.diagnostics.append(.warning("no cards in this file", at: source.location(line: 1),
                                               notes: [emptyHint(format)]))
        }
        return result
    }

    /// One warning per line holding a control or bidirectional character, at its first one.
    static func controlWarnings(_ source: DeckSource) -> [Diagnostic] {
        let lines = source.lines.isEmpty && !source.bytes.isEmpty ? DeckSource.splitLines(source.bytes) : source.lines
        var warnings: [Diagnostic] = []
        for (i, range) in lines.enumerated() {
            let text = source.string(range)
            guard TerminalText.needsSanitizing(text),
                  let (column, scalar) = text.unicodeScalars.enumerated().first(where: {
                      TerminalText.kind(of: $0.element) != nil && $0.element != "\n"
                  }).map({ ($0.offset + 1, $0.element) })
            else { continue }
            let message: String
            if TerminalText.kind(of: scalar) == .bidi {
                message = "bidirectional control character \(TerminalText.describe(scalar)); it is left out when shown"
            } else {
                message = "control character \(TerminalText.describe(scalar)); it is shown as '\(TerminalText.visible(scalar))'"
            }
            warnings.append(.warning(message, at: source.location(line: i + 1), column: column, notes: [
                "a shared deck can use control characters to change your terminal; delete it unless you put it there",
            ]))
        }
        return warnings
    }

    private static func emptyHint(_ format: DeckFormat) -> String {
        switch format {
        case .plain:
            return "write a question line, then its answer, and separate cards with a line holding only '-'"
        case .markdown:
            return "write cards as 'question :: answer', as 'Q:'/'A:' blocks or with cloze deletions '{{c1::text}}'"
        case .delimited:
            return "write one card per row: the question, the separator, then the answer"
        }
    }
}
