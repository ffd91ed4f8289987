/// The one sanitizer for untrusted text (card fields, deck and file names, tags, quoted text
/// in messages) on its way to a terminal.
///
/// A shared deck can hold escape sequences that set the window title, write the clipboard or
/// clear the screen, and bidirectional overrides that make text read differently from what it
/// is. Before any such text is printed, C0 and C1 control characters other than tab and
/// newline are replaced by a visible stand-in (`␛` for ESC, `␍` for a carriage return, `�` for
/// a C1 control) and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) are dropped. Recall's own styling is added after this, never before.
public enum TerminalText {
    /// `text` safe to print: see the type's documentation. With `keepingNewlines` false a
    /// newline is shown as `␊` too (for one-line values such as deck and file names).
    public static func sanitized(_ text: String, keepingNewlines: Bool = true) -> String {
        guard needsSanitizing(text, keepingNewlines: keepingNewlines) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch kind(of: scalar) {
            case nil: out.append(scalar)
            case .newline?: out.append(keepingNewlines ? scalar : visible(scalar))
            case .control?: out.append(visible(scalar))
            case .bidi?: continue
            }
        }
        return String(out)
    }

    /// Whether ``sanitized(_:keepingNewlines:)`` would change `text` (a quick pass over the
    /// UTF-8 bytes; most text needs nothing).
    public static func needsSanitizing(_ text: String, keepingNewlines: Bool = true) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for (i, b) in bytes.enumerated() {
                if b < 0x20 {
                    if b == 0x09 || (b == 0x0A && keepingNewlines) { continue }
                    return true
                }
                if b == 0x7F { return true }
                if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] < 0xA0 { return true }  // U+0080–U+009F
                if b == 0xE2, i + 2 < bytes.count, isBidiUTF8(bytes[i + 1], bytes[i + 2]) { return true }
            }
            return false
        }
    }

    /// What sanitizing does to a scalar.
    public enum Kind: Sendable {
        /// `\n`: kept in text, shown as `␊` in one-line values.
        case newline
        /// A C0 or C1 control other than tab and newline (DEL included): shown visibly.
        case control
        /// A bidirectional embedding, override or isolate: dropped.
        case bidi
    }

    /// The kind of `scalar`, or nil when it is printed as it is.
    public static func kind(of scalar: Unicode.Scalar) -> Kind? {
        switch scalar.value {
        case 0x0A: return .newline
        case 0x09: return nil
        case 0x00...0x1F, 0x7F...0x9F: return .control
        case 0x202A...0x202E, 0x2066...0x2069: return .bidi
        default: return nil
        }
    }

    /// The stand-in shown for a control character: its Unicode control picture (`␛` for
    /// ESC, `␡` for DEL), or `�` for a C1 control, which has none.
    public static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x00...0x1F: return Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
        case 0x7F: return "\u{2421}"
        default: return "\u{FFFD}"
        }
    }

    /// A name for a control or bidirectional character, for messages: `U+001B (escape)`.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let names: [UInt32: String] = [
            0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed", 0x0D: "carriage return",
            0x1B: "escape", 0x7F: "delete", 0x9B: "control sequence introducer", 0x9D: "operating system command",
            0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding", 0x202C: "pop directional formatting",
            0x202D: "left-to-right override", 0x202E: "right-to-left override", 0x2066: "left-to-right isolate",
            0x2067: "right-to-left isolate", 0x2068: "first strong isolate", 0x2069: "pop directional isolate",
        ]
        return names[scalar.value].map { "\(code) (\($0))" } ?? code
    }

    /// U+202A–U+202E (`E2 80 AA`–`AE`) or U+2066–U+2069 (`E2 81 A6`–`A9`), from the two
    /// bytes after `E2`.
    @inline(__always) static func isBidiUTF8(_ b1: UInt8, _ b2: UInt8) -> Bool {
        (b1 == 0x80 && (0xAA...0xAE).contains(b2)) || (b1 == 0x81 && (0xA6...0xA9).contains(b2))
    }
}
