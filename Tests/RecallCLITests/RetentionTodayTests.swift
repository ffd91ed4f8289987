import Foundation
import RecallCore
@testable import RecallStore
import Testing
@testable import RecallCLI

/// "Retention today" in a review's summary counts the answers of earlier sessions that day.
/// It is usually computed from the entries since the snapshot; it must always equal a replay
/// of the whole log.
@Suite struct RetentionTodayTests {
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    let utc = TimeZone(identifier: "UTC")!

    func open(_ f: StudyFixture, at now: Date) throws -> StoreStudyData {
        try StoreStudyData(decksRoot: f.decks, dataDirectory: f.data, timeZone: utc, now: now)
    }

    func answer(_ data: StoreStudyData, _ card: Card, _ rating: Rating, at time: Date) throws {
        try data.append(.review(card.id, rating, at: time, device: data.device), flush: true)
    }

    /// Today's retention as the session computes it, checked against a replay of the whole log.
    func retention(_ data: StoreStudyData, now: Date) throws -> (passed: Int, total: Int) {
        let counted = data.retentionToday(now: now, of: nil)
        let whole = StoreStudyData.retentionToday(entries: try data.store.loadEntries(), replay: data.store.replay, now: now)
        #expect(counted.passed == whole.passed)
        #expect(counted.total == whole.total)
        return counted
    }

    @Test func earlierSessionsTodayAreCountedFromTheEntriesSinceTheSnapshot() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        // Day 0: every card learnt into review state (the snapshot is written at close).
        var data = try open(f, at: t0)
        let cards = data.cards
        #expect(cards.count == 3)
        for card in cards {
            var time = t0
            while data.records[card.id]?.schedule.state != .review {
                try answer(data, card, .good, at: time)
                time += 600
            }
        }
        try data.close()

        // Day 5, first session: one review passed, one failed and then relearnt.
        let day5 = t0 + 5 * 86_400
        data = try open(f, at: day5)
        #expect(try retention(data, now: day5) == (0, 0))
        try answer(data, cards[0], .good, at: day5)
        try answer(data, cards[1], .again, at: day5 + 60)
        try answer(data, cards[1], .good, at: day5 + 700)
        try data.close()

        // Day 5, second session: the first session's answers, from the entries since the snapshot.
        let later = day5 + 3600
        data = try open(f, at: later)
        #expect(data.store.statsTrail?.entries.count == 3)
        #expect(try retention(data, now: later) == (1, 2))
        // As a shell's next review sees it: this process's answers count too.
        try answer(data, cards[2], .good, at: later + 10)
        #expect(try retention(data, now: later + 20) == (2, 3))
        // An undo leaves no known starting point: the whole log is replayed, with the same result.
        try data.append(ReviewLogEntry(event: .undo, card: cards[2].id, time: later + 30, device: data.device,
                                       target: later + 10), flush: true)
        #expect(data.store.statsTrail == nil)
        #expect(try retention(data, now: later + 40) == (1, 2))
        try data.close()

        // The next day nothing of today is there yet.
        data = try open(f, at: day5 + 86_400)
        #expect(try retention(data, now: day5 + 86_400) == (0, 0))
        try data.close()
    }
}
