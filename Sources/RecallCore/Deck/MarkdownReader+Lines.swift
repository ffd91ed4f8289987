/// One line of a Markdown deck: its byte range (without the line break) and whether byte-level
/// reading is exact for it (see ``ByteText/charactersAreBytes(_:_:)``).
struct MarkdownLine {
    var range: Range<Int>
    var bytesAreCharacters: Bool
}

extension MarkdownReader {
    /// ``MarkdownSyntax/LineKind`` with byte offsets instead of strings for the hot cases.
    enum LineKind {
        case blank
        /// `Q:`; the offset where the text after it starts (left-trimmed).
        case question(Int)
        /// `A:`; the offset where the text after it starts (left-trimmed).
        case answer(Int)
        case heading(level: Int, title: String)
        case tags([String])
        case rule
        case fence
        case text
    }

    /// Classifies a line as ``MarkdownSyntax/classify(_:)`` does.
    func classify(_ line: MarkdownLine) -> LineKind {
        guard line.bytesAreCharacters else { return classifyText(line) }
        let range = line.range
        guard let first = range.isEmpty ? nil : bytes[range.lowerBound] else { return .blank }
        if first == 0x20 || first == 0x09 {
            let trimmed = ByteText.trim(bytes, range)
            if trimmed.isEmpty { return .blank }
            return ruleOrFence(trimmed)
        }
        let second: UInt8? = range.count > 1 ? bytes[range.lowerBound + 1] : nil
        if first == 0x51, second == 0x3A { return .question(ByteText.trimLeft(bytes, range.dropFirst(2)).lowerBound) }
        if first == 0x41, second == 0x3A { return .answer(ByteText.trimLeft(bytes, range.dropFirst(2)).lowerBound) }
        // Headings and tag lines are rare: the `String` path reads them.
        if first == 0x23 { return classifyText(line) }
        if first == 0x74 || first == 0x54, MarkdownSyntax.hasTagsPrefix(bytes, range) { return classifyText(line) }
        guard first == 0x2D || first == 0x60 || first == 0x7E else { return .text }  // - ` ~
        return ruleOrFence(ByteText.trimRight(bytes, range))
    }

    /// `.rule`, `.fence` or `.text` for a trimmed line that is not blank.
    private func ruleOrFence(_ trimmed: Range<Int>) -> LineKind {
        guard MarkdownSyntax.isRuleOrFence(bytes, trimmed) else { return .text }
        return bytes[trimmed.lowerBound] == 0x2D ? .rule : .fence
    }

    /// The `String` path: ``MarkdownSyntax/classify(_:)``, with the `Q:`/`A:` text as an offset.
    private func classifyText(_ line: MarkdownLine) -> LineKind {
        switch MarkdownSyntax.classify(ByteText.string(bytes, line.range)) {
        case .blank: return .blank
        case .question(let rest): return .question(line.range.upperBound - rest.utf8.count)
        case .answer(let rest): return .answer(line.range.upperBound - rest.utf8.count)
        case let .heading(level, title): return .heading(level: level, title: title)
        case .tags(let tags): return .tags(tags)
        case .rule: return .rule
        case .fence: return .fence
        case .text: return .text
        }
    }

    /// Where a body line's text starts: after a leading `\`, which escapes markers.
    func unescapedStart(_ line: MarkdownLine) -> Int {
        let range = line.range
        if line.bytesAreCharacters {
            return !range.isEmpty && bytes[range.lowerBound] == 0x5C ? range.lowerBound + 1 : range.lowerBound
        }
        let text = ByteText.string(bytes, range)
        return text.hasPrefix("\\") ? range.upperBound - text.dropFirst().utf8.count : range.lowerBound
    }

    /// The line's text from `start` without spaces and tabs at its end (as ``CardText/trimRight(_:)``).
    func trimRight(_ line: MarkdownLine, from start: Int) -> Range<Int> {
        let range = start..<line.range.upperBound
        if line.bytesAreCharacters { return ByteText.trimRight(bytes, range) }
        let text = ByteText.string(bytes, range)
        return start..<(start + CardText.trimRight(text).utf8.count)
    }
}
