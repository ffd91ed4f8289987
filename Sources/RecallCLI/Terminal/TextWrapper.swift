/// Greedy word wrapping by display width (see ``TextWidth``).
///
/// Lines break at spaces, and also between two wide (CJK) characters, which need no
/// spaces. A word longer than the width is cut by characters. Existing line breaks are
/// kept, and so is a line that fits; ANSI escape sequences take no room.
enum TextWrapper {
    /// Wraps `text` to `width` columns. Continuation lines (not the first line of each
    /// paragraph) start with `indent` spaces, which count towards the width.
    static func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
        let width = max(width, indent + 4)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += wrapParagraph(String(paragraph), width: width, indent: indent)
        }
        return lines
    }

    struct Token: Equatable {
        var text: String
        var width: Int
        var spaceBefore: Bool
    }

    private static func wrapParagraph(_ text: String, width: Int, indent: Int) -> [String] {
        // A line that fits is kept as written (runs of spaces that align columns included).
        if !text.contains("\t"), TextWidth.of(text) <= width { return [text] }
        let leading = String(text.prefix(while: { $0 == " " }))
        let tokens = tokenize(String(text.dropFirst(leading.count)))
        var lines: [String] = []
        var current = leading
        var currentWidth = leading.count
        var lineHasWords = false
        let pad = String(repeating: " ", count: indent)
        for token in tokens {
            let gap = lineHasWords && token.spaceBefore ? 1 : 0
            if lineHasWords, currentWidth + gap + token.width > width {
                lines.append(current)
                current = pad
                currentWidth = indent
                lineHasWords = false
            }
            if !lineHasWords, currentWidth + token.width > width {
                // Cut an over-long word by characters.
                for ch in token.text {
                    let w = TextWidth.of(ch)
                    if currentWidth + w > width, currentWidth > indent {
                        lines.append(current)
                        current = pad
                        currentWidth = indent
                    }
                    current.append(ch)
                    currentWidth += w
                }
                lineHasWords = true
                continue
            }
            if lineHasWords, gap == 1 { current += " "; currentWidth += 1 }
            current += token.text
            currentWidth += token.width
            lineHasWords = true
        }
        lines.append(current)
        return lines
    }

    /// Splits on spaces; each wide character is a token of its own (breakable on both sides).
    static func tokenize(_ text: String) -> [Token] {
        tokenizePrintableASCII(text) ?? tokenizeCharacters(text)
    }

    /// ``tokenize(_:)`` for any text, a character at a time.
    static func tokenizeCharacters(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var spaceBefore = false
        func flush() {
            if !word.isEmpty {
                tokens.append(Token(text: word, width: TextWidth.of(word), spaceBefore: spaceBefore))
                spaceBefore = false
                word = ""
            }
        }
        for ch in text {
            if ch == " " || ch == "\t" {
                flush()
                spaceBefore = true
            } else if TextWidth.of(ch) == 2 {
                flush()
                tokens.append(Token(text: String(ch), width: 2, spaceBefore: spaceBefore))
                spaceBefore = false
            } else {
                word.append(ch)
            }
        }
        flush()
        return tokens
    }

    /// ``tokenize(_:)`` for text of printable ASCII only (the usual card), by bytes: there
    /// every character is one byte one column wide, and only spaces separate words. Nil for
    /// any other text.
    static func tokenizePrintableASCII(_ text: String) -> [Token]? {
        var tokens: [Token] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var spaceBefore = false
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let byte = utf8[i]
            guard byte >= 0x20, byte < 0x7F else { return nil }
            if byte == 0x20 {
                if start != i {
                    tokens.append(Token(text: String(text[start..<i]), width: utf8.distance(from: start, to: i),
                                        spaceBefore: spaceBefore))
                }
                spaceBefore = true
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if start != i {
            tokens.append(Token(text: String(text[start..<i]), width: utf8.distance(from: start, to: i),
                                spaceBefore: spaceBefore))
        }
        return tokens
    }
}
