/// A query that cannot be parsed: what is wrong, where (1-based column in the query, in
/// characters) and a hint.
public struct SearchError: Error, Hashable, Sendable {
    public var column: Int
    public var message: String
    public var hint: String?

    public init(column: Int, _ message: String, hint: String? = nil) {
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// The message with its column, the query and a caret under the column:
    /// `query column 4: …`, then `  QUERY`, then `  ^`.
    public func rendered(query: String) -> String {
        let shown = TerminalText.sanitized(query, keepingNewlines: false)
        return "query column \(column): \(message)\n  \(shown)\n  "
            + String(repeating: " ", count: max(0, column - 1)) + "^"
    }
}
