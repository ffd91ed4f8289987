import Foundation
import RecallCore
import RecallStore

/// Imports an Anki `.apkg`/`.colpkg`: notes become Markdown deck files, media files are
/// extracted, and the review history becomes Recall review-log entries.
///
/// ``plan(package:existingCards:device:progress:)`` reads and checks the whole package and
/// writes nothing; ``apply(_:collectionRoot:store:)`` then writes the files and merges the
/// history into the progress store. Merging is a union, so importing the same package again
/// adds no entry twice.
public enum AnkiImporter {
    /// The device id written into imported entries.
    public static let device = "anki-import"

    /// Reads `path` and works out what to write. `existingCards` are the cards the collection
    /// already has (their notes are not written again). `progress` gets a fraction in 0...1
    /// and a label. Throws ``AnkiImportError`` for a damaged or unreadable package.
    public static func plan(package path: String, existingCards: Set<CardID>, device: String = device,
                            progress: (Double, String) -> Void = { _, _ in }) throws(AnkiImportError) -> AnkiImportPlan {
        progress(0.02, "opening")
        let package = try AnkiPackage.open(path: path)
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("recall-anki-\(getpid())-\(UUID().uuidString)").path
        do { try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true) } catch {
            throw AnkiImportError("cannot create the temporary folder '\(temp)'")
        }
        defer { try? FileManager.default.removeItem(atPath: temp) }
        progress(0.1, "unpacking")
        let sqlite = try package.extractCollection(to: temp)
        progress(0.25, "reading notes and reviews")
        let collection = try AnkiCollection.read(path: sqlite, packagePath: path)
        progress(0.45, "converting notes")
        var converter = AnkiNoteConverter()
        converter.convert(collection)
        var plan = AnkiImportPlan()
        plan.ankiDayStartHour = collection.dayStartHour
        var decks = AnkiDeckPlanner(known: existingCards)
        for deck in converter.deckOrder {
            if let file = decks.plan(deck: deck, notes: converter.notes[deck] ?? [], plan: &plan) { plan.files.append(file) }
        }
        progress(0.6, "converting reviews")
        for (anki, slot) in converter.slots { if let id = decks.ids[slot] { plan.cardIDs[anki] = id } }
        plan.entries = history(collection, cardIDs: plan.cardIDs, device: device)
        progress(0.7, "reading media")
        try addMedia(converter.fieldText.media, from: package, to: &plan)
        plan.warnings += warnings(converter, decks)
        return plan
    }

    static func history(_ collection: AnkiCollection, cardIDs: [Int64: CardID], device: String) -> [ReviewLogEntry] {
        var revlogStart: [Int64: Range<Int>] = [:]
        var i = 0
        let rows = collection.revlog
        while i < rows.count {
            var j = i + 1
            while j < rows.count, rows[j].card == rows[i].card { j += 1 }
            revlogStart[rows[i].card] = i..<j
            i = j
        }
        var entries: [ReviewLogEntry] = []
        entries.reserveCapacity(rows.count)
        for card in collection.cards {
            guard let id = cardIDs[card.id] else { continue }
            let mine = revlogStart[card.id].map { rows[$0] } ?? []
            entries += AnkiHistory.entries(mine, card: id, queue: card.queue, modified: card.modified, device: device)
        }
        entries.sort(by: ReviewLogEntry.order)
        return entries
    }

    private static func addMedia(_ names: Set<String>, from package: AnkiPackage, to plan: inout AnkiImportPlan) throws(AnkiImportError) {
        var missing: [String] = []
        for name in names.sorted() {
            guard let data = try package.mediaData(named: name) else { missing.append(name); continue }
            plan.media.append(.init(relativePath: AnkiFieldText.mediaFolder + "/" + AnkiFieldText.safeName(name), data: data))
        }
        if !missing.isEmpty {
            let shown = missing.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (missing.count > 3 ? ", …" : "")
            plan.warnings.append("\(missing.count) media \(missing.count == 1 ? "file is" : "files are") referenced but not in the package: \(shown)")
        }
    }

    private static func warnings(_ converter: AnkiNoteConverter, _ decks: AnkiDeckPlanner) -> [String] {
        var out: [String] = []
        for (name, count) in converter.looseTypes.sorted(by: { $0.key < $1.key }) {
            out.append("note type '\(name)' is not a Basic or Cloze type: its first field became the question and the other fields the answer (\(count) \(count == 1 ? "note" : "notes"))")
        }
        for (reason, count) in converter.skipped.sorted(by: { $0.key < $1.key }) {
            out.append("\(count) \(count == 1 ? "note" : "notes") left out: \(reason)")
        }
        if decks.unreadable > 0 {
            out.append("\(decks.unreadable) \(decks.unreadable == 1 ? "note" : "notes") left out: text that does not read back as a Markdown card")
        }
        return out
    }
}
