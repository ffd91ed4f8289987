import Foundation
import Testing
@testable import RecallAnki
import RecallCore

/// Revlog rows become Recall entries as Anki's FSRS reads them.
@Suite struct AnkiHistoryTests {
    typealias Row = AnkiCollection.Revlog
    static let day: Int64 = 86_400_000
    static let card = CardID(rawValue: 42)

    static func row(_ dayNumber: Int64, type: Int, ease: Int = 3, factor: Int = 2500, interval: Int = 1) -> Row {
        Row(id: dayNumber * day, card: 1, ease: ease, type: type, factor: factor, interval: interval, durationMs: 4000)
    }

    static func events(_ rows: [Row], queue: Int = 0) -> [String] {
        AnkiHistory.entries(rows[...], card: card, queue: queue, modified: 0, device: "anki-import").map { e in
            let day = Int64((e.time.timeIntervalSince1970 * 1000).rounded()) / Self.day
            return "\(e.event.rawValue)\(e.rating.map { " \($0)" } ?? "") day \(day)"
        }
    }

    /// Each keeps the interval in days Anki gave (`ivl`); a learning step (negative seconds in
    /// Anki) keeps none, and an interval past the longest a log line holds is capped.
    @Test func gradedRowsBecomeReviewsWithTimesDurationsAndIntervals() {
        let rows = [Self.row(1, type: 0, interval: -600), Self.row(2, type: 0, interval: 3),
                    Self.row(5, type: 1, ease: 4, interval: 99_999)]
        let entries = AnkiHistory.entries(rows[...], card: Self.card, queue: 0, modified: 0, device: "anki-import")
        let review = { (rating: Rating, day: Double, ivl: Int?) in
            ReviewLogEntry(event: .review, card: Self.card, time: Date(timeIntervalSince1970: day * 86_400), rating: rating,
                           durationMs: 4000, device: "anki-import", scheduledDays: ivl)
        }
        #expect(entries == [review(.good, 1, nil), review(.good, 2, 3), review(.easy, 5, 36_500)])
    }

    @Test func crammingAndManualRowsAreLeftOut() {
        let rows = [Self.row(1, type: 0), Self.row(3, type: 3, factor: 0), Self.row(4, type: 4, ease: 0, factor: 2500),
                    Self.row(5, type: 5, ease: 0), Self.row(6, type: 3, ease: 2), Self.row(9, type: 1)]
        #expect(Self.events(rows) == ["review good day 1", "review hard day 6", "review good day 9"])
    }

    @Test func aResetStartsTheCardAgain() {
        let rows = [Self.row(1, type: 0), Self.row(2, type: 1), Self.row(5, type: 4, ease: 0, factor: 0),
                    Self.row(6, type: 0, ease: 1, interval: -600), Self.row(7, type: 1)]
        // One forget, just before the new learning steps (day 6 less a millisecond).
        #expect(Self.events(rows) == ["review good day 1", "review good day 2", "forget day 5", "review again day 6", "review good day 7"])
    }

    @Test func aResetWithNothingAfterLeavesTheCardNew() {
        let rows = [Self.row(1, type: 0), Self.row(2, type: 1), Self.row(5, type: 4, ease: 0, factor: 0)]
        #expect(AnkiHistory.memoryStart(rows[...]) == .noneAfter(2))
        #expect(Self.events(rows) == ["review good day 1", "review good day 2", "forget day 5"])
    }

    @Test func onlyTheLastRunOfLearningStepsCounts() {
        // Old Anki versions reset cards without a revlog row: a new run of learning steps.
        let rows = [Self.row(1, type: 0), Self.row(3, type: 1), Self.row(8, type: 0), Self.row(9, type: 1)]
        #expect(AnkiHistory.memoryStart(rows[...]) == .start(2))
        let events = Self.events(rows)
        #expect(events.count == 5)
        #expect(events[2] == "forget day 7")  // just before day 8's first step
    }

    @Test func suspendedAndBuriedCardsStaySo() {
        let rows = [Self.row(1, type: 0)]
        #expect(Self.events(rows, queue: -1).last == "suspend day 1")
        #expect(Self.events(rows, queue: -2).last == "bury day 1")
        #expect(Self.events(rows, queue: -3).last == "bury day 1")
        #expect(Self.events(rows, queue: 2).count == 1)
    }
}
