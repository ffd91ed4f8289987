/// ANSI SGR styles (colour and weight) and the helpers to apply and remove them.
enum ANSIStyle: String, Sendable {
    case bold = "1", dim = "2", underline = "4"
    case red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36"
    case gray = "90"
    /// Red background: marks characters that are missing or wrong in a typed answer.
    case redBackground = "41"
    /// Green background.
    case greenBackground = "42"

    /// Wraps `text` in the escape sequences for `styles` (and a reset after it).
    static func apply(_ styles: [ANSIStyle], to text: String) -> String {
        guard !styles.isEmpty, !text.isEmpty else { return text }
        return "\u{1B}[" + styles.map(\.rawValue).joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }

    /// Removes every `ESC [ … letter` sequence (and stray BEL characters) from `text`.
    static func strip(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var iterator = text.unicodeScalars.makeIterator()
        while let s = iterator.next() {
            if s == "\u{07}" { continue }
            guard s == "\u{1B}" else { out.unicodeScalars.append(s); continue }
            guard let next = iterator.next() else { break }
            if next != "[" { continue }
            while let c = iterator.next(), !(0x40...0x7E).contains(c.value) {}
        }
        return out
    }
}
