import Foundation
import Testing
@testable import RecallCore

@Suite struct SessionTests {
    let start = Date(timeIntervalSince1970: 1_780_000_000)  // a fixed instant (2026-05-28 UTC)
    let replay = CollectionReplay(settings: CollectionSettings(), calendar: .utcMidnight)
    let cards = [makeCard("Q1", "A1", line: 1), makeCard("Q2", "A2", line: 3), makeCard("Q3", "A3", line: 5)]

    func session(_ queue: [Card]? = nil, records: CardRecords = [:]) -> ReviewSession {
        ReviewSession(queue: queue ?? cards, records: records, replay: replay, device: "test", now: start)
    }

    /// Answers the current card at `time` the way the REPL does: make the entry, then apply it.
    @discardableResult
    func answer(_ s: inout ReviewSession, _ rating: Rating, at time: Date) -> ReviewLogEntry {
        let entry = s.answerEntry(rating, at: time)
        #expect(entry != nil)
        guard let entry else { return ReviewLogEntry.review(cards[0].id, .good, at: time, device: "x") }
        s.apply(entry)
        return entry
    }

    @Test func newCardsThenLearningStepsComeBack() {
        var s = session()
        #expect(s.nextCard(at: start) == cards[0])
        #expect(s.left == QueueCounts(new: 3))
        #expect(s.preview(at: start)?.line.hasPrefix("1 again <1m  2 hard <6m  3 good <10m  4 easy ") == true)
        answer(&s, .good, at: start.addingTimeInterval(5))
        #expect(s.learning.count == 1)
        #expect(s.nextCard(at: start.addingTimeInterval(6)) == cards[1])
        #expect(s.left == QueueCounts(new: 2, learning: 1))
        answer(&s, .again, at: start.addingTimeInterval(10))
        #expect(s.nextCard(at: start.addingTimeInterval(11)) == cards[2])
        answer(&s, .easy, at: start.addingTimeInterval(15))
        // Nothing pending: card 2's one-minute step is within the learn-ahead limit.
        #expect(s.nextCard(at: start.addingTimeInterval(20)) == cards[1])
        answer(&s, .good, at: start.addingTimeInterval(25))
        #expect(s.nextCard(at: start.addingTimeInterval(30)) == cards[0])
        #expect(s.counts.answered == 4)
        #expect(s.counts.again == 1)
        #expect(s.counts.new == 3)
    }

    @Test func learningCardsBeyondLearnAheadEndTheSession() {
        var s = ReviewSession(queue: [cards[0]], records: [:], replay: replay, device: "t", now: start,
                              learnAheadMinutes: 5)
        _ = s.nextCard(at: start)
        answer(&s, .good, at: start)  // back in 10 minutes, beyond 5
        #expect(s.nextCard(at: start.addingTimeInterval(1)) == nil)
        #expect(s.nextCard(at: start.addingTimeInterval(301)) == cards[0])
    }

    @Test func dueLearningCardsGoFirstAndLaterOnesWait() {
        let learningRecord = replay.replay([.review(cards[2].id, .again, at: start.addingTimeInterval(-30), device: "t")])
        var s = session([cards[0], cards[2]], records: learningRecord.records)
        #expect(s.learning.map(\.card) == [cards[2]])
        #expect(s.nextCard(at: start) == cards[0])
        answer(&s, .easy, at: start.addingTimeInterval(1))
        #expect(s.nextCard(at: start.addingTimeInterval(40)) == cards[2])
    }

    @Test func undoRestoresTheCardAndLogsHonestly() {
        var s = session()
        _ = s.nextCard(at: start)
        let review = answer(&s, .again, at: start.addingTimeInterval(3.2004))
        _ = s.nextCard(at: start.addingTimeInterval(4))
        let undo = s.undoEntry(at: start.addingTimeInterval(5))
        #expect(undo?.event == .undo)
        #expect(undo?.card == cards[0].id)
        #expect(undo?.target == review.time)
        if let undo { s.apply(undo) }
        #expect(s.current == cards[0])
        #expect(s.pending.first == cards[1])
        #expect(s.records[cards[0].id] == nil)
        #expect(s.learning.isEmpty)
        #expect(s.counts == SessionCounts())
        #expect(!s.canUndo)
        // The replayed log agrees with the session: the undone review does not count.
        #expect(replay.replay([review] + [undo].compactMap { $0 }).records[cards[0].id] == nil)
    }

