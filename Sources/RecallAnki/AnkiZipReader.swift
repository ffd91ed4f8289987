import Foundation
import ZIPFoundation

/// Reads one zip entry's data within its own bounds.
///
/// ZIPFoundation's `Archive.extract` reads on past an entry's compressed data, and at the end
/// of the file keeps asking for more in a loop that never ends when a deflate stream does not
/// finish (a crafted package hung the import). Here the entry's data is located from the
/// central directory and local header, and inflating stops with an error at the entry's end.
struct AnkiZipReader {
    struct Damaged: Error {}

    private let file: FileHandle
    private let size: UInt64
    /// Entry name → offset of its local header and its compressed size.
    private var entries: [String: (header: UInt64, packed: UInt64)] = [:]

    init(path: String) throws(Damaged) {
        guard let file = FileHandle(forReadingAtPath: path), let size = try? file.seekToEnd() else { throw Damaged() }
        self.file = file
        self.size = size
        try readDirectory()
    }

    private func bytes(at offset: UInt64, _ count: Int) throws(Damaged) -> [UInt8] {
        guard offset <= size, UInt64(count) <= size - offset else { throw Damaged() }
        do {
            try file.seek(toOffset: offset)
            guard let data = try file.read(upToCount: count), data.count == count else { throw Damaged() }
            return [UInt8](data)
        } catch { throw Damaged() }
    }

    private static func u16(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(b[i]) | UInt64(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> UInt64 { u16(b, i) | u16(b, i + 2) << 16 }

    /// Finds the end-of-central-directory record and reads every central directory entry.
    private mutating func readDirectory() throws(Damaged) {
        let tailCount = Int(min(size, 65_557))
        let tail = try bytes(at: size - UInt64(tailCount), tailCount)
        guard tailCount >= 22, let end = stride(from: tailCount - 22, through: 0, by: -1).first(where: {
            tail[$0] == 0x50 && tail[$0 + 1] == 0x4B && tail[$0 + 2] == 0x05 && tail[$0 + 3] == 0x06
        }) else { throw Damaged() }
        let count = Self.u16(tail, end + 10)
        var offset = Self.u32(tail, end + 16)
        for _ in 0..<count {
            let record = try bytes(at: offset, 46)
            guard Self.u32(record, 0) == 0x0201_4B50 else { throw Damaged() }
            let nameLength = Int(Self.u16(record, 28))
            let skip = UInt64(nameLength) + Self.u16(record, 30) + Self.u16(record, 32)
            let name = String(decoding: try bytes(at: offset + 46, nameLength), as: UTF8.self)
            entries[name] = (Self.u32(record, 42), Self.u32(record, 20))
            offset += 46 + skip
        }
    }

    /// Streams the entry's uncompressed data to `consumer`; throws ``Damaged`` for data that
    /// leaves the entry's bounds, does not inflate, or fails its CRC.
    func read(_ entry: Entry, consumer: (Data) throws -> Void) throws {
        // Zip64 sizes and offsets (all ones) are left to ZIPFoundation.
        guard let (header, packed) = entries[entry.path], header != 0xFFFF_FFFF, packed != 0xFFFF_FFFF,
              packed == entry.compressedSize else { throw Damaged() }
        let local = try bytes(at: header, 30)
        guard Self.u32(local, 0) == 0x0403_4B50 else { throw Damaged() }
        let start = header + 30 + Self.u16(local, 26) + Self.u16(local, 28)
        guard start <= size, packed <= size - start else { throw Damaged() }
        var crc: CRC32 = 0
        if entry.isCompressed {
            crc = try Data.decompress(size: Int64(packed), bufferSize: 1 << 16, skipCRC32: false, provider: { position, chunk in
                guard position >= 0, UInt64(position) < packed else { throw Damaged() }
                let count = Int(min(UInt64(chunk), packed - UInt64(position)))
                return Data(try bytes(at: start + UInt64(position), count))
            }, consumer: consumer)
        } else {
            var position: UInt64 = 0
            while position < packed {
                let data = Data(try bytes(at: start + position, Int(min(1 << 16, packed - position))))
                crc = data.crc32(checksum: crc)
                try consumer(data)
                position += UInt64(data.count)
            }
        }
        guard crc == entry.checksum else { throw Damaged() }
    }
}
