import Foundation
@testable import RecallCore

/// A small collection with a replayed history, for the query tables: each card has a short
/// name the tables use.
struct SearchFixture {
    /// 2026-03-10 12:00 UTC; study days start at midnight UTC.
    static let now = Date(timeIntervalSince1970: 1_773_144_000)
    static let day = 86_400.0

    let cards: [Card]
    let names: [CardID: String]
    let records: CardRecords
    let context: SearchContext

    init() {
        func card(_ n: UInt64, _ name: String, deck: String, file: String, q: String, a: String, tags: [String] = []) -> (Card, String) {
            (Card(id: CardID(rawValue: n), noteID: CardID(rawValue: 100 + n), deck: deck, question: q, answer: a,
                  tags: tags, source: SourceLocation(file: file, line: Int(n)), kind: .basic), name)
        }
        let made = [
            card(1, "closure", deck: "Swift::Closures", file: "Swift/Closures.md", q: "What is a closure?",
                 a: "A function that captures its context", tags: ["swift", "lang::swift"]),
            card(2, "cafe", deck: "Swift", file: "Swift.md", q: "Café, in German?", a: "Kaffee", tags: ["words"]),
            card(3, "france", deck: "Geography", file: "Geography.tsv", q: "Capital of France?", a: "Paris", tags: ["capitals"]),
            card(4, "japan", deck: "Geography", file: "Geography.tsv", q: "Capital of Japan?", a: "Tokyo", tags: ["capitals"]),
            card(5, "sm2", deck: "Spaced Repetition", file: "Spaced Repetition.txt", q: "Who wrote SM-2?", a: "Piotr Woźniak"),
            card(6, "ceasefire", deck: "World News::US", file: "World News/US and Hamas.txt", q: "When did the ceasefire start?", a: "In 2025"),
        ]
        cards = made.map(\.0)
        names = Dictionary(uniqueKeysWithValues: made.map { ($0.0.id, $0.1) })
        let t = { (days: Double) in SearchFixture.now.addingTimeInterval(-days * SearchFixture.day) }
        let id = { (n: UInt64) in CardID(rawValue: n) }
        let log: [ReviewLogEntry] = [
            .review(id(1), .good, at: t(20), device: "d"),
            .review(id(1), .good, at: t(19.9), device: "d"),
            ReviewLogEntry(event: .suspend, card: id(1), time: t(2), device: "d"),
            .review(id(3), .good, at: t(10), device: "d"),
            .review(id(3), .good, at: t(9.99), device: "d"),
            .review(id(3), .easy, at: t(1), device: "d"),
            .review(id(4), .again, at: t(0.01), device: "d"),
            .review(id(5), .good, at: t(1), device: "d"),
            .review(id(5), .good, at: t(0.99), device: "d"),
            ReviewLogEntry(event: .bury, card: id(5), time: t(0.1), device: "d"),
            .review(id(6), .good, at: t(60), device: "d"),
            .review(id(6), .good, at: t(59.99), device: "d"),
            .review(id(6), .again, at: t(40), device: "d"),
            .review(id(6), .good, at: t(39.99), device: "d"),
        ]
        var settings = CollectionSettings()
        settings.enableFuzz = false
        let replay = CollectionReplay(settings: settings, calendar: .utcMidnight)
        records = replay.replay(log).records
        context = SearchContext(now: SearchFixture.now, replay: replay,
                                history: SearchHistory(entries: log, calendar: .utcMidnight),
                                firstSeen: [id(2): replay.calendar.dayNumber(t(1)), id(3): replay.calendar.dayNumber(t(30))])
    }

    /// The names of the cards `query` selects, in card order.
    func select(_ query: String) throws -> [String] {
        let matcher = SearchMatcher(try SearchParser.parse(query), context: context)
        return cards.filter { matcher.matches($0, record: records[$0.id]) }.compactMap { names[$0.id] }
    }
}
