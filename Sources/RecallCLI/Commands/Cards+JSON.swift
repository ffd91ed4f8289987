import Foundation
import RecallCore

/// `recall cards --json`: every field of each card, in the listing's order.
enum CardsJSON {
    struct Entry: Encodable {
        var id: String
        var deck: String
        var source: String
        var file: String
        var line: Int
        var question: String
        var answer: String
        var tags: [String]
        var state: String
        var suspended: Bool
        var buried: Bool
        var leech: Bool
        /// The due time (ISO 8601, UTC); `nil` for a new card.
        var due: String?
        var dueInDays: Int?
        var intervalDays: Int
        var stability: Double?
        var difficulty: Double?
        var retrievability: Double?
        var reps: Int
        var lapses: Int
        /// Every counted review, including those before a `forget`.
        var reviews: Int
        var lastReview: String?
        var introduced: String?
    }

    struct Report: Encodable {
        var count: Int
        var cards: [Entry]
    }

    static func print(_ listing: CardListing, context: SearchContext) throws {
        let iso = ISO8601DateFormatter()
        let time = { (d: Date?) in d.map { iso.string(from: $0) } }
        let entries = listing.rows.map { row -> Entry in
            let s = row.schedule
            let studied = !row.isNew
            return Entry(
                id: row.card.id.description, deck: row.card.deck, source: row.card.source.description,
                file: row.card.source.file, line: row.card.source.line, question: row.card.question,
                answer: row.card.answer, tags: row.card.tags, state: (s?.state ?? .new).rawValue,
                suspended: row.record?.suspended ?? false, buried: row.record?.isBuried(onDay: context.today) ?? false,
                leech: row.record?.isLeech ?? false, due: studied ? time(s?.due) : nil, dueInDays: row.dueInDays,
                intervalDays: s?.scheduledDays ?? 0, stability: studied ? s?.memory?.stability : nil,
                difficulty: studied ? s?.memory?.difficulty : nil, retrievability: row.retrievability,
                reps: s?.reps ?? 0, lapses: s?.lapses ?? 0, reviews: row.record?.reviewCount ?? 0,
                lastReview: time(s?.lastReview), introduced: time(row.record?.introduced))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        var data = try encoder.encode(Report(count: entries.count, cards: entries))
        data.append(0x0A)
        Console.json(data)
    }
}
