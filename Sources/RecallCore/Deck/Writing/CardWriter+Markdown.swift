extension CardWriter {
    /// A `.md` deck: the card goes after the last line of its deck's part of the file (the
    /// last heading naming that deck, or the top of the file for the file's own deck), as
    /// `question :: answer` or a `Q:`/`A:` block as ``MarkdownDeckWriter`` writes it. It keeps
    /// the tags in force there; tags asked for on top are written on a `tags:` line before it.
    static func addMarkdown(_ note: DeckNote, _ context: Context) throws(CardWriteError) -> CardAddition {
        if case .cloze(let cloze) = note.content, cloze.raw.contains("\n") {
            throw .cannotWrite("a cloze card in a Markdown deck is one line",
                               hint: "write the cloze text on one line")
        }
        let text = context.text
        let sections = markdownSections(context)
        guard let index = sections.lastIndex(where: { $0.deck == note.deck }) else {
            throw .cannotWrite("'\(context.file)' has no heading for the deck '\(note.deck)'",
                               hint: "add a heading for it to the file, or create the deck with 'recall new'")
        }
        let start = sections[index].line
        let end = index + 1 < sections.count ? sections[index + 1].line : text.lines.count
        let after = max(text.lastNonBlank(atOrBefore: end - 1), start - 1)
        let card = cardLines(note.content)
        // Right after a one-line card, a one-line card follows without a blank line.
        let afterOneLiner = card.count == 1 && after >= 0 && !text.line(after).hasPrefix("Q:")
            && context.old.notes.contains { $0.line == after + 1 }
        // One line where it fits; after a Q:/A: block (whose answer would take the line in)
        // a block, or a `---` line to end that answer first.
        var candidates: [[String]] = [(after < 0 || afterOneLiner ? [] : [""]) + card]
        if case let .basic(q, a) = note.content, card.count == 1 { candidates.append([""] + blockLines(q, a)) }
        candidates.append(["", "---"] + card)
        for candidate in candidates {
            guard let probe = context.attempt(candidate, after: after, note: note) else { continue }
            let tags = merged(probe.note.tags, note.tags)
            if tags == probe.note.tags { return probe }
            let tagsLine = "tags:" + tags.map { " #" + $0 }.joined()
            // The tags line goes right before the card, after any blank or `---` line.
            let lead = candidate.prefix { $0.isEmpty || $0 == "---" }
            let written = (lead.isEmpty && after >= 0 ? [""] : Array(lead)) + [tagsLine] + candidate.dropFirst(lead.count)
            if let tagged = context.attempt(written, after: after, note: note),
               tagged.note.tags == tags {
                return tagged
            }
        }
        throw unreadable("a Markdown deck", suggestingMarkdown: false)
    }

    /// Where each deck's part of the file starts (0-based lines), in file order.
    private static func markdownSections(_ context: Context) -> [(line: Int, deck: String)] {
        let (source, _) = DeckSource.decode(context.text.bytes, file: context.file)
        guard let source else { return [] }
        return source.bytes.withUnsafeBufferPointer { bytes in
            var reader = MarkdownReader(source: source, bytes: bytes, fileDeck: context.fileDeck,
                                        builder: ParsedDeckBuilder(file: context.file, makingCards: false))
            reader.run()
            return reader.sections
        }
    }

    /// A `Q:`/`A:` block for a card that would also fit one line.
    private static func blockLines(_ q: String, _ a: String) -> [String] {
        let capacity = 4 * (q.utf8.count + a.utf8.count) + 16
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var out = MarkdownOutput(buffer)
            out.block(q, a)
            count = out.overflowed ? 0 : out.count
        }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The note alone as ``MarkdownDeckWriter`` writes it, one string per line.
    private static func cardLines(_ content: DeckNote.Content) -> [String] {
        let written = MarkdownDeckWriter.render([DeckNote(content: content, deck: "", tags: [], line: 0)], deck: "")
        var lines = written.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        return lines
    }
}
