/// Writes notes as a Markdown deck file that ``DeckParser`` reads back to the same cards.
///
/// One-line cards become `question :: answer` (or `:::`), others `Q:`/`A:` blocks with a `\`
/// in front of body lines that would read as markers; sub-decks become `##` headings and tag
/// changes `tags:` lines.
public enum MarkdownDeckWriter {
    /// Renders `notes` for a file whose own deck is `deck`. Notes of other decks go under a
    /// `## ` heading naming their deck relative to `deck` (or in full when outside it).
    public static func render(_ notes: [DeckNote], deck: String) -> String {
        var groups: [(name: String, notes: [DeckNote])] = [("", [])]
        var groupIndex: [String: Int] = ["": 0]
        for note in notes {
            let name = relativeName(note.deck, to: deck)
            if let i = groupIndex[name] {
                groups[i].notes.append(note)
            } else {
                groupIndex[name] = groups.count
                groups.append((name, [note]))
            }
        }
        var out = ""
        for group in groups where !group.notes.isEmpty {
            if !group.name.isEmpty {
                if !out.isEmpty { out += "\n" }
                out += "## \(group.name)\n\n"
            }
            write(group.notes, into: &out)
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    private static func relativeName(_ name: String, to deck: String) -> String {
        if name == deck { return "" }
        if name.hasPrefix(deck + "::") { return String(name.dropFirst(deck.count + 2)) }
        return name
    }

    private static func write(_ notes: [DeckNote], into out: inout String) {
        var tags: [String] = []
        var afterBlock = false
        for note in notes {
            if note.tags != tags {
                if afterBlock { out += "\n" }
                out += note.tags.isEmpty ? "tags:\n" : "tags: " + note.tags.map { "#" + $0 }.joined(separator: " ") + "\n"
                tags = note.tags
                afterBlock = false
            }
            let line = oneLine(note.content)
            if let line {
                if afterBlock { out += "---\n" }
                out += line + "\n"
                afterBlock = false
            } else {
                if case let .basic(q, a) = note.content { block(q, a, into: &out) }
                if case let .twoWay(q, a) = note.content { block(q, a, into: &out) }
                out += "\n"
                afterBlock = true
            }
        }
    }

    private static func oneLine(_ content: DeckNote.Content) -> String? {
        switch content {
        case let .basic(q, a):
            return fitsOneLine(q, a) ? "\(q) :: \(a)" : nil
        case let .twoWay(q, a):
            return fitsOneLine(q, a) ? "\(q) ::: \(a)" : nil
        case .cloze(let text):
            let raw = text.raw.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
            return raw
        }
    }

    private static func fitsOneLine(_ q: String, _ a: String) -> Bool {
        guard isPlainLine(q), isPlainLine(a), MarkdownSyntax.classify(q) == .text else { return false }
        return MarkdownSyntax.dropListMarker(q).dropped == 0
    }

    /// One trimmed line without `::` or `{{` (which would change how it reads back).
    private static func isPlainLine(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A || byte == 0x0D { return false }
            if byte == previous, byte == 0x3A || byte == 0x7B { return false }
            previous = byte
        }
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        return first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09
    }

    private static func block(_ q: String, _ a: String, into out: inout String) {
        body("Q:", q, into: &out)
        body("A:", a, into: &out)
    }

    private static func body(_ marker: String, _ text: String, into out: inout String) {
        var isFirst = true
        for bytes in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let line = Substring(bytes)
            defer { isFirst = false }
            if isFirst {
                if let c = line.utf8.first, c != 0x20, c != 0x09 {
                    out += marker + " " + line + "\n"
                    continue
                }
                out += marker + "\n"
            }
            if MarkdownSyntax.needsEscape(line) { out += "\\" }
            out += line + "\n"
        }
    }
}
