import Foundation
import Testing
@testable import RecallCore

/// The streaming stats replay must see exactly what the scheduler's annotated replay sees.
@Suite struct StatsReplayTests {
    static let calendar = StudyCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!, dayStartHour: 4)

    static func card(_ question: String, deck: String = "Deck") -> Card {
        let id = Card.makeID(questionSide: question, kind: .basic)
        return Card(id: id, noteID: id, deck: deck, question: question, answer: "a", tags: [],
                    source: SourceLocation(file: "deck.md", line: 1), kind: .basic)
    }

    /// A seeded log over 200 days across the spring DST change, with undo, suspend, forget and
    /// a card that is no longer in the decks.
    static func log(cards: [Card]) -> [ReviewLogEntry] {
        var rng: UInt64 = 99
        func next(_ n: Int) -> Int {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1
            return Int((rng >> 33) % UInt64(n))
        }
        let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        let gone = CardID(rawValue: 0xDEAD)
        var log: [ReviewLogEntry] = []
        for step in 0..<3000 {
            let time = start.addingTimeInterval(Double(step) * 5800 + Double(next(3000)))
            let id = step % 97 == 0 ? gone : cards[next(cards.count)].id
            let rating = Rating(rawValue: 1 + next(4)) ?? .good
            log.append(.review(id, rating, at: time, durationMs: next(9000), device: "d"))
            switch step % 250 {
            case 17: log.append(ReviewLogEntry(event: .undo, card: id, time: time.addingTimeInterval(5),
                                               device: "d", target: time))
            case 60: log.append(ReviewLogEntry(event: .suspend, card: id, time: time.addingTimeInterval(1), device: "d"))
            case 140: log.append(ReviewLogEntry(event: .forget, card: id, time: time.addingTimeInterval(1), device: "d"))
            default: break
            }
        }
        return log
    }

    @Test(arguments: [CollectionSettings.Algorithm.fsrs, .sm2])
    func streamingMatchesAnnotatedReplay(scheduler: CollectionSettings.Algorithm) {
        let cards = (0..<40).map { Self.card("question \($0)") }
        let log = Self.log(cards: cards)
        var settings = CollectionSettings()
        settings.scheduler = scheduler
        let replay = CollectionReplay(settings: settings, calendar: Self.calendar)
        let now = Date(timeIntervalSince1970: 1_767_225_600 + 200 * 86400)
        let input = StatsInput(cards: cards, log: log, replay: replay, now: now, shards: 1)
        let parallel = StatsInput(cards: cards, log: log, replay: replay, now: now, shards: 2,
                                  runJobs: { DispatchQueue.concurrentPerform(iterations: $0, execute: $1) })
        #expect(parallel.reviews == input.reviews)
        #expect(parallel.cards == input.cards)

        let result = replay.replay(log, annotate: true)
        let expected = result.reviews.compactMap { r -> StatsReview? in
            guard let rating = r.entry.rating else { return nil }
            return StatsReview(card: r.entry.card, time: r.entry.time, rating: rating,
                               durationMs: r.entry.durationMs, stateBefore: r.stateBefore.state,
                               retrievabilityBefore: r.retrievabilityBefore,
                               elapsedDays: max(0, r.elapsedDays ?? 0),
                               scheduledDaysBefore: r.scheduledDaysBefore)
        }
        #expect(input.reviews.count == expected.count)
        #expect(input.reviews == expected)
        let summaries = cards.map {
            StatsCard($0, record: result.records[$0.id], scheduler: replay.scheduler,
                      calendar: Self.calendar, now: now)
        }
        #expect(input.cards == summaries)
        #expect(input.cards.contains { $0.suspended })
        #expect(input.reviews.contains { $0.card == CardID(rawValue: 0xDEAD) })
    }
}
