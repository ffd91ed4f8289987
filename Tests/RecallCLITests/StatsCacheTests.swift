import Foundation
import Testing
import RecallCore
import RecallStore
@testable import RecallCLI
import RecallTestSupport

/// `recall stats` from `state.json` + the stats caches + the log tail must give exactly
/// what a replay of the whole log gives, on a log with undo, suspend, unsuspend and forget.
@Suite struct StatsCacheTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let start = Date(timeIntervalSince1970: 1_760_000_000)
    static let now = start.addingTimeInterval(90 * 86_400)

    /// A temp collection of 12 cards; removed at the end of the test.
    final class Collection {
        let root: URL
        var decks: URL { root.appendingPathComponent("Decks") }
        var location: StoreLocation {
            StoreLocation(dataDirectory: root.appendingPathComponent("data").path, decksDirectory: decks.path)
        }

        init() throws {
            root = RecallProcess.temporaryDirectory("recall-statscache")
            try FileManager.default.createDirectory(at: decks, withIntermediateDirectories: true)
            let text = (1...12).map { "question \($0) :: answer \($0)\n" }.joined(separator: "\n")
            try text.write(to: decks.appendingPathComponent("Deck.md"), atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        var cards: [Card] { CollectionLoader.load(root: decks).cards }

        /// Appends `entries` through a writable store and closes it (which writes `state.json`).
        /// A study session. With `rewritingSnapshot`, one long enough that closing rewrites
        /// `state.json` (more than `snapshotLag` lines behind); otherwise the snapshot stays
        /// and the next opening replays the entries from the log.
        func append(_ entries: [ReviewLogEntry], rewritingSnapshot: Bool = false) throws {
            let store = try ProgressStore.open(location, device: "test", timeZone: StatsCacheTests.utc, forWriting: true)
            for entry in entries { try store.append(entry) }
            if rewritingSnapshot { try store.saveSnapshot() }
            try store.close()
        }

        func readOnly() throws -> ProgressStore {
            try ProgressStore.open(location, device: "", timeZone: StatsCacheTests.utc, forWriting: false)
        }

        var statePath: String { location.folder + "/state.json" }
        var cachePath: String { location.folder + "/stats-reviews.bin" }
    }

    /// Reviews of every card over `days` days from `day`, with a suspend, unsuspend and forget.
    static func history(_ cards: [Card], days: Range<Int>, seed: Int) -> [ReviewLogEntry] {
        var out: [ReviewLogEntry] = []
        for day in days {
            for (i, card) in cards.enumerated() where (i + day + seed) % 3 == 0 {
                let time = start.addingTimeInterval(Double(day * 86_400 + i * 60 + seed))
                let rating = Rating(rawValue: 1 + (i * 7 + day + seed) % 4) ?? .good
                out.append(.review(card.id, rating, at: time, durationMs: 1000 + i * 10, device: "test"))
            }
        }
        let t = start.addingTimeInterval(Double(days.upperBound * 86_400))
        out.append(ReviewLogEntry(event: .suspend, card: cards[1].id, time: t, device: "test"))
        out.append(ReviewLogEntry(event: .forget, card: cards[2].id, time: t.addingTimeInterval(1), device: "test"))
        out.append(ReviewLogEntry(event: .unsuspend, card: cards[1].id, time: t.addingTimeInterval(2), device: "test"))
        return out
    }

    /// An undo of the last review in `entries` (appended right after it).
    static func undo(_ entries: [ReviewLogEntry]) -> ReviewLogEntry? {
        guard let last = entries.last(where: { $0.event == .review }) else { return nil }
        return ReviewLogEntry(event: .undo, card: last.card, time: last.time.addingTimeInterval(5),
                              device: "test", target: last.time)
    }

    /// The JSON `recall stats --json` prints for `input`.
    static func json(_ input: StatsInput, filter: StatsFilter = .all) throws -> String {
        try StatsJSON.render(StatsReport.compute(input, filter: filter), scope: "all decks")
    }

    /// The same cards and the same report (and the same reviews, where neither input sums
    /// its prefix up).
    static func expectSame(_ a: StatsInput, _ b: StatsInput, filter: StatsFilter = .all) throws {
        if a.prefixSummary == nil && b.prefixSummary == nil { #expect(a.reviews == b.reviews) }
        #expect(a.cards == b.cards)
        #expect(try json(a, filter: filter) == json(b, filter: filter))
    }

    /// Writes a snapshot after `first`, then appends `tail` without updating the snapshot.
    static func collection(first: [ReviewLogEntry], tail: [ReviewLogEntry], in c: Collection) throws {
        try c.append(first, rewritingSnapshot: true)
        let snapshot = try Data(contentsOf: URL(fileURLWithPath: c.statePath))
        try c.append(tail)
        try snapshot.write(to: URL(fileURLWithPath: c.statePath))
    }

    @Test func cacheAndTailGiveTheWholeLogReplay() throws {
        let c = try Collection()
        let cards = c.cards
        var first = Self.history(cards, days: 0..<30, seed: 0)
        first.insert(try #require(Self.undo(first)), at: first.count - 3)
        let tail = Self.history(cards, days: 40..<50, seed: 1)
        try Self.collection(first: first, tail: tail, in: c)

        let full = try c.readOnly()
        let expected = StatsInput(cards: cards, log: try full.loadEntries(), replay: full.replay, now: Self.now)
        #expect(expected.reviews.count > 100)
        #expect(!FileManager.default.fileExists(atPath: c.cachePath))
        let store = try c.readOnly()
        #expect(store.statsBase()?.tail.isEmpty == false)
        let computed = try StatsLoader.input(store: store, cards: { cards }, now: Self.now)
        try Self.expectSame(computed, expected)
        #expect(FileManager.default.fileExists(atPath: c.cachePath))
        let again = try c.readOnly()
        #expect(again.statsBase()?.cachedReviews?.isEmpty == false)
        #expect(again.statsBase(summaryOnly: true)?.cachedSummary?.total ?? 0 > 100)
        // The whole collection from the cache's summary, a deck from its reviews.
        let summed = try StatsLoader.input(store: again, cards: { cards }, now: Self.now)
        #expect(summed.prefixSummary != nil)
        #expect(summed.reviews.count < expected.reviews.count)
        try Self.expectSame(summed, expected)
        let deck = StatsFilter.deck("Deck")
        let perDeck = try StatsLoader.input(store: again, cards: { cards }, now: Self.now, filter: deck)
        #expect(perDeck.prefixSummary == nil)
        try Self.expectSame(perDeck, expected, filter: deck)
        try Self.expectSame(perDeck, expected, filter: .tag("none"))
    }

    @Test func undoInTheTailFallsBackToTheWholeLog() throws {
        let c = try Collection()
        let cards = c.cards
        let first = Self.history(cards, days: 0..<20, seed: 0)
        let undo = try #require(Self.undo(first))
        let tail = [ReviewLogEntry(event: .undo, card: undo.card, time: Self.start.addingTimeInterval(30 * 86_400),
                                   device: "test", target: undo.target)] + Self.history(cards, days: 31..<35, seed: 2)
        try Self.collection(first: first, tail: tail, in: c)
        let full = try c.readOnly()
        let expected = StatsInput(cards: cards, log: try full.loadEntries(), replay: full.replay, now: Self.now)
        try Self.expectSame(try StatsLoader.input(store: try c.readOnly(), cards: { cards }, now: Self.now), expected)
        // As the command loads it (decks on another thread, awaited by both paths).
        let options = try CollectionOptions.parse(["--decks", c.decks.path, "--data", c.root.appendingPathComponent("data").path])
        try Self.expectSame(try StatsLoader.load(options, now: Self.now, timeZone: Self.utc), expected)
    }

    @Test func aSessionExtendsTheCacheSummary() throws {
        let c = try Collection()
        let cards = c.cards
        try c.append(Self.history(cards, days: 0..<20, seed: 0))
        _ = try StatsLoader.input(store: try c.readOnly(), cards: { cards }, now: Self.now)  // makes the cache
        // A study session: its entries go into the log and the snapshot is rewritten at the end.
        try c.append(Self.history(cards, days: 25..<30, seed: 3), rewritingSnapshot: true)
        let full = try c.readOnly()
        let expected = StatsInput(cards: cards, log: try full.loadEntries(), replay: full.replay, now: Self.now)
        let store = try c.readOnly()
        let summary = try #require(store.statsBase(summaryOnly: true)?.cachedSummary)
        #expect(summary.total == expected.reviews.count)
        let input = try StatsLoader.input(store: store, cards: { cards }, now: Self.now)
        #expect(input.prefixSummary != nil)
        try Self.expectSame(input, expected)
        // Only the summary was kept: one deck rebuilds the per-review records, and still agrees.
        #expect(try c.readOnly().statsBase()?.cachedReviews == nil)
        let deck = StatsFilter.deck("Deck")
        try Self.expectSame(try StatsLoader.input(store: try c.readOnly(), cards: { cards }, now: Self.now, filter: deck),
                            expected, filter: deck)
        try Self.expectSame(try StatsLoader.input(store: try c.readOnly(), cards: { cards }, now: Self.now), expected)
    }

    @Test func aSessionWithAnUndoLeavesTheCacheToBeRebuilt() throws {
        let c = try Collection()
        let cards = c.cards
        try c.append(Self.history(cards, days: 0..<20, seed: 0))
        _ = try StatsLoader.input(store: try c.readOnly(), cards: { cards }, now: Self.now)
        var session = Self.history(cards, days: 25..<30, seed: 4)
        session.append(try #require(Self.undo(session)))
        try c.append(session)
        #expect(try c.readOnly().statsBase(summaryOnly: true)?.cachedSummary == nil)
        let full = try c.readOnly()
        let expected = StatsInput(cards: cards, log: try full.loadEntries(), replay: full.replay, now: Self.now)
        try Self.expectSame(try StatsLoader.input(store: try c.readOnly(), cards: { cards }, now: Self.now), expected)
    }

    @Test func staleCacheIsNotUsed() throws {
        let c = try Collection()
        let cards = c.cards
        try c.append(Self.history(cards, days: 0..<10, seed: 0))
        _ = try StatsLoader.input(store: try c.readOnly(), cards: { cards }, now: Self.now)
        #expect(FileManager.default.fileExists(atPath: c.cachePath))
        // New reviews rewrite the snapshot, so the old cache no longer fits it.
        try c.append(Self.history(cards, days: 12..<15, seed: 1), rewritingSnapshot: true)
        #expect(try c.readOnly().statsBase()?.cachedReviews == nil)
        let full = try c.readOnly()
        let expected = StatsInput(cards: cards, log: try full.loadEntries(), replay: full.replay, now: Self.now)
        try Self.expectSame(try StatsLoader.input(store: try c.readOnly(), cards: { cards }, now: Self.now), expected)
        // A different time zone: no snapshot fits, so no stats base at all.
        let other = try ProgressStore.open(c.location, device: "", timeZone: TimeZone(identifier: "Asia/Tokyo")!,
                                           forWriting: false)
        #expect(other.statsBase() == nil)
    }
}
