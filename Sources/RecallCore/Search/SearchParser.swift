/// Parses a query (`docs/search.md`) into a ``SearchQuery``.
///
/// `query := or`, `or := and ("OR" and)*`, `and := unary ("AND"? unary)*`,
/// `unary := "-" unary | "(" or ")" | term`.
public enum SearchParser {
    /// The query in `text`; the empty query (only spaces) is ``SearchQuery/all``.
    public static func parse(_ text: String) throws(SearchError) -> SearchQuery {
        var parser = Parser(tokens: try SearchLexer.tokens(text), end: text.count + 1)
        guard !parser.tokens.isEmpty else { return .all }
        let query = try parser.or()
        if let extra = parser.peek {
            throw SearchError(column: extra.column, "')' without a matching '('",
                              hint: "remove it, or add the '(' it closes")
        }
        return query
    }

    private struct Parser {
        let tokens: [SearchLexer.Token]
        /// The column just past the query, for errors at its end.
        let end: Int
        var position = 0

        init(tokens: [SearchLexer.Token], end: Int) {
            self.tokens = tokens
            self.end = end
        }

        var peek: SearchLexer.Token? { position < tokens.count ? tokens[position] : nil }

        mutating func or() throws(SearchError) -> SearchQuery {
            var parts = [try and()]
            while let t = peek, t.kind == .or {
                position += 1
                guard let next = peek, startsTerm(next) else {
                    throw SearchError(column: t.column, "'OR' needs a term on each side",
                                      hint: "as in deck:Swift OR deck:Geography")
                }
                parts.append(try and())
            }
            return parts.count == 1 ? parts[0] : .or(parts)
        }

        mutating func and() throws(SearchError) -> SearchQuery {
            guard let first = peek else {
                throw SearchError(column: end, "the query ends where a term was expected")
            }
            if first.kind == .or || first.kind == .and {
                throw SearchError(column: first.column, "'\(first.kind == .or ? "OR" : "AND")' needs a term on each side",
                                  hint: "as in deck:Swift OR deck:Geography")
            }
            var parts = [try unary()]
            while let t = peek {
                if t.kind == .and {
                    position += 1
                    guard let next = peek, startsTerm(next) else {
                        throw SearchError(column: t.column, "'AND' needs a term on each side",
                                          hint: "terms side by side must all match; 'AND' may be left out")
                    }
                    continue
                }
                guard startsTerm(t) else { break }
                parts.append(try unary())
            }
            if parts.count == 1 { return parts[0] }
            // Ids side by side (as `--ids` output reaches `xargs`) select any of them: a card
            // has only one id, so "all of them" could never match.
            let onlyIDs = parts.allSatisfy { if case .term(.cardID) = $0 { true } else { false } }
            return onlyIDs ? .or(parts) : .and(parts)
        }

        func startsTerm(_ t: SearchLexer.Token) -> Bool {
            switch t.kind {
            case .open, .not, .term: true
            case .close, .or, .and: false
            }
        }

        mutating func unary() throws(SearchError) -> SearchQuery {
            guard let t = peek else { throw SearchError(column: end, "the query ends where a term was expected") }
            position += 1
            switch t.kind {
            case .not:
                guard let next = peek, startsTerm(next) else {
                    throw SearchError(column: t.column, "'-' must be followed by a term",
                                      hint: "write -TERM with no space, as in -is:suspended")
                }
                return .not(try unary())
            case .open:
                if let next = peek, next.kind == .close {
                    throw SearchError(column: t.column, "'()' holds no term", hint: "put terms inside, or remove it")
                }
                let inner = try or()
                guard let close = peek, close.kind == .close else {
                    throw SearchError(column: t.column, "this '(' is not closed", hint: "add a ')' after the terms it groups")
                }
                position += 1
                return inner
            case .term(let text, let quoted):
                return .term(try SearchTermParser.parse(text, quoted: quoted, column: t.column))
            case .close:
                throw SearchError(column: t.column, "')' without a matching '('",
                                  hint: "remove it, or add the '(' it closes")
            case .or, .and:
                throw SearchError(column: t.column, "'\(t.kind == .or ? "OR" : "AND")' needs a term on each side")
            }
        }
    }
}
