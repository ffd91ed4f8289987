import Foundation
import Testing
@testable import RecallCore

@Suite struct CardActionTests {
    let fixture = SearchFixture()
    var replay: CollectionReplay { fixture.context.replay }
    let id = { (n: UInt64) in CardID(rawValue: n) }

    func entries(_ action: CardAction, _ cards: [UInt64]) -> [ReviewLogEntry] {
        action.entries(for: cards.map(id), records: fixture.records, replay: replay,
                       time: SearchFixture.now, device: "d2")
    }

    func applied(_ entries: [ReviewLogEntry]) -> CardRecords {
        replay.apply(entries, to: fixture.records).records
    }

    /// Cards already as the action would leave them get no entry, so the count of entries
    /// is the number of cards changed.
    @Test func onlyCardsThatChangeGetAnEntry() {
        #expect(entries(.suspend, [1, 2, 3]).map(\.card) == [id(2), id(3)])
        #expect(entries(.unsuspend, [1, 2, 3]).map(\.card) == [id(1)])
        #expect(entries(.bury, [4, 5]).map(\.card) == [id(4)])
        #expect(entries(.unbury, [4, 5]).map(\.card) == [id(5)])
        #expect(entries(.forget, [2, 3, 4]).map(\.card) == [id(3), id(4)])
        #expect(entries(.setDue(0...0, seed: 1), [2, 3]).map(\.card) == [id(3)])
    }

    @Test func eachActionDoesWhatItSays() throws {
        let today = replay.calendar.dayNumber(SearchFixture.now)
        var records = applied(entries(.unsuspend, [1]))
        #expect(records[id(1)]?.suspended == false)
        records = applied(entries(.unbury, [5]))
        #expect(records[id(5)]?.isBuried(onDay: today) == false)
        records = applied(entries(.forget, [3]))
        #expect(records[id(3)]?.schedule.state == .new)
        #expect(records[id(3)]?.reviewCount == 3)
        records = applied(entries(.setDue(0...0, seed: 1), [3]))
        #expect(records[id(3)].map { replay.calendar.dayNumber($0.schedule.due) } == today)
        #expect(records[id(3)]?.schedule.state == .review)
    }

    /// A spread draws each card's day from the range, the same way on every run.
    @Test func setDueSpreadsOverTheRangeWithASeed() {
        let cards = (1...40).map { CardID(rawValue: $0) }
        let action = CardAction.setDue(3...7, seed: 42)
        let days = cards.compactMap { action.target(for: $0, replay: replay, time: SearchFixture.now) }
            .map { replay.calendar.dayNumber($0) - replay.calendar.dayNumber(SearchFixture.now) }
        #expect(days.allSatisfy { (3...7).contains($0) })
        #expect(Set(days).count == 5)
        #expect(days == cards.compactMap { action.target(for: $0, replay: replay, time: SearchFixture.now) }
            .map { replay.calendar.dayNumber($0) - replay.calendar.dayNumber(SearchFixture.now) })
    }

    /// Rescheduling a review card whose interval was cut short by a set-due puts its due
    /// date back where its memory state says.
    @Test func rescheduleRecomputesTheDueDateFromMemory() {
        let before = fixture.records[id(3)]?.schedule.due
        let moved = applied(entries(.setDue(0...0, seed: 1), [3]))
        #expect(moved[id(3)]?.schedule.due != before)
        let back = replay.apply([ReviewLogEntry(event: .reschedule, card: id(3), time: SearchFixture.now.addingTimeInterval(1), device: "d2")],
                                to: moved).records
        #expect(back[id(3)]?.schedule.due == before)
    }
}
