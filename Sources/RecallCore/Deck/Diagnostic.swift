/// A problem found in the user's files, with its location and hints.
///
/// Rendered in one place (``Diagnostic/rendered``) as
/// `file:line[:column]: error|warning|note: message` followed by one `note: hint` line per hint.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        /// Information only: nothing is wrong (a carried edit, say).
        case note
        case warning, error
        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    /// `nil` when the problem has no file location (the renderer then prints `recall:`).
    public var location: SourceLocation?
    /// 1-based column, when known.
    public var column: Int?
    /// Lower-case start, no final period; the user's text in quotes.
    public var message: String
    /// What to do about it, one sentence per entry.
    public var notes: [String]

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?,
                column: Int? = nil, notes: [String] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.column = column
        self.notes = notes
    }

    public static func error(_ message: String, at location: SourceLocation?, column: Int? = nil,
                             notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location, column: column, notes: notes)
    }

    public static func note(_ message: String, at location: SourceLocation?, column: Int? = nil,
                            notes: [String] = []) -> Diagnostic {
        Diagnostic(.note, message, at: location, column: column, notes: notes)
    }

    public static func warning(_ message: String, at location: SourceLocation?, column: Int? = nil,
                               notes: [String] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: location, column: column, notes: notes)
    }

    /// The first line: `file:line[:col]: severity: message` (or `recall: severity: message`).
    public var headline: String {
        let place: String
        if let location {
            place = column.map { "\(location):\($0)" } ?? location.description
        } else {
            place = "recall"
        }
        return "\(place): \(severity.rawValue): \(message)"
    }

    /// The headline plus one `note:` line per hint, joined by newlines.
    public var rendered: String {
        ([headline] + notes.map { "note: \($0)" }).joined(separator: "\n")
    }

    public var description: String { rendered }
}
