import Foundation
import Testing
@testable import RecallCore

/// 2024-01-01 12:00 UTC plus an offset.
func at(_ seconds: Double = 0) -> Date {
    Date(timeIntervalSince1970: 1_704_110_400 + seconds)
}

let day = 86400.0

@Suite struct FSRSTests {
    let utc = StudyCalendar.utcMidnight

    func settings(steps: Bool = true) -> CollectionSettings {
        var s = CollectionSettings()
        s.enableFuzz = false
        if !steps { s.learningSteps = []; s.relearningSteps = [] }
        return s
    }

    /// Replays (offset, rating) pairs as py-fsrs would and returns the cards after each.
    func run(_ reviews: [(Double, Rating)], steps: Bool = true) -> [CardSchedule] {
        let fsrs = FSRS(settings: settings(steps: steps))
        var card = CardSchedule.new(createdAt: at())
        return reviews.map { offset, rating in
            card = fsrs.next(card, rating: rating, at: at(offset), calendar: utc,
                             counting: .whole24HourPeriods)
            return card
        }
    }

    @Test func formulasAtTheirDefaults() {
        let fsrs = FSRS(settings: CollectionSettings())
        #expect(fsrs.factor == 0.9803464944134797)
        #expect(fsrs.initialStability(.good) == 2.3065)
        #expect(fsrs.initialDifficulty(.hard) == 5.112170705601056)
        #expect(fsrs.initialDifficulty(.easy) == 1.0)
        #expect(fsrs.forgettingCurve(elapsedDays: 0, stability: 5) == 1)
        #expect(abs(fsrs.forgettingCurve(elapsedDays: 7, stability: 7) - 0.9) < 1e-12)
        #expect(fsrs.forgettingCurve(elapsedDays: -3, stability: 5) == 1)
        #expect(fsrs.nextInterval(stability: 2.5) == 2) // half to even
        #expect(fsrs.nextInterval(stability: 3.5) == 4)
        #expect(fsrs.nextInterval(stability: 0.01) == 1)
        #expect(fsrs.nextInterval(stability: 1e9) == 36500)
    }

    /// `docs/fsrs.md`, worked example 1: default steps, Good at every due time.
    @Test func example1GoodEveryTime() {
        let cards = run([(0, .good), (600, .good), (600 + 2 * day, .good),
                         (600 + 13 * day, .good), (600 + 59 * day, .good), (600 + 222 * day, .good)])
        #expect(cards.map(\.state) == [.learning, .review, .review, .review, .review, .review])
        #expect(cards.map(\.scheduledDays) == [0, 2, 11, 46, 163, 498])
        #expect(cards[2].memory?.stability == 10.971048263078135)
        let s = cards.compactMap { $0.memory?.stability }
        let expected = [2.3065, 2.3065, 10.971048, 46.316858, 162.999816, 497.876555]
        #expect(zip(s, expected).allSatisfy { abs($0 - $1) < 5e-7 })
        #expect(abs((cards[1].memory?.difficulty ?? 0) - 2.111214) < 5e-7)
        #expect(cards[0].due == at(600))
        #expect(cards[5].due == at(600 + 720 * day))
    }

    /// `docs/fsrs.md`, worked example 2 row 4: an early lapse without relearning steps.
    @Test func example2LapseWithoutSteps() {
        let cards = run([(0, .good), (2 * day, .good), (13 * day, .good), (43 * day, .again)],
                        steps: false)
        #expect(cards[3].state == .review)
        #expect(cards[3].memory?.stability == 2.8070947874464673)
        #expect(abs((cards[3].memory?.difficulty ?? 0) - 7.389975788) < 1e-9)
        #expect(cards[3].scheduledDays == 3)
        #expect(cards[3].lapses == 1)
    }

