import Foundation

/// The `media` file of an Anki package: which zip entry (`"0"`, `"1"`, …) holds which media
/// file. Legacy packages store a JSON object `{"0": "name.jpg"}`; the current format stores a
/// zstd-compressed protobuf `MediaEntries { repeated MediaEntry entries = 1 }` with
/// `MediaEntry { string name = 1; uint32 size = 2; bytes sha1 = 3; optional uint32 legacy_zip_filename = 255 }`,
/// where an entry's zip name is its index unless `legacy_zip_filename` says otherwise.
struct AnkiMediaMap: Equatable {
    /// Real media file name → zip entry name.
    var entries: [String: String] = [:]
    /// True when each media entry in the zip is itself zstd-compressed (current format).
    var compressed = false

    enum Failure: Error { case malformed, tooLarge }

    /// Reads the map; a compressed one may unpack to at most `limit` bytes.
    static func parse(_ data: Data, limit: Int = 64 << 20) throws(Failure) -> AnkiMediaMap {
        if Zstd.isCompressed(data) {
            let raw: Data
            do { raw = try Zstd.decompress(data, limit: limit) } catch {
                throw error == .tooLarge ? .tooLarge : .malformed
            }
            return AnkiMediaMap(entries: try parseProtobuf([UInt8](raw)), compressed: true)
        }
        if data.isEmpty { return AnkiMediaMap() }
        guard let object = try? JSONSerialization.jsonObject(with: data), let map = object as? [String: Any] else {
            throw .malformed
        }
        var entries: [String: String] = [:]
        for (zipName, value) in map {
            guard let name = value as? String else { throw .malformed }
            entries[name] = zipName
        }
        return AnkiMediaMap(entries: entries, compressed: false)
    }

    private static func parseProtobuf(_ bytes: [UInt8]) throws(Failure) -> [String: String] {
        var reader = ProtobufReader(bytes[...])
        var entries: [String: String] = [:]
        var index = 0
        while let (field, value) = try reader.next() {
            guard field == 1, case .bytes(let message) = value else { continue }
            var inner = ProtobufReader(message)
            var name: String?
            var zipName = String(index)
            while let (f, v) = try inner.next() {
                if f == 1, case .bytes(let b) = v { name = String(decoding: b, as: UTF8.self) }
                if f == 255, case .varint(let n) = v { zipName = String(n) }
            }
            if let name { entries[name] = zipName }
            index += 1
        }
        return entries
    }
}

/// Reads the protobuf wire format: just enough for Anki's small metadata messages.
struct ProtobufReader {
    enum Value { case varint(UInt64), bytes(ArraySlice<UInt8>), fixed }

    private var rest: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { rest = bytes }

    /// The next field number and value, `nil` at the end; throws for malformed input.
    mutating func next() throws(AnkiMediaMap.Failure) -> (Int, Value)? {
        guard !rest.isEmpty else { return nil }
        let key = try varint()
        let field = Int(truncatingIfNeeded: key >> 3)
        switch key & 7 {
        case 0: return (field, .varint(try varint()))
        case 1: try skip(8); return (field, .fixed)
        case 5: try skip(4); return (field, .fixed)
        case 2:
            // Compared as UInt64: a length read from the file may not fit in an Int.
            let length = try varint()
            guard length <= UInt64(rest.count) else { throw .malformed }
            let value = rest.prefix(Int(length))
            rest = rest.dropFirst(Int(length))
            return (field, .bytes(value))
        default: throw .malformed
        }
    }

    private mutating func skip(_ n: Int) throws(AnkiMediaMap.Failure) {
        guard rest.count >= n else { throw .malformed }
        rest = rest.dropFirst(n)
    }

    private mutating func varint() throws(AnkiMediaMap.Failure) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = rest.first {
            rest = rest.dropFirst()
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
            if shift > 63 { break }
        }
        throw .malformed
    }
}
