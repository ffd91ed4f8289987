/// The shape of every file the store derives from other files (`state.bin`, `decks.bin`,
/// `stats-summary.bin`, `stats-reviews.bin`): a cache, never the truth, keyed by the content
/// of what it was made from, and safe to delete.
///
/// Layout, little-endian: an 8-byte magic naming the kind of file, a UInt32 version, a UInt32
/// key length and the key bytes, the payload, and a UInt64 ``ContentChecksum`` of everything
/// before it. A file is read back only when all of these fit: the right magic and version,
/// the very key its reader asks for (so a file made from other sources is never taken for
/// current) and a sound checksum (so a torn or damaged file is never decoded). Anything else
/// is ignored and the file made again from its sources; a change of layout is a new version.
struct DerivedFile: Sendable {
    /// The file's name in the collection folder.
    let name: String
    /// Eight ASCII bytes naming the kind of file.
    let magic: [UInt8]
    let version: UInt32

    init(name: String, magic: String, version: UInt32) {
        self.name = name
        self.magic = Array(magic.utf8)
        self.version = version
        precondition(self.magic.count == 8, "a derived file's magic is eight bytes")
    }

    /// The whole file for `key` around `payload`.
    func encode(key: [UInt8], payload: [UInt8]) -> [UInt8] {
        var out = magic
        out.reserveCapacity(16 + key.count + payload.count + 8)
        putLE(version, &out)
        putLE(UInt32(key.count), &out)
        out += key
        out += payload
        putLE(ContentChecksum.of(out), &out)
        return out
    }

    /// Where the payload lies in `bytes` when they are this kind of file, this version, made
    /// for `key` and undamaged; nil otherwise.
    func payload(in bytes: UnsafeRawBufferPointer, key: [UInt8]) -> Range<Int>? {
        let start = 16 + key.count
        guard bytes.count >= start + 8, bytes[0..<8].elementsEqual(magic), bytes.uint32LE(at: 8) == version,
              bytes.uint32LE(at: 12) == UInt32(key.count), bytes[16..<start].elementsEqual(key),
              ContentChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 8)]))
                == bytes.uint64LE(at: bytes.count - 8)
        else { return nil }
        return start..<(bytes.count - 8)
    }

    /// Writes the file for `key` around `payload` in `folder` (atomically, without waiting
    /// for the disk: a file lost in a crash is simply made again). Best effort: a folder
    /// that cannot be written to just means no cache.
    func save(key: [UInt8], payload: [UInt8], folder: String) {
        AtomicFile.replaceCache(encode(key: key, payload: payload), at: folder + "/" + name)
    }
}