    /// `docs/fsrs.md`, worked example 3: struggles in learning, then a lapse and relearning.
    @Test func example3LearningAndRelearning() {
        let cards = run([(0, .again), (60, .hard), (390, .good), (990, .good),
                         (990 + day, .again), (1590 + day, .good), (1590 + 2 * day, .good)])
        #expect(cards.map(\.state) == [.learning, .learning, .learning, .review, .relearning,
                                       .review, .review])
        #expect(cards.map(\.step) == [0, 0, 1, nil, 0, nil, nil])
        #expect(cards[1].due == at(390)) // Hard on the first step waits 5 min 30 s
        #expect(cards[1].memory?.stability == 0.212) // 6.3.2's Hard floor
        #expect(abs((cards[4].memory?.stability ?? 0) - 0.124968) < 5e-7)
        #expect(cards[4].due == at(990 + day + 600))
        #expect(cards.map(\.scheduledDays) == [0, 0, 0, 1, 0, 1, 1])
    }

    /// `docs/fsrs.md`, worked example 5: 23 h 59 m is still the same day for py-fsrs; 24 h is not.
    @Test func example5TwentyFourHourBoundary() {
        let sameDay = run([(0, .good), (day - 60, .good)], steps: false)
        let nextDay = run([(0, .good), (day, .good)], steps: false)
        #expect(sameDay[1].memory?.stability == 2.3065)
        #expect(sameDay[1].scheduledDays == 2)
        #expect(abs((nextDay[1].memory?.stability ?? 0) - 7.315301) < 5e-7)
        #expect(nextDay[1].scheduledDays == 7)
    }

    @Test func studyDaysCountCalendarDaysFromTheDayStart() {
        // 23:00 and 09:00 the next morning are one study day apart (day starts at 4:00).
        let cal = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!, dayStartHour: 4)
        let fsrs = FSRS(settings: settings(steps: false))
        let evening = at(11 * 3600) // 23:00
        let first = fsrs.next(.new(createdAt: evening), rating: .good, at: evening, calendar: cal)
        #expect(first.scheduledDays == 2)
        // Due at the start of the study day two days on: 2024-01-03 04:00.
        #expect(first.due == at(2 * day - 8 * 3600))
        let morning = at(21 * 3600) // 09:00 next day
        let second = fsrs.next(first, rating: .good, at: morning, calendar: cal)
        #expect(abs((second.memory?.stability ?? 0) - 7.315301) < 5e-7) // long-term formula, t = 1
    }

    @Test func clockGoingBackwardsIsSameDayAndNeverNegative() {
        let fsrs = FSRS(settings: settings())
        var card = CardSchedule.new(createdAt: at())
        for (offset, rating) in [(0.0, Rating.good), (600, .good), (-5 * day, .again),
                                 (-10 * day, .good), (-30 * day, .easy)] {
            card = fsrs.next(card, rating: rating, at: at(offset), calendar: utc)
            #expect(card.due > at(offset))
            #expect(card.scheduledDays >= 0)
            #expect((card.memory?.stability ?? 0) >= FSRS.minimumStability)
        }
    }

    @Test func previewLabels() {
        var s = CollectionSettings()
        s.enableFuzz = false
        let scheduler = Scheduler(settings: s)
        let newCard = CardSchedule.new(createdAt: at())
        let preview = scheduler.preview(newCard, at: at(), calendar: utc)
        #expect(preview.line == "1 again <1m  2 hard <6m  3 good <10m  4 easy 8d")
        let review = scheduler.next(scheduler.next(newCard, rating: .good, at: at(), calendar: utc),
                                    rating: .good, at: at(600), calendar: utc)
        let later = scheduler.preview(review, at: at(2 * day), calendar: utc)
        #expect(later.line == "1 again <10m  2 hard 8d  3 good 11d  4 easy 19d")
    }

    @Test func intervalLabels() {
        #expect(IntervalLabel.seconds(30) == "<1m")
        #expect(IntervalLabel.seconds(600) == "10m")
        #expect(IntervalLabel.seconds(3600) == "1h")
        #expect(IntervalLabel.seconds(5400) == "1.5h")
        #expect(IntervalLabel.seconds(2 * day) == "2d")
        #expect(IntervalLabel.days(3) == "3d")
        #expect(IntervalLabel.days(63) == "2.1mo")
        #expect(IntervalLabel.days(90) == "3mo")
        #expect(IntervalLabel.days(475) == "1.3y")
    }
}
