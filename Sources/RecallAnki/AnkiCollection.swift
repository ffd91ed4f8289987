import Foundation
import GRDB

/// The parts of an Anki collection that Recall imports, read from its SQLite file.
///
/// Handles both schemas: 11 (legacy: note types and decks as JSON in the `col` row) and
/// 18 (current: `notetypes`, `fields` and `decks` tables, deck levels joined by U+001F).
struct AnkiCollection {
    struct Notetype: Equatable {
        var name: String
        var isCloze: Bool
        var fieldNames: [String]
    }

    struct Note: Equatable {
        var id: Int64
        var notetype: Int64
        var fields: [String]
        var tags: [String]
    }

    struct Card: Equatable {
        var id: Int64
        var note: Int64
        /// The card's home deck (its original deck when it sits in a filtered deck).
        var deck: Int64
        var ord: Int
        /// -1 suspended, -2/-3 buried, else scheduled.
        var queue: Int
        /// Last change, unix seconds.
        var modified: Int64
    }

    /// One `revlog` row. `id` is the review time in unix milliseconds.
    struct Revlog: Equatable {
        var id: Int64
        var card: Int64
        /// The button: 1-4, or 0 for manual entries.
        var ease: Int
        /// 0 learning, 1 review, 2 relearning, 3 filtered, 4 manual, 5 rescheduled.
        var type: Int
        var factor: Int
        var interval: Int
        var durationMs: Int
    }

    var notetypes: [Int64: Notetype] = [:]
    var decks: [Int64: String] = [:]
    var notes: [Note] = []
    var cards: [Card] = []
    /// Ordered by card, then time.
    var revlog: [Revlog] = []
    /// Anki's "next day starts at" hour (`rollover`), when the collection records it.
    var dayStartHour: Int?

    /// Reads the collection at `path`; throws a user-facing error naming `packagePath`.
    static func read(path: String, packagePath: String) throws(AnkiImportError) -> AnkiCollection {
        do {
            // Not read-only: the file is our own temporary copy, and SQLite needs to create
            // the -shm file to read a database in WAL mode (as Anki's current files are).
            var config = Configuration()
            config.prepareDatabase { db in db.add(collation: AnkiCollection.unicase) }
            let queue = try DatabaseQueue(path: path, configuration: config)
            return try queue.read { db in
                let check = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? ""
                guard check == "ok" else { throw AnkiImportError.damaged(packagePath, "the collection database is corrupt") }
                var collection = AnkiCollection()
                if try db.tableExists("notetypes") {
                    try collection.readSchema18(db)
                } else {
                    try collection.readSchema11(db, packagePath: packagePath)
                }
                try collection.readRows(db)
                return collection
            }
        } catch let error as AnkiImportError {
            throw error
        } catch {
            throw .damaged(packagePath, "the collection is not a readable SQLite database")
        }
    }

    private mutating func readRows(_ db: Database) throws {
        let noteRows = try Row.fetchCursor(db, sql: "SELECT id, mid, flds, tags FROM notes ORDER BY id")
        while let row = try noteRows.next() {
            let fields = (row[2] as String).split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            let tags = (row[3] as String).split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
            notes.append(Note(id: row[0], notetype: row[1], fields: fields, tags: tags))
        }
        let cardRows = try Row.fetchCursor(db, sql: "SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord, queue, mod FROM cards ORDER BY nid, ord")
        while let row = try cardRows.next() {
            cards.append(Card(id: row[0], note: row[1], deck: row[2], ord: row[3], queue: row[4], modified: row[5]))
        }
        let revlogRows = try Row.fetchCursor(db, sql: "SELECT id, cid, ease, type, factor, ivl, time FROM revlog ORDER BY cid, id")
        while let row = try revlogRows.next() {
            revlog.append(Revlog(id: row[0], card: row[1], ease: row[2], type: row[3], factor: row[4],
                                 interval: row[5], durationMs: row[6]))
        }
    }

    private mutating func readSchema18(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, name, config FROM notetypes") {
            let config = (row[2] as Data?) ?? Data()
            notetypes[row[0]] = Notetype(name: row[1], isCloze: Self.kindIsCloze(config), fieldNames: [])
        }
        for row in try Row.fetchAll(db, sql: "SELECT ntid, name FROM fields ORDER BY ntid, ord") {
            notetypes[row[0]]?.fieldNames.append(row[1])
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM decks") {
            decks[row[0]] = (row[1] as String).replacingOccurrences(of: "\u{1F}", with: "::")
        }
        if try db.tableExists("config"), let value = try Data.fetchOne(db, sql: "SELECT val FROM config WHERE KEY = 'rollover'") {
            dayStartHour = Int(String(decoding: value, as: UTF8.self).trimmingCharacters(in: .whitespaces))
        }
    }

    /// Anki's own collation on deck, note type and tag names (schema 18 indexes use it).
    private static let unicase = DatabaseCollation("unicase") { a, b in
        let (x, y) = (a.lowercased(), b.lowercased())
        return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
    }

    /// `Notetype.Config.kind` is protobuf field 1 (0 normal, 1 cloze).
    static func kindIsCloze(_ config: Data) -> Bool {
        var reader = ProtobufReader([UInt8](config)[...])
        while let next = try? reader.next() {
            if next.0 == 1, case .varint(let kind) = next.1 { return kind == 1 }
        }
        return false
    }

    private mutating func readSchema11(_ db: Database, packagePath: String) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT models, decks, conf FROM col") else {
            throw AnkiImportError.damaged(packagePath, "the collection has no settings row")
        }
        guard let models = Self.jsonObject(row[0]), let deckObjects = Self.jsonObject(row[1]) else {
            throw AnkiImportError.damaged(packagePath, "the note types or decks cannot be read")
        }
        for case let model as [String: Any] in models.values {
            guard let id = Self.int64(model["id"]) else { continue }
            let fields = (model["flds"] as? [[String: Any]] ?? [])
                .sorted { (Self.int64($0["ord"]) ?? 0) < (Self.int64($1["ord"]) ?? 0) }
                .compactMap { $0["name"] as? String }
            notetypes[id] = Notetype(name: model["name"] as? String ?? "", isCloze: Self.int64(model["type"]) == 1,
                                     fieldNames: fields)
        }
        for case let deck as [String: Any] in deckObjects.values {
            if let id = Self.int64(deck["id"]), let name = deck["name"] as? String { decks[id] = name }
        }
        dayStartHour = (Self.jsonObject(row[2])?["rollover"]).flatMap(Self.int64).map { Int($0) }
    }

    private static func jsonObject(_ text: String?) -> [String: Any]? {
        guard let data = text?.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    private static func int64(_ value: Any?) -> Int64? {
        if let n = value as? NSNumber { return n.int64Value }
        if let s = value as? String { return Int64(s) }
        return nil
    }
}
