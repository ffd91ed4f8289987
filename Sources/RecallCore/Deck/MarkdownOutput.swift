/// The bytes of a Markdown deck as ``MarkdownDeckWriter`` writes them, into a buffer it is
/// given. Writing past its end writes nothing more and sets ``overflowed``.
struct MarkdownOutput: ~Copyable {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0
    private(set) var overflowed = false

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    var isEmpty: Bool { count == 0 }

    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        guard let start = text.baseAddress, let base = buffer.baseAddress, !text.isEmpty else { return }
        guard count + text.count <= buffer.count else {
            overflowed = true
            return
        }
        (base + count).update(from: start, count: text.count)
        count += text.count
    }

    mutating func append(_ byte: UInt8) {
        guard count < buffer.count else {
            overflowed = true
            return
        }
        buffer[count] = byte
        count += 1
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(contentsOf text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Writes the note as one line (`q :: a`, `q ::: a` or the cloze text), after `---` when
    /// it follows a block, and returns `true`; or writes nothing and returns `false` when it
    /// needs a `Q:`/`A:` block.
    mutating func appendOneLine(_ content: DeckNote.Content, after block: Bool) -> Bool {
        switch content {
        case let .basic(q, a): return appendCard(q, " :: ", a, after: block)
        case let .twoWay(q, a): return appendCard(q, " ::: ", a, after: block)
        case .cloze(let text):
            if block { append("---\n") }
            appendJoiningLines(text.raw)
            append("\n")
            return true
        }
    }

    private mutating func appendCard(_ q: String, _ separator: StaticString, _ a: String, after block: Bool) -> Bool {
        var question = q
        var answer = a
        let written: Bool? = question.withUTF8 { question in
            answer.withUTF8 { answer in
                guard MarkdownDeckWriter.isPlainLine(question), MarkdownDeckWriter.isPlainLine(answer) else { return false }
                let range = 0..<question.count
                guard ByteText.charactersAreBytes(question, range) else { return nil }
                guard MarkdownSyntax.isBlankOrText(question, range), MarkdownSyntax.hasNoListMarker(question, range) else {
                    return false
                }
                if block { append("---\n") }
                append(question)
                append(separator)
                append(answer)
                append("\n")
                return true
            }
        }
        if let written { return written }
        guard MarkdownDeckWriter.fitsOneLine(q, a) else { return false }
        if block { append("---\n") }
        append(contentsOf: q)
        append(separator)
        append(contentsOf: a)
        append("\n")
        return true
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
                if k > 0 { append(UInt8(0x20)) }
                append(UnsafeBufferPointer(rebasing: bytes[piece]))
            }
        }
    }

    /// A `Q:`/`A:` block.
    mutating func block(_ q: String, _ a: String) {
        body("Q:", q)
        body("A:", a)
    }

    private mutating func body(_ marker: StaticString, _ text: String) {
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

    private mutating func bodyLine(_ line: UnsafeBufferPointer<UInt8>, marker: StaticString, isFirst: Bool) {
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
        while count >= 2, buffer[count - 1] == 0x0A, buffer[count - 2] == 0x0A, count == 2 || buffer[count - 3] != 0x0D {
            count -= 1
        }
    }
}
