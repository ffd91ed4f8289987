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
    /// already has (their notes are not written again); `now` bounds the review times taken
    /// from the history; `limits` bound what may be unpacked. `progress` gets a fraction in
    /// 0...1 and a label. Throws ``AnkiImportError`` for a damaged, unreadable or too large
    /// package. Everything is checked here: the plan holds only values that can be written.
    public static func plan(package path: String, existingCards: Set<CardID>, device: String = device,
                            now: Date = Date(), limits: AnkiSizeLimits = AnkiSizeLimits(),
                            progress: (Double, String) -> Void = { _, _ in }) throws(AnkiImportError) -> AnkiImportPlan {
        progress(0.02, "opening")
        var budget = AnkiUnpackBudget(limits: limits)
        let package = try AnkiPackage.open(path: path, budget: &budget)
        let staging = try AnkiStaging()
        progress(0.1, "unpacking")
        let sqlite = try package.unpackCollection(into: staging, budget: &budget)
        progress(0.25, "reading notes and reviews")
        let collection = try AnkiCollection.read(path: sqlite, packagePath: path)
        try? FileManager.default.removeItem(atPath: sqlite)
        progress(0.45, "converting notes")
        var converter = AnkiNoteConverter()
        converter.convert(collection)
        var plan = AnkiImportPlan()
        plan.staging = staging
        plan.ankiDayStartHour = collection.dayStartHour
        plan.cleanedFields = converter.cleanedFields
        plan.cleanedDeckNames = converter.cleanedDeckNames.count
        var decks = AnkiDeckPlanner(known: existingCards)
        for deck in converter.deckOrder {
            if let file = decks.plan(deck: deck, notes: converter.notes[deck] ?? [], plan: &plan) { plan.files.append(file) }
        }
        progress(0.6, "converting reviews")
        for (anki, slot) in converter.slots { if let id = decks.ids[slot] { plan.cardIDs[anki] = id } }
        var adjustments = HistoryAdjustments()
        plan.entries = history(collection, cardIDs: plan.cardIDs, device: device, now: now, adjustments: &adjustments)
        progress(0.7, "reading media")
        try addMedia(converter.fieldText.media, from: package, staging: staging, budget: &budget, to: &plan)
        plan.warnings += warnings(converter, decks) + warnings(collection, adjustments)
        return plan
    }

    /// What the history's conversion left out or changed, for the import's warnings.
    struct HistoryAdjustments: Equatable {
        /// Review rows whose time is outside ``reviewWindow(now:)``.
        var reviewsOutside = 0
        /// Durations and card change times moved into range.
        var valuesClamped = 0
    }

    /// The times a review-log entry may have, in unix milliseconds: from 1990 to a day after
    /// `now`. Anki's rows outside it are left out, so that no entry Recall writes is refused
    /// by its own log reader or overflows arithmetic later.
    static func reviewWindow(now: Date) -> ClosedRange<Int64> {
        let earliest: Int64 = 631_152_000_000  // 1990-01-01
        let latest = Int64(max(0, min(now.timeIntervalSince1970, 1e15)) * 1000) + 86_400_000
        return earliest...max(earliest, latest)
    }

    static func history(_ collection: AnkiCollection, cardIDs: [Int64: CardID], device: String, now: Date,
                        adjustments: inout HistoryAdjustments) -> [ReviewLogEntry] {
        let window = reviewWindow(now: now)
        let longest = Int(Int32.max)
        var rows: [AnkiCollection.Revlog] = []
        rows.reserveCapacity(collection.revlog.count)
        for var row in collection.revlog {
            guard window.contains(row.id) else { adjustments.reviewsOutside += 1; continue }
            if row.durationMs < 0 || row.durationMs > longest {
                row.durationMs = min(max(row.durationMs, 0), longest)
                adjustments.valuesClamped += 1
            }
            rows.append(row)
        }
        var revlogStart: [Int64: Range<Int>] = [:]
        var i = 0
        while i < rows.count {
            var j = i + 1
            while j < rows.count, rows[j].card == rows[i].card { j += 1 }
            revlogStart[rows[i].card] = i..<j
            i = j
        }
        let seconds = (window.lowerBound / 1000)...(window.upperBound / 1000)
        var entries: [ReviewLogEntry] = []
        entries.reserveCapacity(rows.count)
        for card in collection.cards {
            guard let id = cardIDs[card.id] else { continue }
            let mine = revlogStart[card.id].map { rows[$0] } ?? []
            var modified = card.modified
            if (card.queue < 0) && !seconds.contains(modified) {
                modified = min(max(modified, seconds.lowerBound), seconds.upperBound)
                adjustments.valuesClamped += 1
            }
            entries += AnkiHistory.entries(mine, card: id, queue: card.queue, modified: modified, device: device)
                .filter { window.contains(ReviewLogFile.ms($0.time)) }
        }
        entries.sort(by: ReviewLogEntry.order)
        return entries
    }

    private static func addMedia(_ names: Set<String>, from package: AnkiPackage, staging: AnkiStaging,
                                 budget: inout AnkiUnpackBudget, to plan: inout AnkiImportPlan) throws(AnkiImportError) {
        var missing: [String] = []
        for (index, name) in names.sorted().enumerated() {
            guard let staged = try package.unpackMedia(named: name, as: "media-\(index)", into: staging, budget: &budget) else {
                missing.append(name)
                continue
            }
            plan.media.append(.init(relativePath: AnkiFieldText.mediaFolder + "/" + AnkiFieldText.safeName(name),
                                    stagedPath: staged))
        }
        if !missing.isEmpty {
            let shown = missing.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (missing.count > 3 ? ", …" : "")
            plan.warnings.append("\(missing.count) media \(missing.count == 1 ? "file is" : "files are") referenced but not in the package: \(shown)")
        }
    }

    private static func warnings(_ collection: AnkiCollection, _ adjustments: HistoryAdjustments) -> [String] {
        var out: [String] = []
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        if collection.skippedNotes > 0 {
            out.append("\(count(collection.skippedNotes, "note", "notes")) left out: a missing or unreadable id")
        }
        if collection.skippedCards > 0 {
            out.append("\(count(collection.skippedCards, "card", "cards")) left out: a missing or out-of-range id or card number")
        }
        if collection.skippedReviews > 0 {
            out.append("\(count(collection.skippedReviews, "review", "reviews")) of history left out: a missing or unreadable value")
        }
        if adjustments.reviewsOutside > 0 {
            out.append("\(count(adjustments.reviewsOutside, "review", "reviews")) of history left out: a time before 1990 or after tomorrow")
        }
        if adjustments.valuesClamped > 0 {
            out.append("\(count(adjustments.valuesClamped, "value", "values")) of history out of range (review durations, card change times) brought into range")
        }
        return out
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
