/// Eight bytes at a time: the scans the parsers run over every byte of a deck.
extension ByteText {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The eight bytes at `base + i` as one little-endian word (byte `i` lowest).
    @inline(__always) static func word(_ base: UnsafePointer<UInt8>, _ i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
    }

    /// `0x80` in each byte of `word` that equals `byte`, `0` in the others (exact: no carries
    /// between bytes).
    @inline(__always) static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return ~(((x & lows) &+ lows) | x | lows)
    }

    /// `0x80` in each byte of `word` below `limit` (at most `0x80`), `0` in the others.
    @inline(__always) static func below(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        ~(((word & lows) &+ ones &* UInt64(0x80 - limit)) | word | lows)
    }

    /// The offset of the first byte in `range` that is `a`, `b` or `c`.
    static func firstIndex(of a: UInt8, or b: UInt8, or c: UInt8, in bytes: UnsafeBufferPointer<UInt8>,
                           _ range: Range<Int>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var i = range.lowerBound
        let end = range.upperBound
        while i + 8 <= end {
            let w = word(base, i)
            let found = matches(w, a) | matches(w, b) | matches(w, c)
            if found != 0 { return i + found.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < end {
            if base[i] == a || base[i] == b || base[i] == c { return i }
            i += 1
        }
        return nil
    }

    /// The offset of the first byte in `range` that is `a` or `b`.
    static func firstIndex(of a: UInt8, or b: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var i = range.lowerBound
        let end = range.upperBound
        while i + 8 <= end {
            let w = word(base, i)
            let found = matches(w, a) | matches(w, b)
            if found != 0 { return i + found.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < end {
            if base[i] == a || base[i] == b { return i }
            i += 1
        }
        return nil
    }

    /// The offset of the first `byte` in `range`.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        firstIndex(of: byte, or: byte, in: bytes, range)
    }
}
