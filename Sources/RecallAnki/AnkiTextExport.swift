import RecallCore

/// Writes notes as a text file that Anki's File > Import reads as-is: tab-separated, HTML
/// fields, and header lines naming the separator and the note-type, tags and deck columns.
/// Notes from Markdown decks are rendered to HTML (``AnkiMarkdownHTML``); other notes are
/// plain text (`&`, `<`, `>` escaped, newlines as `<br>`).
///
/// Columns: note type (`Basic`, `Basic (and reversed card)` or `Cloze`), the two fields
/// (Front/Back, or Text/Back Extra), tags separated by spaces, and the full deck name.
public enum AnkiTextExport {
    /// The header lines every exported file starts with.
    public static let header = """
        #separator:tab
        #html:true
        #notetype column:1
        #tags column:4
        #deck column:5

        """

    /// A note to export and whether its text is Markdown (it comes from a `.md` deck).
    public struct Item: Sendable {
        public var note: DeckNote
        public var isMarkdown: Bool
        public init(note: DeckNote, isMarkdown: Bool) {
            self.note = note
            self.isMarkdown = isMarkdown
        }
    }

    /// The whole file for `notes` (plain text), in order.
    public static func render(_ notes: [DeckNote]) -> String {
        render(notes.map { Item(note: $0, isMarkdown: false) })
    }

    /// The whole file for `items`, in order.
    public static func render(_ items: [Item]) -> String {
        var out = header
        for item in items {
            let note = item.note
            let (type, first, second) = fields(note.content)
            let field = item.isMarkdown ? AnkiMarkdownHTML.render : html
            let row = [type, field(first), second.isEmpty ? "" : field(second), note.tags.joined(separator: " "), note.deck]
            out += row.map(quoted).joined(separator: "\t") + "\n"
        }
        return out
    }

    private static func fields(_ content: DeckNote.Content) -> (String, String, String) {
        switch content {
        case let .basic(q, a): return ("Basic", q, a)
        case let .twoWay(q, a): return ("Basic (and reversed card)", q, a)
        case let .cloze(text): return ("Cloze", text.raw, "")
        }
    }

    /// `text` as an HTML field: `&`, `<` and `>` escaped and line breaks as `<br>`.
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\r\n", "\r": out += "<br>"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Puts a field holding a tab or a double quote in double quotes (quotes doubled).
    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "\t" || $0 == "\"" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
