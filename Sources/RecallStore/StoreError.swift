import RecallCore

/// A problem with a progress file or the file system, with the path involved.
///
/// Rendered like the deck diagnostics: `path:line: error: reason` (when the problem is on a
/// line of a file) or `recall: error: reason` otherwise, followed by a `note:` line per hint.
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file or folder involved, as given to the store.
    public var path: String
    /// 1-based line in ``path`` when the problem is on one line of a text file.
    public var line: Int?
    /// What went wrong: lower-case start, no final period.
    public var reason: String
    /// What to do about it.
    public var notes: [String]

    public init(path: String, line: Int? = nil, reason: String, notes: [String] = []) {
        self.path = path
        self.line = line
        self.reason = reason
        self.notes = notes
    }

    /// The same problem as a ``Diagnostic`` (no location when there is no line).
    public var diagnostic: Diagnostic {
        .error(reason, at: line.map { SourceLocation(file: path, line: $0) }, notes: notes)
    }

    public var description: String { diagnostic.rendered }

    /// A failed system call on `path`, with the C error text.
    static func system(_ what: String, path: String, errno code: Int32) -> StoreError {
        StoreError(path: path, reason: "cannot \(what) '\(path)': \(errorText(code))")
    }
}

/// `strerror` text for an errno value.
func errorText(_ code: Int32) -> String {
    #if canImport(Glibc)
    return String(cString: strerror(code))
    #else
    return String(cString: strerror(code))
    #endif
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
