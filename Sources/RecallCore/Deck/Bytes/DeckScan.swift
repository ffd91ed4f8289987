/// One pass over a deck file's bytes, eight at a time where they are ASCII: whether there is a
/// NUL byte, where the first invalid UTF-8 sequence is, whether all is ASCII and (when asked)
/// the lines, as ``DeckSource/lines`` holds them.
struct DeckScan {
    var hasNUL = false
    /// Whether there may be control or bidirectional characters (see ``TerminalText``); a
    /// `\r` before a `\n` does not count.
    var mayHaveControls = false
    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    var firstInvalid: Int?
    var isASCII = true
    var lines: [Range<Int>] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, splittingLines: Bool) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        if splittingLines { lines.reserveCapacity(n / 40 + 1) }
        var lineStart = 0
        var i = 0
        while i < n {
            if i + 8 <= n {
                let w = ByteText.word(base, i)
                if w & ByteText.highs == 0 {
                    if (w &- ByteText.ones) & ~w & ByteText.highs != 0 { hasNUL = true; return }
                    // Any byte below 0x20 or equal to 0x7F (then look at each one).
                    if !mayHaveControls,
                       (w &- ByteText.ones &* 0x20) & ~w & ByteText.highs != 0 || ByteText.matches(w, 0x7F) != 0 {
                        for k in i..<(i + 8) where Self.isControl(bytes, at: k) { mayHaveControls = true }
                    }
                    if splittingLines {
                        var breaks = ByteText.matches(w, 0x0A)
                        while breaks != 0 {
                            let k = i + breaks.trailingZeroBitCount / 8
                            endLine(at: k, from: &lineStart, base)
                            breaks &= breaks &- 1
                        }
                    }
                    i += 8
                    continue
                }
            }
            let c = base[i]
            if c < 0x80 {
                if c == 0 { hasNUL = true; return }
                if Self.isControl(bytes, at: i) { mayHaveControls = true }
                if c == 0x0A, splittingLines { endLine(at: i, from: &lineStart, base) }
                i += 1
                continue
            }
            isASCII = false
            guard let length = Self.sequenceLength(bytes, at: i) else {
                // Invalid UTF-8 here; a NUL byte further on still makes it a binary file.
                firstInvalid = i
                hasNUL = ByteText.firstIndex(of: 0, in: bytes, i..<n) != nil
                return
            }
            if c == 0xC2 && base[i + 1] < 0xA0 { mayHaveControls = true }  // U+0080–U+009F
            if c == 0xE2 && TerminalText.isBidiUTF8(base[i + 1], base[i + 2]) { mayHaveControls = true }
            i += length
        }
        if splittingLines, lineStart < n { lines.append(lineStart..<n) }
    }

    /// A line ends at the `\n` at `k` (a `\r` before it is dropped).
    @inline(__always) private mutating func endLine(at k: Int, from start: inout Int, _ base: UnsafePointer<UInt8>) {
        lines.append(start..<((k > start && base[k - 1] == 0x0D) ? k - 1 : k))
        start = k + 1
    }

    /// Whether the ASCII byte at `i` is a control character other than tab, newline and the
    /// `\r` of a `\r\n`.
    @inline(__always) private static func isControl(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let c = b[i]
        guard c < 0x20 || c == 0x7F else { return false }
        if c == 0x09 || c == 0x0A { return false }
        return !(c == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A)
    }

    /// The length of the valid multi-byte UTF-8 sequence starting at `i`, if it is one.
    private static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch b[i] {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return nil
        }
        guard i + length <= b.count else { return nil }
        if b[i + 1] < lower || b[i + 1] > upper { return nil }
        for k in 2..<length where b[i + k] & 0xC0 != 0x80 { return nil }
        return length
    }
}
