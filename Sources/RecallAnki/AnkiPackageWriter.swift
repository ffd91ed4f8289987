import Foundation
import GRDB
import RecallCore
import ZIPFoundation

/// Why an Anki package could not be written; shown as `recall: error: message` with the
/// hint as a `note:` line. The target file is left as it was.
public struct AnkiExportError: Error, Equatable, Sendable {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Writes ``AnkiPackageContents`` as an `.apkg`: a zip holding `collection.anki21` (SQLite,
/// schema 11), the `media` map (`{"0": "flag.png"}`) with the media files as `0`, `1`, …,
/// and `meta` (package version 2, as Anki's legacy export writes).
///
/// Atomic: the package is built in a private temporary folder and next to the target, then
/// renamed into place (or, without `replace`, linked there only if nothing is there yet).
public enum AnkiPackageWriter {
    /// What was packed besides the collection.
    public struct Result: Sendable, Equatable {
        public var mediaPacked = 0
        /// Referenced files that are not in the collection (or not regular files inside it).
        public var missingMedia: [String] = []
    }

    public static func write(_ contents: AnkiPackageContents, collectionRoot: URL, to path: String,
                             replace: Bool) throws(AnkiExportError) -> Result {
        let staging: AnkiStaging
        do { staging = try AnkiStaging() } catch { throw AnkiExportError(error.message, hint: error.hint) }
        let database = staging.path + "/collection.anki21"
        do {
            try writeCollection(contents, to: database)
        } catch {
            throw AnkiExportError("cannot write the package's collection: \(error)",
                                  hint: "set TMPDIR to a folder with free space that you can write to")
        }
        let temp = temporaryPath(for: path)
        unlink(temp)
        var result = Result()
        do {
            let archive = try Archive(url: URL(fileURLWithPath: temp), accessMode: .create)
            let date = Date(timeIntervalSince1970: Double(contents.modified))
            try add(archive, "meta", Data([0x08, 0x02]), date: date)
            try add(archive, "collection.anki21", Data(contentsOf: URL(fileURLWithPath: database)), date: date)
            var map: [String: String] = [:]
            for media in contents.media {
                guard let data = mediaData(media.relativePath, root: collectionRoot) else {
                    result.missingMedia.append(media.relativePath)
                    continue
                }
                let zipName = String(map.count)
                map[zipName] = media.name
                try add(archive, zipName, data, date: date)
            }
            result.mediaPacked = map.count
            try add(archive, "media", Data(AnkiLegacySchema.json(map).utf8), date: date)
        } catch {
            let code = errno
            unlink(temp)
            throw AnkiExportError("cannot write '\(path)': \(String(cString: strerror(code)).lowercased())")
        }
        try place(temp, at: path, replace: replace)
        return result
    }

    /// Where the package is made before it is moved to `path`: next to it, so that the move
    /// is a rename within one file system.
    public static func temporaryPath(for path: String) -> String { path + ".tmp-\(getpid())" }

    private static func add(_ archive: Archive, _ name: String, _ data: Data, date: Date) throws {
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                             compressionMethod: .deflate) { position, size in
            data.subdata(in: Data.Index(position)..<Data.Index(position) + size)
        }
    }

    /// Moves the finished package from `temp` to `path`, durably.
    private static func place(_ temp: String, at path: String, replace: Bool) throws(AnkiExportError) {
        if let handle = FileHandle(forUpdatingAtPath: temp) {
            try? handle.synchronize()
            try? handle.close()
        }
        if replace {
            guard rename(temp, path) == 0 else {
                let code = errno
                unlink(temp)
                throw AnkiExportError("cannot write '\(path)': \(String(cString: strerror(code)).lowercased())")
            }
        } else {
            // A link fails if something appeared at `path` since the caller looked.
            let linked = link(temp, path)
            let code = errno
            unlink(temp)
            guard linked == 0 else {
                if code == EEXIST {
                    throw AnkiExportError("'\(path)' already exists; nothing was written",
                                          hint: "use --force to replace it, or give --apkg another file name")
                }
                throw AnkiExportError("cannot write '\(path)': \(String(cString: strerror(code)).lowercased())")
            }
        }
    }

    /// The bytes of the media file at collection-relative `relative`, when it is a regular
    /// file inside the collection (a link leading out of it is not followed out).
    private static func mediaData(_ relative: String, root: URL) -> Data? {
        let rootPath = root.resolvingSymlinksInPath().path
        let file = root.appendingPathComponent(relative).resolvingSymlinksInPath().path
        guard file.hasPrefix(rootPath + "/") else { return nil }
        var info = stat()
        guard stat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileManager.default.contents(atPath: file)
    }

    private static func writeCollection(_ c: AnkiPackageContents, to path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: AnkiLegacySchema.tables)
            let modifiedMs = c.modified * 1000
            try db.execute(sql: "INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')", arguments: [
                c.crt, modifiedMs, modifiedMs, AnkiLegacySchema.json(AnkiLegacySchema.conf(c)),
                AnkiLegacySchema.json(AnkiLegacySchema.models(modified: c.modified)),
                AnkiLegacySchema.json(AnkiLegacySchema.decks(c)), AnkiLegacySchema.json(AnkiLegacySchema.deckOptions(c)),
            ])
            for n in c.notes {
                let sortField = Self.sortField(n.fields.first ?? "")
                let csum = SHA1.digest(Array(sortField.utf8)).prefix(4).reduce(Int64(0)) { $0 << 8 | Int64($1) }
                let tags = n.tags.isEmpty ? "" : " " + n.tags.joined(separator: " ") + " "
                try db.execute(sql: "INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')", arguments: [
                    n.id, n.guid, n.notetype.rawValue, c.modified, tags, n.fields.joined(separator: "\u{1F}"),
                    sortField, csum,
                ])
            }
            for k in c.cards {
                try db.execute(sql: "INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)",
                               arguments: [k.id, k.note, k.deck, k.ord, c.modified, k.type, k.queue, k.due, k.interval,
                                           k.factor, k.reps, k.lapses, k.left, k.data])
            }
            for r in c.revlog {
                try db.execute(sql: "INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)",
                               arguments: [r.id, r.card, r.ease, r.interval, r.lastInterval, r.factor, r.durationMs, r.type])
            }
        }
        try queue.close()
    }

    /// The first field as Anki sorts and checksums it: tags removed (an image by its file
    /// name between spaces), entities decoded.
    static func sortField(_ html: String) -> String {
        var out = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[open...close]
            if tag.lowercased().hasPrefix("<img"), let src = HTMLText.attribute("src", in: tag.dropFirst().dropLast()) {
                out += " \(src) "
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return HTMLText.decodeEntities(out)
    }
}
