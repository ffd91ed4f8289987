/// Byte-level normalising hash for ASCII text, used by ``CardID/init(fields:)`` and
/// ``Card/makeID(questionSide:kind:)``.
enum CardIDFastPath {
    /// Hashes `bytes` as ``CardID/normalize(_:)`` would (lower-cased, whitespace runs as one
    /// space, trimmed), length first; `false` without touching `hasher` when not all ASCII.
    static func combineNormalizedASCII(_ bytes: UnsafeBufferPointer<UInt8>, into hasher: inout StableHasher) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            hasher.combine(UInt64(0))
            return true
        }
        let count = bytes.count
        var value = hasher.value
        switch shape(base, count) {
        case .notASCII:
            return false
        case .normalizedButCase:
            value = StableHasher.mixWord(value, UInt64(count))
            for i in 0..<count { value = StableHasher.mixByte(value, lowercased(base[i])) }
        case .other:
            value = StableHasher.mixWord(value, UInt64(normalizedLength(base, count)))
            var written = false
            var pendingSpace = false
            for i in 0..<count {
                let byte = base[i]
                if isSpace(byte) {
                    pendingSpace = written
                    continue
                }
                if pendingSpace {
                    value = StableHasher.mixByte(value, 0x20)
                    pendingSpace = false
                }
                value = StableHasher.mixByte(value, lowercased(byte))
                written = true
            }
        }
        hasher = StableHasher(value: value)
        return true
    }

    private enum Shape {
        case notASCII
        /// Single spaces between words, none at either end, no other control characters:
        /// normalising only lower-cases it.
        case normalizedButCase
        case other
    }

    /// What normalising would do to the bytes, eight at a time.
    private static func shape(_ base: UnsafePointer<UInt8>, _ count: Int) -> Shape {
        var all: UInt8 = 0
        var other = base[0] == 0x20 || base[count - 1] == 0x20
        var previousSpace = false
        var i = 0
        while i + 8 <= count {
            let w = ByteText.word(base, i)
            let spaces = ByteText.matches(w, 0x20)
            let controls = ByteText.below(w, 0x20)
            if w & ByteText.highs != 0 { return .notASCII }
            if controls != 0 || spaces & (spaces << 8) != 0 || (previousSpace && spaces & 0x80 != 0) { other = true }
            previousSpace = spaces >> 63 != 0
            i += 8
        }
        while i < count {
            let byte = base[i]
            all |= byte
            let space = byte == 0x20
            if byte < 0x20 || (space && previousSpace) { other = true }
            previousSpace = space
            i += 1
        }
        if all >= 0x80 { return .notASCII }
        return other ? .other : .normalizedButCase
    }

    /// Hashes `text` as ``CardID/init(fields:)`` hashes one field.
    static func combineNormalized(_ text: String, into hasher: inout StableHasher) {
        let done = text.utf8.withContiguousStorageIfAvailable { combineNormalizedASCII($0, into: &hasher) }
        switch done {
        case true?: return
        case false?: CardID.combineNormalized(general: text, into: &hasher)
        case nil:
            var copy = text
            copy.makeContiguousUTF8()
            combineNormalized(copy, into: &hasher)
        }
    }

    /// A one-byte field such as `"q"`, which needs no normalising.
    static func combineTag(_ tag: UInt8, into hasher: inout StableHasher) {
        hasher = StableHasher(value: StableHasher.mixByte(StableHasher.mixWord(hasher.value, 1), UInt64(tag)))
    }

    /// The length of `CardID.normalize` of ASCII bytes.
    private static func normalizedLength(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var length = 0
        var pendingSpace = false
        for i in 0..<count {
            if isSpace(base[i]) {
                pendingSpace = length > 0
            } else {
                length += pendingSpace ? 2 : 1
                pendingSpace = false
            }
        }
        return length
    }

    @inline(__always) private static func lowercased(_ byte: UInt8) -> UInt64 {
        UInt64(byte &- 0x41 < 26 ? byte | 0x20 : byte)
    }

    @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
