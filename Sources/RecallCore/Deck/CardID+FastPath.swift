/// Byte-level normalising hash for ASCII text, used by ``CardID/init(fields:)``.
enum CardIDFastPath {
    /// Hashes `bytes` as ``CardID/normalize(_:)`` would (lower-cased, whitespace runs as one
    /// space, trimmed), length first; `false` without touching `hasher` when not all ASCII.
    static func combineNormalizedASCII(_ bytes: UnsafeBufferPointer<UInt8>, into hasher: inout StableHasher) -> Bool {
        // Two passes over the bytes, so that nothing is allocated: the normalised length
        // (which is hashed first), then the normalised bytes themselves.
        var length = 0
        var pendingSpace = false
        for byte in bytes {
            guard byte < 0x80 else { return false }
            if isSpace(byte) {
                pendingSpace = length > 0
            } else {
                length += pendingSpace ? 2 : 1
                pendingSpace = false
            }
        }
        hasher.combine(UInt64(length))
        var written = false
        pendingSpace = false
        for byte in bytes {
            if isSpace(byte) {
                pendingSpace = written
                continue
            }
            if pendingSpace {
                hasher.combine(bytes: CollectionOfOne(UInt8(0x20)))
                pendingSpace = false
            }
            hasher.combine(bytes: CollectionOfOne(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte))
            written = true
        }
        return true
    }

    @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
