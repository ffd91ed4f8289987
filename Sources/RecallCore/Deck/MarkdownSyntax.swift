/// How the Markdown deck format classifies one line. Shared by the parser and the writer,
/// so that the writer knows exactly which lines it must escape.
enum MarkdownSyntax {
    enum LineKind: Equatable {
        case blank
        /// `Q:` and the text after it (left-trimmed).
        case question(String)
        /// `A:` and the text after it (left-trimmed).
        case answer(String)
        /// `#` to `######` and the title; a level-1 heading is the document title.
        case heading(level: Int, title: String)
        /// `tags:` and the tags on the line.
        case tags([String])
        /// A line holding only `---`.
        case rule
        /// A code fence opening or closing line (` ``` ` or `~~~`).
        case fence
        case text
    }

    static func classify(_ line: String) -> LineKind {
        guard let first = line.utf8.first else { return .blank }
        if first == 0x20 || first == 0x09 {
            let trimmed = CardText.trim(line)
            if trimmed.isEmpty { return .blank }
            if trimmed == "---" { return .rule }
            return isFence(trimmed) ? .fence : .text
        }
        let second = line.utf8.dropFirst().first
        if first == 0x51, second == 0x3A { return .question(String(CardText.trimLeft(line.dropFirst(2)))) }
        if first == 0x41, second == 0x3A { return .answer(String(CardText.trimLeft(line.dropFirst(2)))) }
        if first == 0x23, let heading = heading(line) { return heading }
        if first == 0x74 || first == 0x54, hasTagsPrefix(line) {
            return .tags(tagList(line.dropFirst(5)))
        }
        guard first == 0x2D || first == 0x60 || first == 0x7E else { return .text }  // - ` ~
        let trimmed = CardText.trimRight(line)
        if trimmed == "---" { return .rule }
        return isFence(Substring(trimmed)) ? .fence : .text
    }

    /// `tags:` in any case at the start of `line`.
    static func hasTagsPrefix(_ line: String) -> Bool {
        let target: [UInt8] = [0x74, 0x61, 0x67, 0x73, 0x3A]  // "tags:"
        var index = 0
        for byte in line.utf8.prefix(5) {
            guard (index < 4 ? byte | 0x20 : byte) == target[index] else { return false }
            index += 1
        }
        return index == 5
    }

    static func isFence(_ trimmed: some StringProtocol) -> Bool {
        trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~")
    }

    private static func heading(_ line: String) -> LineKind? {
        let hashes = line.prefix(while: { $0 == "#" })
        guard hashes.count <= 6 else { return nil }
        let rest = line[hashes.endIndex...]
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var title = Substring(CardText.trim(rest))
        // An optional closing sequence of `#`s, as in `## Closures ##`.
        let closing = title.reversed().prefix(while: { $0 == "#" }).count
        if closing > 0 {
            let cut = title.dropLast(closing)
            if cut.isEmpty || cut.last == " " || cut.last == "\t" { title = Substring(CardText.trim(cut)) }
        }
        return .heading(level: hashes.count, title: String(title))
    }

    /// Tags written as `#a #b`, `a, b` or `[a, b]`: without `#`, in order, without duplicates.
    static func tagList(_ text: some StringProtocol) -> [String] {
        var tags: [String] = []
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "[" || $0 == "]" })
        for word in words {
            var tag = Substring(word)
            while tag.first == "#" { tag = tag.dropFirst() }
            if tag.first == "\"" || tag.first == "'", tag.count >= 2, tag.last == tag.first {
                tag = tag.dropFirst().dropLast()
            }
            let name = String(tag)
            if !name.isEmpty, !tags.contains(name) { tags.append(name) }
        }
        return tags
    }

    /// `true` when a line inside a `Q:`/`A:` body would not read back as plain body text,
    /// so the writer must put a `\` in front of it.
    static func needsEscape(_ line: some StringProtocol) -> Bool {
        // Only lines starting with one of these bytes can be markers: \ Q A # t T - ` ~ space tab.
        switch line.utf8.first {
        case nil: return false
        case 0x5C: return true
        case 0x51, 0x41, 0x23, 0x74, 0x54, 0x2D, 0x60, 0x7E, 0x20, 0x09: break
        default: return false
        }
        switch classify(String(line)) {
        case .blank, .text: return false
        default: return true
        }
    }

    /// A `- `, `* `, `+ ` or `1. ` list marker at the start of a one-line card, if any;
    /// returns the text after it and how many characters were dropped.
    static func dropListMarker(_ line: String) -> (text: Substring, dropped: Int) {
        // Fast path: no indent and no possible marker.
        if let c = line.utf8.first, c != 0x20, c != 0x09, c != 0x2D, c != 0x2A, c != 0x2B, !(0x30...0x39).contains(c) {
            return (Substring(line), 0)
        }
        let indent = line.prefix(while: { $0 == " " || $0 == "\t" })
        let rest = line[indent.endIndex...]
        var marker = 0
        if let c = rest.first, c == "-" || c == "*" || c == "+" {
            marker = 1
        } else {
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            if !digits.isEmpty, digits.count < 10, rest[digits.endIndex...].first == "." {
                marker = digits.count + 1
            }
        }
        let afterMarker = rest.dropFirst(marker)
        guard marker > 0, afterMarker.first == " " || afterMarker.first == "\t" else {
            return (rest, indent.count)
        }
        let body = CardText.trimLeft(afterMarker)
        return (body, line.distance(from: line.startIndex, to: body.startIndex))
    }
}
