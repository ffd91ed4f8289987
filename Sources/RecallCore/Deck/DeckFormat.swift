/// The deck file formats Recall reads, chosen by file extension.
public enum DeckFormat: Hashable, Sendable {
    /// `.txt`: question/answer blocks separated by lines holding only `-`.
    case plain
    /// `.md`: `Q:`/`A:` blocks, `::` and `:::` one-liners, cloze deletions, heading sub-decks.
    case markdown
    /// `.tsv`, `.csv`: delimited text with Anki's `#key:value` header lines.
    /// `defaultSeparator` is used when the file has no `#separator:` header
    /// (`nil`: guess from the first row, as Anki does).
    case delimited(defaultSeparator: UInt8?)

    /// Deck file extensions (lower-case, without the dot), in the order shown to users.
    public static let supportedExtensions = ["txt", "md", "tsv", "csv"]

    /// The format for a file extension (any case, without the dot); `nil` if unsupported.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "txt": self = .plain
        case "md", "markdown": self = .markdown
        case "tsv", "tab": self = .delimited(defaultSeparator: 0x09)
        case "csv": self = .delimited(defaultSeparator: nil)
        default: return nil
        }
    }
}
