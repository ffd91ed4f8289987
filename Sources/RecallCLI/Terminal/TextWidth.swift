/// Display width of text in terminal columns, as a monospace terminal draws it.
///
/// Measured per grapheme cluster (Swift `Character`): East Asian wide and full-width
/// characters and emoji take 2 columns, combining marks ride on their base character,
/// control and zero-width format characters take 0, everything else 1. ANSI escape
/// sequences (`ESC [ … letter`) take no room.
enum TextWidth {
    /// Columns needed to draw `text`, ignoring ANSI escape sequences.
    static func of(_ text: some StringProtocol) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }  // printable ASCII
        var total = 0
        var inEscape = false
        var sawBracket = false
        for ch in text {
            if inEscape {
                if !sawBracket {
                    sawBracket = true
                    if ch != "[" { inEscape = false }
                } else if ch.isASCII, let v = ch.asciiValue, (0x40...0x7e).contains(v) {
                    inEscape = false
                }
                continue
            }
            if ch == "\u{1B}" { inEscape = true; sawBracket = false; continue }
            total += of(ch)
        }
        return total
    }

    /// Columns needed for one grapheme cluster.
    static func of(_ ch: Character) -> Int {
        if let ascii = ch.asciiValue { return ascii < 0x20 || ascii == 0x7F ? 0 : 1 }
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let v = first.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if first.properties.isEmojiPresentation { return 2 }
        if first.properties.isEmoji, scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return isWide(v) ? 2 : 1
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks, plus the emoji pictograph planes.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E,
             0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
             0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1B000...0x1B2FF,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Pads `text` with spaces on the right to `width` columns (never truncates).
    static func padded(_ text: String, to width: Int) -> String {
        let w = of(text)
        return w >= width ? text : text + String(repeating: " ", count: width - w)
    }
}
