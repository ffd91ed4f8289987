/// Little-endian numbers in the store's derived files (see ``DerivedFile``).
@inline(__always) func putLE(_ v: UInt64, _ out: inout [UInt8]) {
    withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
}

@inline(__always) func putLE(_ v: UInt32, _ out: inout [UInt8]) {
    withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
}

/// A UInt32 length, then the string's UTF-8 bytes.
func putLE(_ s: String, _ out: inout [UInt8]) {
    let utf8 = Array(s.utf8)
    putLE(UInt32(utf8.count), &out)
    out += utf8
}

extension UnsafeRawBufferPointer {
    @inline(__always) func uint64LE(at offset: Int) -> UInt64 {
        loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
    }

    @inline(__always) func uint32LE(at offset: Int) -> UInt32 {
        loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
    }
}

/// Little-endian values from a byte range, each read checked against its end.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var at: Int
    let end: Int

    init(_ bytes: UnsafeRawBufferPointer, at: Int, end: Int) {
        self.bytes = bytes
        self.at = at
        self.end = end
    }

    mutating func u64() -> UInt64? {
        guard at + 8 <= end else { return nil }
        defer { at += 8 }
        return bytes.uint64LE(at: at)
    }

    mutating func u32() -> UInt32? {
        guard at + 4 <= end else { return nil }
        defer { at += 4 }
        return bytes.uint32LE(at: at)
    }

    /// A count of items at least `size` bytes each that can all still follow.
    mutating func count(_ size: Int) -> Int? {
        guard let n = u32(), Int(n) <= (end - at) / size else { return nil }
        return Int(n)
    }

    /// A string written by `putLE(_:_:)` for strings.
    mutating func string() -> String? {
        guard let n = u32().map(Int.init), n <= end - at else { return nil }
        defer { at += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + n)]), as: UTF8.self)
    }

    /// Where the bytes of a string written by `putLE(_:_:)` lie, skipping over them.
    mutating func skipString() -> Range<Int>? {
        guard let n = u32().map(Int.init), n <= end - at else { return nil }
        defer { at += n }
        return at..<(at + n)
    }
}
