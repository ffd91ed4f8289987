import Foundation
import Testing
@testable import RecallCore

@Suite struct SM2Tests {
    let utc = StudyCalendar.utcMidnight

    var sm2: SM2 {
        var s = CollectionSettings()
        s.scheduler = .sm2
        s.enableFuzz = false
        return SM2(settings: s)
    }

    func review(_ card: CardSchedule, _ rating: Rating, _ offset: Double) -> CardSchedule {
        sm2.next(card, rating: rating, at: at(offset), calendar: utc)
    }

    @Test func learningStepsThenGraduation() {
        var card = review(.new(createdAt: at()), .good, 0)
        #expect(card.state == .learning && card.step == 1 && card.due == at(600))
        card = review(card, .good, 600)
        #expect(card.state == .review && card.scheduledDays == 1 && card.easeFactor == 2.5)
        #expect(card.due == at(day - 12 * 3600)) // start of the next (UTC) day
        let easy = review(.new(createdAt: at()), .easy, 0)
        #expect(easy.state == .review && easy.scheduledDays == 4)
    }

    @Test func reviewIntervalsAndEase() {
        var card = CardSchedule.new(createdAt: at())
        card.state = .review
        card.step = nil
        card.interval = 10
        card.scheduledDays = 10
        card.lastReview = at()
        // On time (10 days later).
        #expect(review(card, .hard, 10 * day).scheduledDays == 12)
        #expect(review(card, .hard, 10 * day).easeFactor == 2.35)
        #expect(review(card, .good, 10 * day).scheduledDays == 25)
        #expect(review(card, .good, 10 * day).easeFactor == 2.5)
        #expect(review(card, .easy, 10 * day).scheduledDays == 33)
        #expect(review(card, .easy, 10 * day).easeFactor == 2.65)
        // Four days late: Good counts half the delay, Easy all of it.
        #expect(review(card, .good, 14 * day).scheduledDays == 30)
        #expect(review(card, .easy, 14 * day).scheduledDays == 46)
        // Early (after 4 days): the days actually waited are the base.
        #expect(review(card, .good, 4 * day).scheduledDays == 10)
    }

    @Test func lapseAndRelearning() {
        var card = CardSchedule.new(createdAt: at())
        card.state = .review
        card.step = nil
        card.interval = 30
        card.scheduledDays = 30
        card.easeFactor = 1.4
        card.lastReview = at()
        let lapsed = review(card, .again, 30 * day)
        #expect(lapsed.state == .relearning && lapsed.step == 0)
        #expect(lapsed.lapses == 1)
        #expect(abs(lapsed.easeFactor - 1.3) < 1e-12) // never below 130 %
        #expect(lapsed.due == at(30 * day + 600))
        let back = review(lapsed, .good, 30 * day + 600)
        #expect(back.state == .review && back.scheduledDays == 1)
        #expect(review(lapsed, .easy, 30 * day + 600).scheduledDays == 2)
    }

    @Test func schedulerPicksSM2FromSettings() {
        var s = CollectionSettings()
        s.scheduler = .sm2
        s.enableFuzz = false
        let scheduler = Scheduler(settings: s)
        let card = scheduler.next(scheduler.newCard(createdAt: at()), rating: .easy, at: at(),
                                  calendar: utc)
        #expect(card.memory == nil)
        #expect(card.scheduledDays == 4)
        // SM-2 retrievability is an estimate: 90 % when the interval has passed.
        let r = scheduler.retrievability(of: card, at: at(4 * day), calendar: utc)
        #expect(abs((r ?? 0) - 0.9) < 1e-12)
    }
}
