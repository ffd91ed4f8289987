/// When byte-level parsing gives exactly what `Character`-level parsing gives.
///
/// The parsers look at ASCII bytes (spaces, `:`, `#`, `-`, digits, quotes). Swift's `Character`
/// view of the same text agrees with those byte decisions as long as every ASCII byte is a
/// `Character` of its own: not joined to a following combining mark (`" \u{301}"` is one
/// `Character`) nor to a preceding prepended mark (`"\u{600} "` is one). ``charactersAreBytes``
/// checks that conservatively; where it fails, the parsers use their `String`-based path.
extension ByteText {
    /// `true` when every ASCII byte in `range` stands alone as a `Character` (see above).
    /// May say `false` for text that would be fine; never says `true` for text that is not.
    static func charactersAreBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        let end = range.upperBound
        guard let base = bytes.baseAddress else { return true }
        while i < end {
            if i + 8 <= end,
               UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let lead = base[i]
            if lead < 0x80 { i += 1; continue }
            let (scalar, length) = decode(base, at: i, end: end)
            let asciiBefore = i > range.lowerBound && base[i - 1] < 0x80
            let asciiAfter = i + length < end && base[i + length] < 0x80
            if asciiBefore || asciiAfter, !isInert(scalar) { return false }
            i += length
        }
        return true
    }

    /// `true` when the bytes in `range` are all ASCII.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < range.upperBound {
            if base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// The scalar starting at `i` in valid UTF-8 (a truncated sequence counts as one bad scalar).
    private static func decode(_ base: UnsafePointer<UInt8>, at i: Int, end: Int) -> (UInt32, Int) {
        let lead = UInt32(base[i])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard i + length <= end else { return (0xFFFF_FFFF, end - i) }
        var value = lead & (0x7F >> UInt32(length))
        for k in 1..<length { value = value << 6 | UInt32(base[i + k] & 0x3F) }
        return (value, length)
    }

    /// Scalars that never join an ASCII neighbour into one `Character`: their grapheme break
    /// property is neither Extend, SpacingMark, ZWJ nor Prepend. A short list of common
    /// blocks (Latin, Greek, Cyrillic, Armenian, Hebrew and Arabic letters, punctuation,
    /// symbols, CJK, kana, Hangul syllables, emoji without modifiers), not all of Unicode.
    static func isInert(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x00A0...0x02FF, 0x0370...0x0482, 0x048A...0x058F, 0x05D0...0x05F4, 0x0620...0x064A,
             0x2010...0x2027, 0x2030...0x205F, 0x20A0...0x20CF, 0x2100...0x2BFF,
             0x2E80...0x3029, 0x3030...0x3098, 0x309B...0xA66E, 0xAC00...0xD7A3, 0xFF01...0xFF9D,
             0x1F300...0x1F3FA, 0x1F400...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF:
            return true
        default:
            return false
        }
    }
}
