#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What identifies the bytes of a file: its size and a ``ContentChecksum`` of all of them.
///
/// The derived files (`state.bin`, `decks.bin`) name the file they were made from this way,
/// not by its modification time, so that no edit, however quick or however the time stamps
/// are set, can make a stale cache look current. Checking reads the file but parses nothing,
/// so it stays well below the cost of what the cache saves.
struct ContentFingerprint: Equatable {
    var size: UInt64, checksum: UInt64

    init(of bytes: UnsafeRawBufferPointer) {
        size = UInt64(bytes.count)
        checksum = ContentChecksum.of(bytes)
    }

    init(size: UInt64, checksum: UInt64) {
        self.size = size
        self.checksum = checksum
    }

    /// The fingerprint of the file at `path` now, read in 64 KiB pieces (no mapping, so the
    /// check adds nothing to the process's memory); nil if it cannot be read.
    static func of(path: String) -> ContentFingerprint? {
        guard case .file(let fd, _) = RegularFile.openForReading(path) else { return nil }
        defer { close(fd) }
        var hasher = ContentChecksum()
        var size: UInt64 = 0
        let chunk = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 8)
        defer { buffer.deallocate() }
        guard let base = buffer.baseAddress else { return nil }
        var atEnd = false
        while !atEnd {
            // Fill the whole buffer (the checksum takes whole words but at the very end).
            var filled = 0
            while filled < chunk {
                let n = read(fd, base + filled, chunk - filled)
                if n < 0 { if errno == EINTR { continue } else { return nil } }
                if n == 0 { atEnd = true; break }
                filled += n
            }
            hasher.combine(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
            size += UInt64(filled)
        }
        return ContentFingerprint(size: size, checksum: hasher.value(length: size))
    }
}

/// A fast 64-bit checksum: enough to tell a torn, damaged or different file from the one a
/// cache was made of (not a defence against a forger).
///
/// Four independent lanes each take every fourth 8-byte word (multiply, xor-shift), so the
/// processor works on four words at once instead of waiting for each multiply in turn.
struct ContentChecksum {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) =
        (0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4, 0x9ce4_8422_2325_cbf2, 0x2325_cbf2_9ce4_8422)

    /// The checksum of `bytes`.
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = ContentChecksum()
        hasher.combine(bytes)
        return hasher.value(length: UInt64(bytes.count))
    }

    static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }

    @inline(__always) private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let x = (h ^ word) &* 0x0000_0100_0000_01b3
        return x ^ (x >> 29)
    }

    /// Adds bytes; every piece but the last must have a length that is a multiple of 32.
    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var (a, b, c, d) = lanes
        var i = 0
        while i + 32 <= bytes.count {
            a = Self.mix(a, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian)
            b = Self.mix(b, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self).littleEndian)
            c = Self.mix(c, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self).littleEndian)
            d = Self.mix(d, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self).littleEndian)
            i += 32
        }
        while i + 8 <= bytes.count {
            a = Self.mix(a, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian)
            i += 8
        }
        while i < bytes.count {
            a = (a ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3
            i += 1
        }
        lanes = (a, b, c, d)
    }

    /// The checksum of everything combined, `length` bytes in all.
    func value(length: UInt64) -> UInt64 {
        var h = lanes.0
        for lane in [lanes.1, lanes.2, lanes.3] { h = Self.mix(h &* 0x9E37_79B9_7F4A_7C15, lane) }
        return (h ^ length) &* 0x9E37_79B9_7F4A_7C15
    }
}
