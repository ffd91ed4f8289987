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
    /// Rows left out because a value Recall needs is missing or out of range.
    var skippedNotes = 0
    var skippedCards = 0
    var skippedReviews = 0

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
            guard let id = Self.integer(row, 0), let type = Self.integer(row, 1) else { skippedNotes += 1; continue }
            let fields = Self.text(row, 2).split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            let tags = Self.text(row, 3).split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
            notes.append(Note(id: id, notetype: type, fields: fields, tags: tags))
        }
        let cardRows = try Row.fetchCursor(db, sql: "SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord, queue, mod FROM cards ORDER BY nid, ord")
        while let row = try cardRows.next() {
            guard let id = Self.integer(row, 0), let note = Self.integer(row, 1), let ord = Self.integer(row, 3),
                  Self.ordinals.contains(ord) else { skippedCards += 1; continue }
            cards.append(Card(id: id, note: note, deck: Self.integer(row, 2) ?? 1, ord: Int(ord),
                              queue: Int(Self.integer(row, 4) ?? 0), modified: Self.integer(row, 5) ?? 0))
        }
        let revlogRows = try Row.fetchCursor(db, sql: "SELECT id, cid, ease, type, factor, ivl, time FROM revlog ORDER BY cid, id")
        while let row = try revlogRows.next() {
            guard let id = Self.integer(row, 0), let card = Self.integer(row, 1), let ease = Self.integer(row, 2),
                  let type = Self.integer(row, 3) else { skippedReviews += 1; continue }
            revlog.append(Revlog(id: id, card: card, ease: Int(ease), type: Int(type), factor: Int(Self.integer(row, 4) ?? 0),
                                 interval: Int(Self.integer(row, 5) ?? 0), durationMs: Int(Self.integer(row, 6) ?? 0)))
        }
    }

    /// Card ordinals Recall can use (a note has at most this many cards; cloze n is ord n-1).
    static let ordinals: ClosedRange<Int64> = 0...9_999

    /// An integer column read without trusting the file: NULL, text that is not a number, or
    /// a real number out of `Int64`'s range give `nil`.
    static func integer(_ row: Row, _ index: Int) -> Int64? {
        switch (row[index] as DatabaseValue).storage {
        case .int64(let value): return value
        case .double(let value): return Int64(exactly: value.rounded())
        case .string(let value): return Int64(value.trimmingCharacters(in: .whitespaces))
        case .null, .blob: return nil
        }
    }

    /// A text column read without trusting the file: NULL is empty, a blob is read as UTF-8.
    static func text(_ row: Row, _ index: Int) -> String {
        switch (row[index] as DatabaseValue).storage {
        case .string(let value): return value
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        case .int64(let value): return String(value)
        case .double(let value): return String(value)
        case .null: return ""
        }
    }

    private mutating func readSchema18(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, name, config FROM notetypes") {
            guard let id = Self.integer(row, 0) else { continue }
            var config = Data()
            if case .blob(let data) = (row[2] as DatabaseValue).storage { config = data }
            notetypes[id] = Notetype(name: Self.text(row, 1), isCloze: Self.kindIsCloze(config), fieldNames: [])
        }
        for row in try Row.fetchAll(db, sql: "SELECT ntid, name FROM fields ORDER BY ntid, ord") {
            guard let id = Self.integer(row, 0) else { continue }
            notetypes[id]?.fieldNames.append(Self.text(row, 1))
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM decks") {
            guard let id = Self.integer(row, 0) else { continue }
            decks[id] = Self.text(row, 1).replacingOccurrences(of: "\u{1F}", with: "::")
        }
        if try db.tableExists("config"), let value = try Row.fetchOne(db, sql: "SELECT val FROM config WHERE KEY = 'rollover'") {
            dayStartHour = Self.integer(value, 0).flatMap(Self.hour)
                ?? Int(Self.text(value, 0).trimmingCharacters(in: .whitespaces)).flatMap { Self.hour(Int64($0)) }
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
        guard let models = Self.jsonObject(Self.text(row, 0)), let deckObjects = Self.jsonObject(Self.text(row, 1)) else {
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
        dayStartHour = (Self.jsonObject(Self.text(row, 2))?["rollover"]).flatMap(Self.int64).flatMap(Self.hour)
    }

    /// An hour of the day, or `nil` for anything else.
    private static func hour(_ value: Int64) -> Int? { (0...23).contains(value) ? Int(value) : nil }

    private static func jsonObject(_ text: String?) -> [String: Any]? {
        guard let data = text?.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    private static func int64(_ value: Any?) -> Int64? {
        if let n = value as? NSNumber {
            // A real number out of Int64's range would trap in `int64Value`.
            let real = n.doubleValue
            guard real.isFinite, real.magnitude < 9.2e18 else { return nil }
            return n.int64Value
        }
        if let s = value as? String { return Int64(s) }
        return nil
    }
}
