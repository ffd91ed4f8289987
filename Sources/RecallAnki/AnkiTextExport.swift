import RecallCore

/// Writes notes as a text file that Anki's File > Import reads as-is: tab-separated, HTML
/// fields (`&`, `<`, `>` escaped, newlines as `<br>`), and header lines naming the separator
/// and the note-type, tags and deck columns.
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

    /// The whole file for `notes`, in order.
    public static func render(_ notes: [DeckNote]) -> String {
        var out = header
        for note in notes {
            let (type, first, second) = fields(note.content)
            let row = [type, html(first), html(second), note.tags.joined(separator: " "), note.deck]
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
