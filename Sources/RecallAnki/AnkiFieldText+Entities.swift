extension AnkiFieldText {
    private static let namedEntities: [Substring: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ndash": "–",
        "mdash": "—", "hellip": "…", "laquo": "«", "raquo": "»", "copy": "©", "reg": "®", "deg": "°",
        "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "times": "×", "divide": "÷", "middot": "·",
    ]

    /// Decodes named (`&amp;`) and numeric (`&#233;`, `&#xE9;`) entities; unknown ones stay.
    static func decodeEntities(_ text: String) -> String {
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
        return namedEntities[name]
    }
}
