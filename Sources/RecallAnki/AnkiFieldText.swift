import RecallCore
/// Turns the HTML of an Anki field into terminal text.
///
/// Media references stay as text a user can open: `<img src="a.jpg">` becomes
/// `[image: media/a.jpg]` and `[sound:b.mp3]` becomes `[sound: media/b.mp3]`; the names used
/// are collected in ``media``. Tags are dropped, `<br>` and block ends become newlines, list
/// items get `- `, entities are decoded and runs of whitespace collapse as in a browser.
struct AnkiFieldText {
    /// Media file names referenced so far (as written in the field, entities decoded).
    var media: Set<String> = []

    private static let blockTags: Set<Substring> = [
        "p", "div", "ul", "ol", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "hr",
    ]

    /// The folder, relative to the collection, that media files are extracted into.
    static let mediaFolder = "media"

    /// The file name a media reference is stored under: path separators, control characters
    /// (a NUL would cut the path short) and a leading dot are replaced so that a name can
    /// never leave the media folder, and a long name is shortened before its extension to
    /// at most ``longestName`` bytes.
    static func safeName(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            scalars.append(scalar == "/" || scalar == "\\" || AnkiCleanText.isControl(scalar) ? "_" : scalar)
        }
        var safe = String(scalars)
        if safe.hasPrefix(".") { safe = "_" + safe.dropFirst() }
        if safe.utf8.count > longestName {
            let dot = safe.lastIndex(of: ".").map { safe[$0...] } ?? ""
            let ext = dot.utf8.count <= 16 ? String(dot) : ""
            var stem = String(safe.dropLast(ext.count))
            while stem.utf8.count + ext.utf8.count > longestName { stem.removeLast() }
            safe = stem + ext
        }
        return safe.isEmpty ? "_" : safe
    }

    /// Bytes a media file name may have (most file systems allow 255; a temporary suffix
    /// needs room).
    static let longestName = 200

    mutating func render(_ html: String) -> String {
        var out = ""
        var text = ""
        var rest = Substring(html)
        func flush() {
            out += Self.collapse(HTMLText.decodeEntities(text))
            text = ""
        }
        while let open = rest.firstIndex(where: { $0 == "<" || $0 == "[" }) {
            text += rest[..<open]
            if rest[open] == "[" {
                if let (name, after) = Self.sound(rest[open...]) {
                    text += "[sound: \(reference(name))]"
                    rest = after
                } else {
                    text += "["
                    rest = rest[rest.index(after: open)...]
                }
                continue
            }
            // As in a browser, `<` starts a tag only before a letter, `/` or `!`; else it is
            // text (`3 < 5`), and so is a `<` that no `>` closes.
            let next = rest.index(after: open)
            guard next < rest.endIndex, rest[next].isLetter || rest[next] == "/" || rest[next] == "!",
                  let close = rest[next...].firstIndex(of: ">") else {
                text += "<"
                rest = rest[next...]
                continue
            }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let closing = tag.first == "/"
            let name = Self.tagName(tag)
            if name == "script" || name == "style", !closing {
                if let end = rest.firstRange(of: "</\(name)"),
                   let gt = rest[end.upperBound...].firstIndex(of: ">") {
                    rest = rest[rest.index(after: gt)...]
                }
            } else if name == "img", let src = HTMLText.attribute("src", in: tag) {
                text += "[image: \(reference(HTMLText.decodeEntities(String(src))))]"
            } else if name == "br" || Self.blockTags.contains(Substring(name)) {
                flush()
                if name == "br" || !(out.isEmpty || out.hasSuffix("\n")) { out += "\n" }
                if name == "li", !closing { out += "- " }
            }
        }
        text += rest
        flush()
        return Self.tidy(out)
    }

    private mutating func reference(_ name: String) -> String {
        media.insert(name)
        return "\(Self.mediaFolder)/\(Self.safeName(name))"
    }

    /// `[sound:name]` at the start of `text`: the name and what follows.
    private static func sound(_ text: Substring) -> (String, Substring)? {
        guard text.hasPrefix("[sound:"), let end = text.firstIndex(of: "]") else { return nil }
        let name = text[text.index(text.startIndex, offsetBy: 7)..<end]
        guard !name.isEmpty, !name.contains("\n") else { return nil }
        return (String(name), text[text.index(after: end)...])
    }

    private static func tagName(_ tag: Substring) -> String {
        let body = tag.first == "/" ? tag.dropFirst() : tag
        return String(body.prefix(while: { $0.isLetter || $0.isNumber })).lowercased()
    }

    private static func collapse(_ text: String) -> String {
        var out = ""
        var space = false
        for ch in text {
            if ch == " " || ch == "\n" || ch == "\t" || ch == "\r" || ch == "\r\n" {
                space = true
            } else {
                if space { out.append(" ") }
                space = false
                out.append(ch == "\u{A0}" ? " " : ch)
            }
        }
        if space { out.append(" ") }
        return out
    }

    /// Trims each line, drops blank lines at both ends and collapses runs of blank lines.
    private static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()
            let t = Substring(String(trimmed))
            if t.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(t)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
