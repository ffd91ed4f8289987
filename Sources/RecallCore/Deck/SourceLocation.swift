/// Where something came from in the user's files. `line` is 1-based; `file` is the path as
/// the caller named it (relative to the collection folder for decks).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`, the compiler-style form used in messages and `--json` output.
    public var description: String { "\(file):\(line)" }
}
