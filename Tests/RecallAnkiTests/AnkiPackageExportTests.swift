import Foundation
import GRDB
import Testing
@testable import RecallAnki
import RecallCore
import RecallStore

/// `recall export --apkg`'s package, read back table by table, and the round trip through
/// Anki: `check_apkg_in_anki.py` imports the same export into Anki's engine, checks it there
/// and exports `roundtrip/from-anki.apkg`, which must import back into the same cards and
/// states.
@Suite struct AnkiPackageExportTests {
    @Test func cardsCarryTheirSchedulingAndMemoryState() throws {
        let folder = try AnkiFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (contents, tables) = try RoundTrip.export(in: folder)
        #expect(tables.crt == 1_795_147_200)  // 2026-11-20 04:00 UTC: the first review's study day
        // (first field, ord) → type, queue, due, ivl, factor, reps, lapses, left
        #expect(tables.cards == [
            "Capital of France?|0": [0, 0, 3, 0, 0, 0, 0, 0],  // new: due is its position
            "Capital of Japan?|0": [2, 2, 7, 3, 2500, 4, 0, 0],  // review, due 11-27
            "El {{c1::perro}} come {{c2::carne}}.|0": [1, 1, 1_796_558_700, 0, 0, 1, 0, 1],  // learning, due 12:05
            "El {{c1::perro}} come {{c2::carne}}.|1": [0, -3, 8, 0, 0, 0, 0, 0],  // new, buried today
            "Is 2 &lt; 3 &amp; 4 &gt; 1?|0": [2, 2, 2, 2, 2500, 2, 0, 0],
            "Longest river in Africa?|0": [2, 2, 7, 6, 2500, 3, 0, 0],
            "Which flag is this? <img src=\"flag.png\">|0": [2, 2, 15, 3, 2500, 2, 0, 0],  // studied again after a reset
            "el gato|0": [2, 2, 43, 33, 2500, 2, 0, 0],
            "hola|0": [2, -1, 19, 16, 2500, 3, 0, 0],  // suspended review card
            "¿Cómo estás?|0": [3, 1, 1_796_548_200, 17, 2500, 4, 1, 1],  // relearning, due 09:10
            "¿Cómo estás?|1": [0, 0, 6, 0, 0, 0, 0, 0],
        ])
        #expect(tables.data["el gato|0"] == #"{"s":29.8265,"d":4.011,"dr":0.9,"decay":0.1542,"lrt":1796025600}"#)
        #expect(tables.data["Capital of France?|0"] == "{}")
        #expect(tables.data["El {{c1::perro}} come {{c2::carne}}.|1"] == #"{"pos":8}"#)
        #expect(contents.cards.count == 11)
    }

    @Test func revlogHasOneRowPerCountedAnswerAndTheReset() throws {
        let folder = try AnkiFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (_, tables) = try RoundTrip.export(in: folder)
        // 24 answers in the log, one of them undone; the forget is Anki's reset row.
        #expect(tables.revlog.filter { $0[1] > 0 }.count == 23)
        #expect(tables.revlog.filter { $0[1] == 0 } == [[1_796_115_600_000, 0, 0, 0, 0, 0, 4]])
        // id, ease, ivl, lastIvl, factor (difficulty × 100), time, type: learning, then review,
        // then a lapse from review.
        #expect(tables.revlogOf["¿Cómo estás?|0"] == [
            [1_795_165_260_000, 3, -600, 0, 212, 6000, 0],
            [1_795_165_860_000, 3, 2, -600, 211, 5000, 0],
            [1_795_597_200_000, 3, 17, 2, 210, 4000, 1],
            [1_796_547_600_000, 1, -600, 17, 739, 9000, 1],
        ])
        // Two answers in the same millisecond: the later row moves by 1 ms (ids are unique).
        #expect(tables.revlogOf["Longest river in Africa?|0"]?.last?.first == 1_795_251_600_001)
        #expect(tables.revlogOf["Which flag is this? <img src=\"flag.png\">|0"]?.first?.first == 1_795_251_600_000)
    }

    @Test func notesDecksTagsAndMedia() throws {
        let folder = try AnkiFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (_, tables) = try RoundTrip.export(in: folder)
        #expect(tables.decks == ["Default", "Geography", "Geography::Rivers", "Languages", "Languages::Spanish", "Misc"])
        #expect(tables.notes["el gato"] == [String(AnkiNotetype.basic.rawValue), " animals ", "el gato\u{1F}the <strong>cat</strong>"])
        #expect(tables.notes["¿Cómo estás?"] == [String(AnkiNotetype.basicAndReversed.rawValue), " greetings ",
                                                  "¿Cómo estás?\u{1F}How are you?"])
        #expect(tables.notes["El {{c1::perro}} come {{c2::carne}}."] == [String(AnkiNotetype.cloze.rawValue), " animals ",
                                                                        "El {{c1::perro}} come {{c2::carne}}.\u{1F}"])
        #expect(tables.notes["Is 2 &lt; 3 &amp; 4 &gt; 1?"]?.last == "Is 2 &lt; 3 &amp; 4 &gt; 1?\u{1F}yes")
        // Every deck uses the preset "Recall", which carries Recall's steps and FSRS parameters.
        #expect(tables.presets == [1: ["Default", "1.0 10.0", "0"], AnkiLegacySchema.presetID: ["Recall", "1.0 10.0", "21"]])
        #expect(Set(tables.deckPresets.filter { $0.key != "Default" }.values) == [AnkiLegacySchema.presetID])
        #expect(tables.media == ["flag.png": "0"])
        #expect(tables.mediaBytes == (try Data(contentsOf: RoundTrip.fixture.appendingPathComponent("Decks/media/flag.png"))))
    }

    /// Anki's own export of the imported package (made by check_apkg_in_anki.py) imports back
    /// into the cards Recall had, each in the state it had.
    @Test func ankisExportImportsBackIntoTheSameStates() throws {
        let folder = try AnkiFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try RoundTrip.collection(in: folder.appendingPathComponent("original"))
        let back = folder.appendingPathComponent("back")
        let store = try AnkiFixtures.store(in: back)
        let (plan, _) = try AnkiFixtures.importPackage("roundtrip/from-anki.apkg", into: back, store: store)
        #expect(plan.newCards == 11)
        let cards = CollectionLoader.load(root: back.appendingPathComponent("Decks")).cards
        #expect(Set(cards.map(\.id)) == Set(original.cards.map(\.id)))
        #expect(store.records.count == original.store.records.count)
        for card in original.cards {
            let mine = original.store.records[card.id]
            let theirs = store.records[card.id]
            #expect((mine == nil) == (theirs == nil), "'\(card.question)'")
            guard let mine, let theirs else { continue }
            var a = mine.schedule, b = theirs.schedule
            // Anki's unique revlog ids may move an answer by a millisecond.
            #expect(abs((a.lastReview ?? .distantPast).timeIntervalSince(b.lastReview ?? .distantPast)) < 0.01)
            (a.lastReview, b.lastReview) = (nil, nil)
            // A new card's due time is when it entered the log (here, its bury): not scheduling.
            if a.state == .new { a.due = b.due }
            #expect(a == b, "'\(card.question)'")
            #expect(mine.suspended == theirs.suspended, "'\(card.question)'")
            #expect((mine.buriedUntilDay == nil) == (theirs.buriedUntilDay == nil), "'\(card.question)'")
        }
        try store.close()
    }
}

