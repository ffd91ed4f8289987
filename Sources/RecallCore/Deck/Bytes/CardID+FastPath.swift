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
        switch hashNormalizedButCase(base, bytes.count, hasher.value) {
        case .notASCII: return false
        case .hashed(let value):
            hasher = StableHasher(value: value)
            return true
        case .other:
            hasher = StableHasher(value: hashOther(base, bytes.count, hasher.value))
            return true
        }
    }

    private enum Outcome {
        case notASCII
        case hashed(UInt64)
        /// ASCII, but normalising would change more than case.
        case other
    }

    /// Hashes text that normalising only lower-cases (single spaces between words, none at
    /// either end, no control characters), eight bytes at a time; says so when it is not.
    private static func hashNormalizedButCase(_ base: UnsafePointer<UInt8>, _ count: Int, _ seed: UInt64) -> Outcome {
        var state = WordState(value: StableHasher.mixWord(seed, UInt64(count)))
        state.other = base[0] == 0x20 || base[count - 1] == 0x20
        var i = 0
        while i + 8 <= count {
            guard state.take(ByteText.word(base, i), 8) else { return .notASCII }
            i += 8
        }
        let tail = count - i
        if tail > 0, count >= 8 {
            // The last eight bytes, shifted so that only the ones not yet read are left.
            guard state.take(ByteText.word(base, count - 8) >> UInt64(8 * (8 - tail)), tail) else { return .notASCII }
        } else {
            while i < count {
                let byte = base[i]
                if byte >= 0x80 { return .notASCII }
                let space = byte == 0x20
                if byte < 0x20 || (space && state.previousSpace) { state.other = true }
                state.previousSpace = space
                state.value = StableHasher.mixByte(state.value, lowercased(byte))
                i += 1
            }
        }
        let other = state.other
        let value = state.value
        return other ? .other : .hashed(value)
    }

    /// The hash so far and what the words read so far showed.
    private struct WordState {
        var value: UInt64
        var other = false
        var previousSpace = false

        /// Checks and hashes the low `length` bytes of `w`; `false` when one is not ASCII.
        @inline(__always) mutating func take(_ w: UInt64, _ length: Int) -> Bool {
            let valid = length == 8 ? ~UInt64(0) : (UInt64(1) << UInt64(8 * length)) &- 1
            if w & ByteText.highs & valid != 0 { return false }
            let spaces = ByteText.matches(w, 0x20) & valid
            if ByteText.below(w, 0x20) & valid != 0 || spaces & (spaces << 8) != 0 || (previousSpace && spaces & 0x80 != 0) {
                other = true
            }
            previousSpace = spaces & (0x80 << UInt64(8 * (length - 1))) != 0
            // Lower-case the word: 0x20 more in each byte from 'A' to 'Z'.
            var lower = w | (ByteText.below(w, 0x5B) & ~ByteText.below(w, 0x41)) >> 2
            var v = value
            for _ in 0..<length {
                v = StableHasher.mixByte(v, UInt64(UInt8(truncatingIfNeeded: lower)))
                lower >>= 8
            }
            value = v
            return true
        }
    }

    /// Hashes ASCII text as ``CardID/normalize(_:)`` would make it, byte by byte.
    private static func hashOther(_ base: UnsafePointer<UInt8>, _ count: Int, _ seed: UInt64) -> UInt64 {
        var value = StableHasher.mixWord(seed, UInt64(normalizedLength(base, count)))
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
        return value
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
