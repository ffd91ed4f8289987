extension CardWriter {
    /// The note for a card typed by the user, normalised as every parser normalises card text
    /// (lines right-trimmed, blank lines at the ends dropped), ready for ``add(_:to:file:fileDeck:format:)``.
    ///
    /// - Parameters:
    ///   - cloze: text with `{{c1::…}}` deletions; given instead of a question and answer.
    ///   - reversed: a card in each direction (`question ::: answer`).
    ///   - tags: without `#` (a leading one is dropped); each one word.
    public static func note(question: String?, answer: String?, cloze: String?, reversed: Bool,
                            tags: [String], deck: String) throws(CardWriteError) -> DeckNote {
        var cleanTags: [String] = []
        for raw in tags {
            var tag = Substring(CardText.trim(raw))
            while tag.first == "#" { tag = tag.dropFirst() }
            guard !tag.isEmpty else { continue }
            guard !tag.contains(where: { $0.isWhitespace || $0 == "," || $0 == "[" || $0 == "]" }) else {
                throw .cannotWrite("the tag '\(raw)' is not one word",
                                   hint: "write tags without spaces or commas, such as 'capitals' or 'verbs::irregular'")
            }
            if !cleanTags.contains(String(tag)) { cleanTags.append(String(tag)) }
        }
        for (side, text) in [("question", question), ("answer", answer), ("cloze text", cloze)] {
            if let text { try refuseControlCharacters(in: CardText.normalize(text), side: side) }
        }
        if let cloze {
            let text = CardText.normalize(cloze)
            guard ClozeText.looksLikeCloze(text) else {
                throw .cannotWrite("the cloze text has no deletion", hint: "mark what to hide as '{{c1::text}}'")
            }
            let (parsed, problems) = ClozeText.parse(text)
            if let problem = problems.first { throw .cannotWrite(problem.message, hint: problem.note) }
            guard let parsed else { throw .cannotWrite("the cloze text has no deletion", hint: "mark what to hide as '{{c1::text}}'") }
            return DeckNote(content: .cloze(parsed), deck: deck, tags: cleanTags, line: 0)
        }
        let q = CardText.normalize(question ?? "")
        let a = CardText.normalize(answer ?? "")
        guard !q.isEmpty else { throw .cannotWrite("empty question", hint: "a card needs a question") }
        guard !a.isEmpty else {
            throw .cannotWrite("empty answer", hint: "write the answer to '\(Quote.short(q))'")
        }
        let content: DeckNote.Content = reversed ? .twoWay(question: q, answer: a) : .basic(question: q, answer: a)
        return DeckNote(content: content, deck: deck, tags: cleanTags, line: 0)
    }

    /// Control and bidirectional characters (a stray escape pasted with the text) are refused:
    /// every deck format reads them, but `recall check` would warn about them forever and they
    /// would show as `␛`.
    private static func refuseControlCharacters(in text: String, side: String) throws(CardWriteError) {
        guard TerminalText.needsSanitizing(text),
              let scalar = text.unicodeScalars.first(where: { TerminalText.kind(of: $0) != nil && $0 != "\n" })
        else { return }
        throw .cannotWrite("the \(side) holds the control character \(TerminalText.describe(scalar))",
                           hint: "type the text again without it")
    }
}
