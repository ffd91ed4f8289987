/// Renders the HTML of Anki fields as plain terminal text: tags are stripped, entities
/// decoded, `<br>` and block ends become newlines, list items get `- `, and `<script>` and
/// `<style>` contents are dropped. Whitespace is collapsed as a browser would.
public enum HTMLText {
    private static let blockTags: Set<String> = [
        "p", "div", "ul", "ol", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote",
    ]

    static func render(_ html: String) -> String {
        guard html.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 }) else {
            return CardText.normalize(collapse(html))
        }
        var out = ""
        var text = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            text += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let name = tagName(tag)
            if name == "script" || name == "style", !tag.hasPrefix("/") {
                if let end = rest.firstRange(of: "</\(name)") {
                    rest = rest[end.upperBound...]
                    if let gt = rest.firstIndex(of: ">") { rest = rest[rest.index(after: gt)...] }
                }
                continue
            }
            if name == "br" || blockTags.contains(name) {
                out += collapse(decodeEntities(text))
                text = ""
                if name == "br" || !(out.isEmpty || out.hasSuffix("\n")) { out += "\n" }
                if name == "li", !tag.hasPrefix("/") { out += "- " }
            }
        }
        text += rest
        out += collapse(decodeEntities(text))
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map { CardText.trim($0) }
        return CardText.join(lines).replacingNonBreakingSpaces()
    }

    private static func tagName(_ tag: Substring) -> String {
        var body = tag
        if body.first == "/" { body = body.dropFirst() }
        return String(body.prefix(while: { $0.isLetter || $0.isNumber })).lowercased()
    }

    /// Runs of whitespace (newlines included) become one space, as in HTML.
    private static func collapse(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var space = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" {
                space = true
            } else {
                if space { out.append(" ") }
                space = false
                out.unicodeScalars.append(scalar)
            }
        }
        if space { out.append(" ") }
        return out
    }

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "ndash": "–", "mdash": "—", "hellip": "…", "laquo": "«", "raquo": "»", "copy": "©",
        "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "times": "×", "deg": "°",
        "reg": "®", "divide": "÷", "middot": "·",
    ]

    /// The value of `name="…"`, `name='…'` or `name=…` inside a tag.
    public static func attribute(_ name: String, in tag: Substring) -> Substring? {
        var rest = tag
        while let range = rest.range(of: name, options: .caseInsensitive) {
            var after = rest[range.upperBound...].drop(while: { $0 == " " })
            let before = range.lowerBound == rest.startIndex ? " " : rest[rest.index(before: range.lowerBound)]
            rest = rest[range.upperBound...]
            guard before == " " || before == "\t" || before == "\n", after.first == "=" else { continue }
            after = after.dropFirst().drop(while: { $0 == " " })
            if let quote = after.first, quote == "\"" || quote == "'" {
                return after.dropFirst().prefix(while: { $0 != quote })
            }
            return after.prefix(while: { $0 != " " && $0 != "/" && $0 != ">" })
        }
        return nil
    }

    /// Decodes named (`&amp;`) and numeric (`&#233;`, `&#xE9;`) entities; unknown ones stay.
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            let name = after.prefix(while: { $0 != ";" && $0 != "&" && $0 != " " }).prefix(12)
            if name.endIndex < after.endIndex, after[name.endIndex] == ";", let value = entity(name) {
                out += value
                rest = after[after.index(after: name.endIndex)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    private static func entity(_ name: Substring) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        return named[String(name)]
    }
}

extension String {
    fileprivate func replacingNonBreakingSpaces() -> String {
        guard unicodeScalars.contains("\u{A0}") else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{A0}" ? " " : $0 }))
    }
}
