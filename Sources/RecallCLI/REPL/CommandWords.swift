/// Splits a REPL command line into words as a POSIX shell does: spaces separate words;
/// single quotes keep everything up to the next single quote; double quotes keep spaces, and
/// in them a backslash escapes `"` and `\`; outside quotes a backslash makes the next
/// character literal (`review Spaced\ Repetition`, `review "World Geography"`). Pure.
enum CommandWords {
    /// The words of `line`; an unclosed quote runs to the end of the line.
    static func split(_ line: String) -> [String] {
        let scan = scan(line)
        return scan.words + (scan.last.map { [$0.value] } ?? [])
    }

    /// The word the line ends in, as far as it goes.
    struct PartialWord: Equatable {
        /// The word's text with quotes and escapes removed.
        var value: String
        /// The word as typed (with its quotes and backslashes).
        var raw: String
        /// The quote still open at the end of the line, if any.
        var openQuote: Character?
    }

    /// The finished words of `line` and the word it ends in (nil when it ends in a space).
    static func scan(_ line: String) -> (words: [String], last: PartialWord?) {
        var words: [String] = []
        var current: PartialWord?
        var escaped = false
        for ch in line {
            if escaped {
                // In double quotes a backslash escapes only `"` and `\`; before anything else it stays.
                if current?.openQuote == "\"", ch != "\"", ch != "\\" { current?.value.append("\\") }
                current?.value.append(ch)
                current?.raw.append(ch)
                escaped = false
                continue
            }
            if let q = current?.openQuote {
                current?.raw.append(ch)
                if ch == q {
                    current?.openQuote = nil
                } else if ch == "\\", q == "\"" {
                    escaped = true
                } else {
                    current?.value.append(ch)
                }
                continue
            }
            if ch == " " || ch == "\t" {
                if let word = current { words.append(word.value) }
                current = nil
                continue
            }
            if current == nil { current = PartialWord(value: "", raw: "") }
            current?.raw.append(ch)
            switch ch {
            case "\"", "'": current?.openQuote = ch
            case "\\": escaped = true
            default: current?.value.append(ch)
            }
        }
        // A backslash inside double quotes that escapes nothing stays as typed.
        if escaped, current?.openQuote == "\"" { current?.value.append("\\") }
        return (words, current)
    }

    /// `text` written as one word that ``split(_:)`` reads back as `text`: unchanged when it
    /// needs no quoting, else in double quotes.
    static func quoted(_ text: String) -> String {
        guard text.contains(where: needsQuoting) || text.isEmpty else { return text }
        return inQuote("\"", text, closed: true)
    }

    /// `text` with a backslash before each space, quote and backslash: a word that
    /// ``split(_:)`` reads back as `text` and that more text can follow (a completion that
    /// is not finished yet), with no quote left open.
    static func escaped(_ text: String) -> String {
        var out = ""
        for ch in text {
            if needsQuoting(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// `text` written inside an open `quote` (`"` or `'`), closing it when `closed`.
    static func inQuote(_ quote: Character, _ text: String, closed: Bool) -> String {
        var out = String(quote)
        for ch in text {
            if quote == "\"", ch == "\"" || ch == "\\" {
                out.append("\\")
                out.append(ch)
            } else if quote == "'", ch == "'" {
                out += "'\\''"  // close, an escaped quote, open again
            } else {
                out.append(ch)
            }
        }
        if closed { out.append(quote) }
        return out
    }

    private static func needsQuoting(_ ch: Character) -> Bool {
        ch == " " || ch == "\t" || ch == "\"" || ch == "'" || ch == "\\"
    }
}
