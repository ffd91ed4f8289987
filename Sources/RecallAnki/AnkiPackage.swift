import Foundation
import ZIPFoundation

/// An opened `.apkg`/`.colpkg` zip: which collection file it holds and its media map.
///
/// Prefers the newest collection present: `collection.anki21b` (zstd), then
/// `collection.anki21`, then `collection.anki2` (current packages also carry a placeholder
/// `collection.anki2` for old versions of Anki).
///
/// Every entry is unpacked as a stream, counted against an ``AnkiUnpackBudget`` as it goes.
struct AnkiPackage {
    static let collectionNames = ["collection.anki21b", "collection.anki21", "collection.anki2"]

    let path: String
    let archive: Archive
    let reader: AnkiZipReader
    let collectionEntry: Entry
    let media: AnkiMediaMap

    /// Opens the zip and reads its media map; throws a user-facing error for anything damaged.
    static func open(path: String, budget: inout AnkiUnpackBudget) throws(AnkiImportError) -> AnkiPackage {
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
        let reader: AnkiZipReader
        do { reader = try AnkiZipReader(path: path) } catch {
            throw AnkiImportError("'\(path)' is not a zip file, as an Anki package (.apkg, .colpkg) is",
                                  hint: "export it from Anki again; a partly downloaded file cannot be read")
        }
        guard let entry = collectionNames.lazy.compactMap({ archive[$0] }).first else {
            throw .damaged(path, "it holds no collection (collection.anki21b, collection.anki21 or collection.anki2)")
        }
        var media = AnkiMediaMap()
        if let mediaEntry = archive["media"] {
            var data = Data()
            let size = try unpack(mediaEntry, in: reader, path: path, what: "the media list", zstd: false,
                                  budget: &budget) { data.append($0); return true }
            budget.used += size
            do { media = try AnkiMediaMap.parse(data, limit: budget.remaining) } catch {
                if error == .tooLarge { throw budget.refusal(package: path, what: "the media list", file: Int.max) }
                throw .damaged(path, "its media list cannot be read")
            }
        }
        return AnkiPackage(path: path, archive: archive, reader: reader, collectionEntry: entry, media: media)
    }

    /// Why an unpacking stopped inside ZIPFoundation's callback.
    private struct Stop: Error {}

    /// Streams one zip entry (zstd-decompressed when `zstd`) to `sink`, stopping past the
    /// budget; a CRC mismatch, short data or bad zstd data is reported as damage. Returns the
    /// bytes produced; the caller adds them to `budget.used`.
    static func unpack(_ entry: Entry, in reader: AnkiZipReader, path: String, what: String, zstd: Bool,
                       budget: inout AnkiUnpackBudget,
                       sink: (UnsafeBufferPointer<UInt8>) -> Bool) throws(AnkiImportError) -> Int {
        let limit = budget.remaining
        var produced = 0
        var failure: Zstd.Failure?
        var stream: Zstd.Stream?
        if zstd {
            do { stream = try Zstd.Stream(limit: limit) } catch { throw AnkiImportError("cannot start zstd decompression") }
        }
        do {
            try reader.read(entry) { chunk in
                if let stream {
                    do throws(Zstd.Failure) { try stream.feed(chunk, sink: sink) } catch { failure = error; throw Stop() }
                    produced = stream.produced
                } else {
                    guard chunk.count <= limit - produced else { failure = .tooLarge; throw Stop() }
                    produced += chunk.count
                    let ok = chunk.withUnsafeBytes { sink($0.bindMemory(to: UInt8.self)) }
                    guard ok else { failure = .sinkFailed; throw Stop() }
                }
            }
            if let stream { try stream.finish(sawInput: entry.uncompressedSize > 0) }
        } catch let error as Zstd.Failure {
            failure = error
        } catch {
            if failure == nil { throw .damaged(path, "\(what) cannot be unpacked (the zip data is corrupt or cut short)") }
        }
        switch failure {
        case nil: return produced
        case .tooLarge: throw budget.refusal(package: path, what: what, file: limit + 1)
        case .sinkFailed: throw AnkiImportError("cannot write in the temporary folder: \(String(cString: strerror(errno)))",
                                                hint: "set TMPDIR to a folder with free space that you can write to")
        case .corrupt, .truncated: throw .damaged(path, "\(what) is not complete zstd data")
        }
    }

    /// Streams `entry` into a new file in `staging`; returns the file's path.
    func unpack(_ entry: Entry, what: String, zstd: Bool, as name: String, into staging: AnkiStaging,
                budget: inout AnkiUnpackBudget) throws(AnkiImportError) -> String {
        let (file, handle) = try staging.create(name)
        defer { try? handle.close() }
        let size = try Self.unpack(entry, in: reader, path: path, what: what, zstd: zstd, budget: &budget) { bytes in
            do { try handle.write(contentsOf: Data(bytes)) } catch { return false }
            return true
        }
        budget.used += size
        return file
    }

    /// Unpacks the SQLite collection into `staging` (decompressing `collection.anki21b`) and
    /// returns its path.
    func unpackCollection(into staging: AnkiStaging, budget: inout AnkiUnpackBudget) throws(AnkiImportError) -> String {
        try unpack(collectionEntry, what: collectionEntry.path, zstd: collectionEntry.path.hasSuffix(".anki21b"),
                   as: "collection.sqlite", into: staging, budget: &budget)
    }

    /// Unpacks the media file called `name` into `staging` as `stagedName`; `nil` when the
    /// package lacks it.
    func unpackMedia(named name: String, as stagedName: String, into staging: AnkiStaging,
                     budget: inout AnkiUnpackBudget) throws(AnkiImportError) -> String? {
        guard let zipName = media.entries[name], let entry = archive[zipName] else { return nil }
        return try unpack(entry, what: "the media file '\(name)'", zstd: media.compressed, as: stagedName,
                          into: staging, budget: &budget)
    }
}
