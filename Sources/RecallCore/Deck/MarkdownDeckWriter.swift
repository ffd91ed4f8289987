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
        notes.withUnsafeBufferPointer { notes in
            for i in notes.indices {
                if let last, last.deck == notes[i].deck {
                    groups[last.group].notes.append(i)
                    continue
                }
                let name = relativeName(notes[i].deck, to: deck)
                let group: Int
                if let found = groupIndex[name] {
                    group = found
                } else {
                    group = groups.count
                    groupIndex[name] = group
                    groups.append((name, []))
                }
                groups[group].notes.append(i)
                last = (notes[i].deck, group)
            }
        }
        // Written straight into the array, sized for the most the notes can take (only the
        // pages written are ever touched); twice that again should the bound ever fall short.
        var capacity = groups.reduce(16) { $0 + $1.name.utf8.count + 8 }
        notes.withUnsafeBufferPointer { notes in
            for i in notes.indices { capacity += writtenSizeBound(notes[i].content, tags: notes[i].tags) }
        }
        while true {
            var fits = true
            let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                var out = MarkdownOutput(buffer)
                for group in groups where !group.notes.isEmpty {
                    if !group.name.isEmpty {
                        if !out.isEmpty { out.append("\n") }
                        out.append("## ")
                        out.append(contentsOf: group.name)
                        out.append("\n\n")
                    }
                    notes.withUnsafeBufferPointer { write($0, group.notes, into: &out) }
                }
                out.dropExtraBlankLines()
                fits = !out.overflowed
                count = out.count
            }
            if fits { return bytes }
            capacity *= 2
        }
    }

    private static func relativeName(_ name: String, to deck: String) -> String {
        if name == deck { return "" }
        if name.hasPrefix(deck + "::") { return String(name.dropFirst(deck.count + 2)) }
        return name
    }

    private static func write(_ notes: UnsafeBufferPointer<DeckNote>, _ indices: [Int], into out: inout MarkdownOutput) {
        var tags: [String] = []
        var afterBlock = false
        for index in indices {
            if notes[index].tags != tags {
                if afterBlock { out.append("\n") }
                if notes[index].tags.isEmpty {
                    out.append("tags:\n")
                } else {
                    out.append("tags:")
                    for tag in notes[index].tags {
                        out.append(" #")
                        out.append(contentsOf: tag)
                    }
                    out.append("\n")
                }
                tags = notes[index].tags
                afterBlock = false
            }
            if out.appendOneLine(notes[index].content, after: afterBlock) {
                afterBlock = false
            } else {
                switch notes[index].content {
                case let .basic(q, a), let .twoWay(q, a): out.block(q, a)
                case .cloze: break
                }
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
        let count = text.count
        guard count >= 8 else {
            var previous: UInt8 = 0
            for byte in text {
                if byte == 0x0A || byte == 0x0D { return false }
                if byte == previous, byte == 0x3A || byte == 0x7B { return false }
                previous = byte
            }
            return true
        }
        var i = 0
        while i + 8 <= count {
            guard plainWord(base, at: i) else { return false }
            i += 8
        }
        // The last eight bytes again (overlapping), for the ones not yet read.
        return i == count || plainWord(base, at: count - 8)
    }

    /// `false` when the eight bytes at `i` hold a line break or `::` / `{{` (also with the
    /// byte before them).
    @inline(__always) private static func plainWord(_ base: UnsafePointer<UInt8>, at i: Int) -> Bool {
        let w = ByteText.word(base, i)
        let colons = ByteText.matches(w, 0x3A)
        let braces = ByteText.matches(w, 0x7B)
        let controls = ByteText.below(w, 0x0E)
        if colons | braces | controls == 0 { return true }
        if controls != 0, ByteText.matches(w, 0x0A) | ByteText.matches(w, 0x0D) != 0 { return false }
        if (colons & (colons << 8)) | (braces & (braces << 8)) != 0 { return false }
        let previous = i > 0 ? base[i - 1] : 0
        return !(previous == 0x3A && colons & 0x80 != 0 || previous == 0x7B && braces & 0x80 != 0)
    }

    static func isPlainLine(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { isPlainLine($0) }
    }
}

extension MarkdownDeckWriter {
    /// At least as many bytes as a note can take in a Markdown deck: a `tags:` line, and one
    /// line or a `Q:`/`A:` block whose every line gains at most a marker, a `\` and a line break.
    private static func writtenSizeBound(_ content: DeckNote.Content, tags: [String]) -> Int {
        var size = 8
        for tag in tags { size += tag.utf8.count + 2 }
        switch content {
        case let .basic(q, a), let .twoWay(q, a): return size + 4 * (q.utf8.count + a.utf8.count) + 16
        case .cloze(let text): return size + text.raw.utf8.count + 8
        }
    }
}