    @Test func severalLevelsOfUndo() {
        var s = session()
        for (i, rating) in [Rating.good, .hard, .easy].enumerated() {
            _ = s.nextCard(at: start.addingTimeInterval(Double(i * 10)))
            answer(&s, rating, at: start.addingTimeInterval(Double(i * 10 + 5)))
        }
        for expected in cards.reversed() {
            let entry = s.undoEntry(at: start.addingTimeInterval(100))
            if let entry { s.apply(entry) }
            #expect(s.current == expected)
        }
        #expect(s.undoEntry(at: start) == nil)
        #expect(s.pending == [cards[1], cards[2]])
    }

    @Test func buryAndSuspendTakeTheCardOut() {
        var s = session()
        _ = s.nextCard(at: start)
        let bury = s.flagEntry(.bury, at: start)
        #expect(bury?.event == .bury)
        if let bury { s.apply(bury) }
        #expect(s.current == nil)
        #expect(s.records[cards[0].id]?.isBuried(onDay: replay.calendar.dayNumber(start)) == true)
        #expect(s.nextCard(at: start) == cards[1])
        if let suspend = s.flagEntry(.suspend, at: start) { s.apply(suspend) }
        #expect(s.records[cards[1].id]?.suspended == true)
        #expect(s.counts.buried == 1 && s.counts.suspended == 1)
        #expect(s.flagEntry(.review, at: start) == nil)
    }

    @Test func skipMovesTheCardToTheEnd() {
        var s = session()
        _ = s.nextCard(at: start)
        s.skip()
        #expect(s.nextCard(at: start) == cards[1])
        #expect(s.pending == [cards[2], cards[0]])
    }

    @Test func entriesAreRoundedToMillisecondsAndDurationsCapped() {
        var s = session()
        _ = s.nextCard(at: start)
        let entry = s.answerEntry(.good, at: start.addingTimeInterval(0.0123456))
        #expect(entry?.durationMs == 12)
        #expect(entry?.time.timeIntervalSince1970 == 1_780_000_000.012)
        #expect(s.answerEntry(.good, at: start.addingTimeInterval(3600))?.durationMs == ReviewSession.maximumAnswerMs)
    }

    @Test func entriesAreStrictlyOrderedInTime() {
        var s = session()
        _ = s.nextCard(at: start)
        let review = answer(&s, .again, at: start)
        _ = s.nextCard(at: start)
        let undo = s.undoEntry(at: start)
        #expect(undo.map { $0.time > review.time } == true)
        if let undo { s.apply(undo) }
        let again = s.answerEntry(.good, at: start)
        #expect(again.map { ($0.time.timeIntervalSince1970 * 1000).rounded() - (review.time.timeIntervalSince1970 * 1000).rounded() } == 2)
        #expect(ReviewSession.stamp(start, after: nil) == start)
    }

    @Test func retentionAndTomorrow() {
        // Two cards in review, due today.
        let earlier = start.addingTimeInterval(-5 * 86400)
        let history = replay.replay(cards.prefix(2).map { .review($0.id, .easy, at: earlier, device: "t") })
        var s = session(Array(cards.prefix(2)), records: history.records)
        _ = s.nextCard(at: start)
        answer(&s, .good, at: start.addingTimeInterval(2))
        _ = s.nextCard(at: start.addingTimeInterval(3))
        answer(&s, .again, at: start.addingTimeInterval(4))
        #expect(s.counts.reviewAnswers == 2)
        #expect(s.counts.retention == 0.5)
        // The lapsed card is relearning, due today: it counts as due by tomorrow.
        #expect(ReviewSession.dueTomorrow(cards: cards, records: s.records, calendar: replay.calendar, now: start) == 1)
        // A card deleted from its deck keeps its record, but is due no more.
        #expect(ReviewSession.dueTomorrow(cards: Array(cards.dropFirst(2)), records: s.records,
                                          calendar: replay.calendar, now: start) == 0)
    }

    @Test func updateCardsKeepsPlaces() {
        var s = session()
        _ = s.nextCard(at: start)
        let edited = makeCard("Q1", "A1 (edited)", line: 1)
        s.updateCards { $0.id == edited.id ? edited : nil }
        #expect(s.current?.answer == "A1 (edited)")
        #expect(s.pending == [cards[1], cards[2]])
    }

    @Test func adoptRecordsFollowsRenamedCards() {
        var s = session()
        _ = s.nextCard(at: start)
        let renamed = makeCard("Q1 edited", "A1", line: 1)
        s.updateCards { $0.id == cards[0].id ? renamed : nil }
        let carried = replay.replay([.review(cards[0].id, .good, at: start.addingTimeInterval(-86400 * 3), device: "t")])
            .records[cards[0].id]
        s.adoptRecords(from: CardRecords([renamed.id: carried].compactMapValues { $0 }))
        #expect(s.current == renamed)
        #expect(s.records[renamed.id] != nil)
        #expect(s.records[cards[0].id] == nil)
    }
}
