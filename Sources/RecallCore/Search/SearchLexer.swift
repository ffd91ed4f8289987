/// Splits a query into tokens: parentheses, `-`, `OR`/`AND` and terms (a word, or a
/// quoted phrase, either of which may be `name:value` with the value quoted).
struct SearchLexer {
    enum Kind: Equatable {
        case open, close, not, or, and
        /// A term's text, unquoted; `quoted` when the whole token was a quoted phrase.
        case term(String, quoted: Bool)
    }

    struct Token: Equatable {
        var kind: Kind
        /// 1-based column of the token's first character.
        var column: Int
    }

    static func tokens(_ query: String) throws(SearchError) -> [Token] {
        let chars = Array(query)
        var out: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            let column = i + 1
            switch c {
            case "(": out.append(Token(kind: .open, column: column)); i += 1
            case ")": out.append(Token(kind: .close, column: column)); i += 1
            case "-" where i + 1 < chars.count && !chars[i + 1].isWhitespace && chars[i + 1] != ")":
                out.append(Token(kind: .not, column: column)); i += 1
            case "-":
                throw SearchError(column: column, "'-' must be followed by a term",
                                  hint: "write -TERM with no space, as in -is:suspended")
            case "\"":
                let text = try quoted(chars, from: &i)
                out.append(Token(kind: .term(text, quoted: true), column: column))
            default:
                let text = try word(chars, from: &i)
                switch text {
                case "OR", "or": out.append(Token(kind: .or, column: column))
                case "AND", "and": out.append(Token(kind: .and, column: column))
                default: out.append(Token(kind: .term(text, quoted: false), column: column))
                }
            }
        }
        return out
    }

    /// A word up to whitespace or a parenthesis; a quote inside (`deck:"A B"`) runs to its
    /// closing quote and is dropped.
    private static func word(_ chars: [Character], from i: inout Int) throws(SearchError) -> String {
        var text = ""
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace || c == "(" || c == ")" { break }
            if c == "\"" {
                text += try quoted(chars, from: &i)
                continue
            }
            text.append(c)
            i += 1
        }
        return text
    }

    /// The text of the quoted string starting at `i` (`\"` and `\\` escaped); leaves `i`
    /// after the closing quote.
    private static func quoted(_ chars: [Character], from i: inout Int) throws(SearchError) -> String {
        let start = i
        var text = ""
        i += 1
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1] == "\"" || chars[i + 1] == "\\" {
                text.append(chars[i + 1])
                i += 2
                continue
            }
            i += 1
            if c == "\"" { return text }
            text.append(c)
        }
        throw SearchError(column: start + 1, "this quote is not closed",
                          hint: "end the phrase with '\"'; write \\\" for a quote inside it")
    }
}
