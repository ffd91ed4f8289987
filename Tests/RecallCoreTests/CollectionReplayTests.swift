import Foundation
import Testing
@testable import RecallCore

@Suite struct CollectionReplayTests {
    let calendar = StudyCalendar.utcMidnight
    let a = CardID(rawValue: 0xa)
    let b = CardID(rawValue: 0xb)

    func replayer(_ configure: (inout CollectionSettings) -> Void = { _ in }) -> CollectionReplay {
        var s = CollectionSettings()
        s.enableFuzz = false
        configure(&s)
        return CollectionReplay(settings: s, calendar: calendar)
    }

    func review(_ card: CardID, _ rating: Rating, _ offset: Double) -> ReviewLogEntry {
        .review(card, rating, at: at(offset), device: "d1")
    }

    func event(_ kind: ReviewLogEntry.Event, _ card: CardID, _ offset: Double,
               target: Double? = nil) -> ReviewLogEntry {
        ReviewLogEntry(event: kind, card: card, time: at(offset), device: "d1",
                       target: target.map { at($0) })
    }

    @Test func reviewsFoldThroughTheScheduler() {
        let result = replayer().replay([review(a, .good, 0), review(a, .good, 600),
                                        review(b, .easy, 0)])
        let ra = result.records[a]
        #expect(ra?.schedule.state == .review && ra?.schedule.scheduledDays == 2)
        #expect(ra?.reviewCount == 2 && ra?.introduced == at(0))
        #expect(result.records[b]?.schedule.scheduledDays == 8)
        #expect(result.reviews.isEmpty && result.newLeeches.isEmpty)
    }

    @Test func undoDropsTheReviewItTargets() {
        let log = [review(a, .good, 0), review(a, .again, 600), event(.undo, a, 601, target: 600),
                   review(a, .good, 602)]
        let undone = replayer().replay(log).records[a]
        let plain = replayer().replay([review(a, .good, 0), review(a, .good, 602)]).records[a]
        #expect(undone == plain)
        #expect(undone?.reviewCount == 2)
        // Undo of a review that is not there changes nothing and is reported.
        let stray = replayer().replay([review(a, .good, 0), event(.undo, a, 10, target: 5)])
        #expect(stray.records[a]?.reviewCount == 1)
        #expect(stray.unmatchedUndos.count == 1)
        // An undo only takes back a review made on its own device.
        var other = review(a, .again, 600)
        other.device = "d2"
        let merged = replayer().replay([review(a, .good, 0), other, event(.undo, a, 601, target: 600)])
        #expect(merged.records[a]?.reviewCount == 2 && merged.unmatchedUndos.count == 1)
    }

    @Test func suspendBuryAndForget() {
        let r = replayer()
        var result = r.replay([review(a, .good, 0), event(.suspend, a, 10)])
        #expect(result.records[a]?.suspended == true)
        result = r.apply([event(.unsuspend, a, 20), event(.bury, a, 30)], to: result.records)
        let record = result.records[a]
        #expect(record?.suspended == false)
        #expect(record?.buriedUntilDay == calendar.dayNumber(at(30)))
        #expect(record?.isBuried(onDay: calendar.dayNumber(at(30))) == true)
        #expect(record?.isBuried(onDay: calendar.dayNumber(at(day))) == false)
        result = r.apply([event(.forget, a, 40)], to: result.records)
        #expect(result.records[a]?.schedule.state == .new)
        #expect(result.records[a]?.schedule.memory == nil)
        #expect(result.records[a]?.reviewCount == 1) // history still counts for fuzz seeds
    }

    @Test func eighthLapseMakesALeech() {
        var log = [review(a, .good, 0), review(a, .good, 600)]
        var t = 600.0
        for _ in 0..<8 {
            t += 3 * day
            log.append(review(a, .again, t))
            log.append(review(a, .good, t + 600))
        }
        let result = replayer().replay(log)
        #expect(result.newLeeches == [a])
        #expect(result.records[a]?.isLeech == true && result.records[a]?.suspended == true)
        #expect(result.records[a]?.schedule.lapses == 8)
        let lenient = replayer { $0.leechThreshold = 0 }.replay(log)
        #expect(lenient.newLeeches.isEmpty && lenient.records[a]?.suspended == false)
    }

    @Test func incrementalReplayEqualsFullReplay() {
        var rng = SplitMix64(seed: 3)
        var log: [ReviewLogEntry] = []
        var t = 0.0
        for _ in 0..<300 {
            t += Double(rng.next() % UInt64(3 * day))
            let card = rng.next() % 2 == 0 ? a : b
            log.append(review(card, Rating(rawValue: Int(rng.next() % 4) + 1) ?? .good, t))
        }
        let r = replayer { $0.enableFuzz = true }
        let full = r.replay(log)
        let head = r.replay(Array(log[..<137]))
        let tail = r.apply(Array(log[137...]), to: head.records)
        #expect(tail.records == full.records)
        #expect(r.replay(log.reversed()).records == full.records) // sorted into log order
    }

    @Test func annotatedReviewsForStats() {
        let log = [review(a, .good, 0), review(a, .good, 600), review(a, .again, 3 * day)]
        let result = replayer().replay(log, annotate: true)
        #expect(result.reviews.count == 3)
        #expect(result.reviews[0].retrievabilityBefore == nil)
        #expect(result.reviews[0].elapsedDays == nil)
        #expect(result.reviews[1].retrievabilityBefore == 1)
        #expect(result.reviews[2].elapsedDays == 3)
        #expect(result.reviews[2].scheduledDaysBefore == 2)
        #expect(result.reviews[2].stateBefore.state == .review)
        #expect(result.reviews[2].scheduleAfter == result.records[a]?.schedule)
        let r = result.reviews[2].retrievabilityBefore ?? 0
        #expect(r > 0.85 && r < 0.9)
    }

    @Test func switchingAlgorithmReplaysTheSameLog() {
        let log = [review(a, .good, 0), review(a, .good, 600), review(a, .good, 2 * day)]
        let fsrs = replayer().replay(log).records[a]
        let sm2 = replayer { $0.scheduler = .sm2 }.replay(log).records[a]
        #expect(fsrs?.schedule.memory != nil && sm2?.schedule.memory == nil)
        // Graduated with 1 day, reviewed a day late: (1 + 1/2) × 2.5 = 3.75 → 4.
        #expect(sm2?.schedule.scheduledDays == 4)
        #expect(fsrs?.schedule.scheduledDays == 11)
    }
}
