import Foundation
import ZIPFoundation

/// An opened `.apkg`/`.colpkg` zip: which collection file it holds and its media map.
///
/// Prefers the newest collection present: `collection.anki21b` (zstd), then
/// `collection.anki21`, then `collection.anki2` (current packages also carry a placeholder
/// `collection.anki2` for old versions of Anki).
struct AnkiPackage {
    static let collectionNames = ["collection.anki21b", "collection.anki21", "collection.anki2"]

    let path: String
    let archive: Archive
    let collectionEntry: Entry
    let media: AnkiMediaMap

    /// Opens the zip and reads its media map; throws a user-facing error for anything damaged.
    static func open(path: String) throws(AnkiImportError) -> AnkiPackage {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AnkiImportError("cannot find '\(path)'")
        }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw AnkiImportError("'\(path)' is not a zip file, as an Anki package (.apkg, .colpkg) is",
                                  hint: "export it from Anki again; a partly downloaded file cannot be read")
        }
        guard let entry = collectionNames.lazy.compactMap({ archive[$0] }).first else {
            throw .damaged(path, "it holds no collection (collection.anki21b, collection.anki21 or collection.anki2)")
        }
        var media = AnkiMediaMap()
        if let mediaEntry = archive["media"] {
            let data = try read(mediaEntry, in: archive, path: path)
            do { media = try AnkiMediaMap.parse(data) } catch {
                throw .damaged(path, "its media list cannot be read")
            }
        }
        return AnkiPackage(path: path, archive: archive, collectionEntry: entry, media: media)
    }

    /// The bytes of one zip entry; a CRC mismatch or short data is reported as damage.
    static func read(_ entry: Entry, in archive: Archive, path: String) throws(AnkiImportError) -> Data {
        var data = Data()
        data.reserveCapacity(Int(clamping: entry.uncompressedSize))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        } catch {
            throw .damaged(path, "'\(entry.path)' cannot be unpacked (the zip data is corrupt or cut short)")
        }
        return data
    }

    /// Writes the SQLite collection to `folder` (decompressing `collection.anki21b`) and
    /// returns its path.
    func extractCollection(to folder: String) throws(AnkiImportError) -> String {
        var data = try Self.read(collectionEntry, in: archive, path: path)
        if collectionEntry.path.hasSuffix(".anki21b") {
            do { data = try Zstd.decompress(data) } catch {
                throw .damaged(path, "collection.anki21b is not complete zstd data")
            }
        }
        let target = folder + "/collection.sqlite"
        guard FileManager.default.createFile(atPath: target, contents: data) else {
            throw AnkiImportError("cannot write the temporary file '\(target)'")
        }
        return target
    }

    /// The contents of the media file called `name`, or `nil` when the package lacks it.
    func mediaData(named name: String) throws(AnkiImportError) -> Data? {
        guard let zipName = media.entries[name], let entry = archive[zipName] else { return nil }
        let data = try Self.read(entry, in: archive, path: path)
        guard media.compressed else { return data }
        do { return try Zstd.decompress(data) } catch {
            throw .damaged(path, "the media file '\(name)' is not complete zstd data")
        }
    }
}
