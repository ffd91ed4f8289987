/// Writes notes as a Markdown deck file that ``DeckParser`` reads back to the same cards.
///
/// One-line cards become `question :: answer` (or `:::`), others `Q:`/`A:` blocks with a `\`
/// in front of body lines that would read as markers; sub-decks become `##` headings and tag
/// changes `tags:` lines.
public enum MarkdownDeckWriter {
    /// Renders `notes` for a file whose own deck is `deck`. Notes of other decks go under a
    /// `## ` heading naming their deck relative to `deck` (or in full when outside it).
    public static func render(_ notes: [DeckNote], deck: String) -> String {
        String(decoding: renderBytes(notes, deck: deck), as: UTF8.self)
    }

    /// ``render(_:deck:)`` as UTF-8 bytes, ready to be written to a file.
    public static func renderBytes(_ notes: [DeckNote], deck: String) -> [UInt8] {
        var groups: [(name: String, notes: [Int])] = [("", [])]
        var groupIndex: [String: Int] = ["": 0]
        var last: (deck: String, group: Int)?
        var size = 0
        for (i, note) in notes.enumerated() {
            size += note.approximateSize
            if let last, last.deck == note.deck {
                groups[last.group].notes.append(i)
                continue
            }
            let name = relativeName(note.deck, to: deck)
            let group: Int
            if let found = groupIndex[name] {
                group = found
            } else {
                group = groups.count
                groupIndex[name] = group
                groups.append((name, []))
            }
            groups[group].notes.append(i)
            last = (note.deck, group)
        }
        var out = MarkdownOutput(capacity: size + 64)
        for group in groups where !group.notes.isEmpty {
            if !group.name.isEmpty {
                if !out.bytes.isEmpty { out.append("\n") }
                out.append("## ")
                out.append(group.name)
                out.append("\n\n")
            }
            write(group.notes.lazy.map { notes[$0] }, into: &out)
        }
        out.dropExtraBlankLines()
        return out.bytes
    }

    private static func relativeName(_ name: String, to deck: String) -> String {
        if name == deck { return "" }
        if name.hasPrefix(deck + "::") { return String(name.dropFirst(deck.count + 2)) }
        return name
    }

    private static func write(_ notes: some Sequence<DeckNote>, into out: inout MarkdownOutput) {
        var tags: [String] = []
        var afterBlock = false
        for note in notes {
            if note.tags != tags {
                if afterBlock { out.append("\n") }
                if note.tags.isEmpty {
                    out.append("tags:\n")
                } else {
                    out.append("tags:")
                    for tag in note.tags {
                        out.append(" #")
                        out.append(tag)
                    }
                    out.append("\n")
                }
                tags = note.tags
                afterBlock = false
            }
            if out.appendOneLine(note.content, after: afterBlock ? "---\n" : "") {
                afterBlock = false
            } else {
                if case let .basic(q, a) = note.content { out.block(q, a) }
                if case let .twoWay(q, a) = note.content { out.block(q, a) }
                out.append("\n")
                afterBlock = true
            }
        }
    }

    static func fitsOneLine(_ q: String, _ a: String) -> Bool {
        guard isPlainLine(q), isPlainLine(a), MarkdownSyntax.classify(q) == .text else { return false }
        return MarkdownSyntax.dropListMarker(q).dropped == 0
    }

    /// One trimmed line without `::` or `{{` (which would change how it reads back).
    static func isPlainLine(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress, let first = text.first, let last = text.last else { return false }
        guard first != 0x20, first != 0x09, last != 0x20, last != 0x09 else { return false }
        var previous: UInt8 = 0
        var i = 0
        while i + 8 <= text.count {
            let w = ByteText.word(base, i)
            if ByteText.matches(w, 0x0A) | ByteText.matches(w, 0x0D) != 0 { return false }
            let colons = ByteText.matches(w, 0x3A)
            let braces = ByteText.matches(w, 0x7B)
            if (colons & (colons << 8)) | (braces & (braces << 8)) != 0 { return false }
            if previous == 0x3A && colons & 0x80 != 0 || previous == 0x7B && braces & 0x80 != 0 { return false }
            previous = base[i + 7]
            i += 8
        }
        while i < text.count {
            let byte = base[i]
            if byte == 0x0A || byte == 0x0D { return false }
            if byte == previous, byte == 0x3A || byte == 0x7B { return false }
            previous = byte
            i += 1
        }
        return true
    }

    static func isPlainLine(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { isPlainLine($0) }
    }
}

extension DeckNote {
    /// About how many bytes the note takes when written.
    fileprivate var approximateSize: Int {
        switch content {
        case let .basic(q, a), let .twoWay(q, a): return q.utf8.count + a.utf8.count + 8
        case .cloze(let text): return text.raw.utf8.count + 2
        }
    }
}