/// The round-trip fixture (Fixtures/roundtrip: decks, media and reviews.jsonl, written by
/// check_apkg_in_anki.py), exported at its time.
enum RoundTrip {
    /// 2026-12-06 12:00 UTC, the script's RECALL_NOW.
    static let now = Date(timeIntervalSince1970: 1_796_558_400)

    static var fixture: URL {
        get throws { URL(fileURLWithPath: try AnkiFixtures.path("roundtrip")) }
    }

    /// A copy of the fixture's decks in `folder/Decks` with its history merged into a store.
    static func collection(in folder: URL) throws -> (root: URL, store: ProgressStore, cards: [Card], notes: [AnkiTextExport.Item]) {
        let root = folder.appendingPathComponent("Decks")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try fixture.appendingPathComponent("Decks"), to: root)
        let store = try AnkiFixtures.store(in: folder)
        _ = try store.merge(from: try fixture.appendingPathComponent("reviews.jsonl").path)
        let files = CollectionLoader.load(root: root).files
        let notes = files.flatMap { file in
            DeckFile.load(path: root.path + "/" + file, displayPath: file, deck: DeckName.forFile(relativePath: file)).notes
                .map { AnkiTextExport.Item(note: $0, isMarkdown: file.hasSuffix(".md")) }
        }
        return (root, store, CollectionLoader.load(root: root).cards, notes)
    }

    struct Tables {
        var crt: Int64 = 0
        var cards: [String: [Int64]] = [:]
        var data: [String: String] = [:]
        var revlog: [[Int64]] = []
        var revlogOf: [String: [[Int64]]] = [:]
        var decks: [String] = []
        /// Deck name → its options preset id; preset id → name, learning steps, FSRS parameter count.
        var deckPresets: [String: Int64] = [:]
        var presets: [Int64: [String]] = [:]
        var notes: [String: [String]] = [:]
        var media: [String: String] = [:]
        var mediaBytes = Data()
    }

    /// Exports the fixture collection and reads the package's tables back.
    static func export(in folder: URL) throws -> (AnkiPackageContents, Tables) {
        let c = try collection(in: folder)
        let contents = AnkiPackageBuilder.build(c.notes, log: try c.store.loadEntries(), replay: c.store.replay, now: now)
        let path = folder.appendingPathComponent("out.apkg").path
        _ = try AnkiPackageWriter.write(contents, collectionRoot: c.root, to: path, replace: false)
        try c.store.close()
        return (contents, try read(path))
    }

    static func read(_ path: String) throws -> Tables {
        var budget = AnkiUnpackBudget(limits: AnkiSizeLimits())
        let package = try AnkiPackage.open(path: path, budget: &budget)
        #expect(package.collectionEntry.path == "collection.anki21")
        let staging = try AnkiStaging()
        let sqlite = try package.unpackCollection(into: staging, budget: &budget)
        var t = Tables()
        t.media = package.media.entries
        if let flag = try package.unpackMedia(named: "flag.png", as: "flag", into: staging, budget: &budget) {
            t.mediaBytes = try Data(contentsOf: URL(fileURLWithPath: flag))
        }
        let db = try DatabaseQueue(path: sqlite)
        try db.read { db in
            t.crt = try Int64.fetchOne(db, sql: "SELECT crt FROM col") ?? 0
            let decks = try String.fetchOne(db, sql: "SELECT decks FROM col") ?? ""
            let object = try JSONSerialization.jsonObject(with: Data(decks.utf8)) as? [String: [String: Any]] ?? [:]
            t.decks = object.values.compactMap { $0["name"] as? String }.sorted()
            for deck in object.values { t.deckPresets[deck["name"] as? String ?? "?"] = (deck["conf"] as? NSNumber)?.int64Value }
            let dconf = try String.fetchOne(db, sql: "SELECT dconf FROM col") ?? ""
            let presets = try JSONSerialization.jsonObject(with: Data(dconf.utf8)) as? [String: [String: Any]] ?? [:]
            for preset in presets.values {
                let steps = (preset["new"] as? [String: Any])?["delays"] as? [Double] ?? []
                t.presets[(preset["id"] as? NSNumber)?.int64Value ?? 0] = [
                    preset["name"] as? String ?? "?", steps.map { String($0) }.joined(separator: " "),
                    String((preset["fsrsParams6"] as? [Double])?.count ?? 0),
                ]
            }
            for row in try Row.fetchAll(db, sql: "SELECT flds, mid, tags FROM notes") {
                let fields: String = row[0]
                let first = String(fields.prefix { $0 != "\u{1F}" })
                t.notes[first] = [String(row[1] as Int64), row[2], fields]
            }
            let sql = """
                SELECT substr(n.flds, 1, instr(n.flds || char(31), char(31)) - 1) || '|' || c.ord,
                       c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses, c.left, c.data, c.id
                FROM cards c JOIN notes n ON n.id = c.nid
                """
            var keyOf: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: sql) {
                let key: String = row[0]
                t.cards[key] = (1...8).map { row[$0] as Int64 }
                t.data[key] = row[9]
                keyOf[row[10]] = key
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, ease, ivl, lastIvl, factor, time, type, cid FROM revlog ORDER BY id") {
                let values = (0...6).map { row[$0] as Int64 }
                t.revlog.append(values)
                if let key = keyOf[row[7]] { t.revlogOf[key, default: []].append(values) }
            }
        }
        return t
    }
}
