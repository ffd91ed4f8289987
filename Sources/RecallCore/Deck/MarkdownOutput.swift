/// The bytes of a Markdown deck as ``MarkdownDeckWriter`` writes them.
struct MarkdownOutput {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(_ text: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: text) }

    /// Writes `prefix` and the note as one line (`q :: a`, `q ::: a` or the cloze text) and
    /// returns `true`, or writes nothing and returns `false` when it needs a `Q:`/`A:` block.
    mutating func appendOneLine(_ content: DeckNote.Content, after prefix: String) -> Bool {
        switch content {
        case let .basic(q, a): return appendCard(q, " :: ", a, after: prefix)
        case let .twoWay(q, a): return appendCard(q, " ::: ", a, after: prefix)
        case .cloze(let text):
            append(prefix)
            appendJoiningLines(text.raw)
            append("\n")
            return true
        }
    }

    private mutating func appendCard(_ q: String, _ separator: String, _ a: String, after prefix: String) -> Bool {
        guard Self.fitsOneLine(q, a) else { return false }
        append(prefix)
        append(q)
        append(separator)
        append(a)
        append("\n")
        return true
    }

    /// ``MarkdownDeckWriter/fitsOneLine(_:_:)``, on bytes where that is exact.
    private static func fitsOneLine(_ q: String, _ a: String) -> Bool {
        let fits: Bool??? = q.utf8.withContiguousStorageIfAvailable { question in
            a.utf8.withContiguousStorageIfAvailable { answer -> Bool? in
                guard MarkdownDeckWriter.isPlainLine(question), MarkdownDeckWriter.isPlainLine(answer) else { return false }
                let range = 0..<question.count
                guard ByteText.charactersAreBytes(question, range) else { return nil }
                return MarkdownSyntax.isBlankOrText(question, range) && MarkdownSyntax.hasNoListMarker(question, range)
            }
        }
        if case let fits??? = fits { return fits }
        return MarkdownDeckWriter.fitsOneLine(q, a)
    }

    /// `text` with its line breaks as spaces (as `split` on `"\n"` and `"\r"` `Character`s,
    /// empty pieces left out, joined with `" "`; a `\r\n` pair is one `Character`, kept as is).
    private mutating func appendJoiningLines(_ text: String) {
        var text = text
        var pieces: [Range<Int>] = []
        text.withUTF8 { bytes in
            var start = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                let alone = (byte == 0x0A && (i == 0 || bytes[i - 1] != 0x0D))
                    || (byte == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A))
                guard alone else { continue }
                if i > start { pieces.append(start..<i) }
                start = i + 1
            }
            if bytes.count > start { pieces.append(start..<bytes.count) }
        }
        text.withUTF8 { bytes in
            for (k, piece) in pieces.enumerated() {
                if k > 0 { self.bytes.append(0x20) }
                self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[piece]))
            }
        }
    }

    /// A `Q:`/`A:` block.
    mutating func block(_ q: String, _ a: String) {
        body("Q:", q)
        body("A:", a)
    }

    private mutating func body(_ marker: String, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var isFirst = true
            while true {
                let end = ByteText.firstNewline(bytes, from: start) ?? bytes.count
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                bodyLine(line, marker: marker, isFirst: isFirst)
                isFirst = false
                guard end < bytes.count else { break }
                start = end + 1
            }
        }
    }

    private mutating func bodyLine(_ line: UnsafeBufferPointer<UInt8>, marker: String, isFirst: Bool) {
        if isFirst {
            if let c = line.first, c != 0x20, c != 0x09 {
                append(marker)
                append(" ")
                append(line)
                append("\n")
                return
            }
            append(marker)
            append("\n")
        }
        if needsEscape(line) { append("\\") }
        append(line)
        append("\n")
    }

    /// ``MarkdownSyntax/needsEscape(_:)`` on bytes.
    private func needsEscape(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        switch line.first {
        case nil: return false
        case 0x5C: return true
        case 0x51, 0x41, 0x23, 0x74, 0x54, 0x2D, 0x60, 0x7E, 0x20, 0x09: break
        default: return false
        }
        let range = 0..<line.count
        guard ByteText.charactersAreBytes(line, range) else {
            return MarkdownSyntax.needsEscape(String(decoding: line, as: UTF8.self))
        }
        return !MarkdownSyntax.isBlankOrText(line, range)
    }

    /// Drops blank lines at the end, keeping one line break (as `while hasSuffix("\n\n")
    /// { removeLast() }` does on `Character`s, where `\r\n` is one).
    mutating func dropExtraBlankLines() {
        while bytes.count >= 2, bytes[bytes.count - 1] == 0x0A, bytes[bytes.count - 2] == 0x0A,
              bytes.count == 2 || bytes[bytes.count - 3] != 0x0D {
            bytes.removeLast()
        }
    }
}
