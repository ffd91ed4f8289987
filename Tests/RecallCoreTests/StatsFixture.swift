import Foundation
@testable import RecallCore

/// A small collection with a known review log, "now" fixed at Tuesday 2026-03-10 12:00 UTC,
/// days starting at 04:00 UTC. Every number the stats tests expect is worked out by hand in
/// the comments.
enum StatsFixture {
    static let calendar = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!, dayStartHour: 4)
    static let now = time(2026, 3, 10, 12)
    /// Study day of `now`.
    static let today = StudyCalendar.days(year: 2026, month: 3, day: 10)

    static func time(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ minute: Int = 0) -> Date {
        let day = StudyCalendar.days(year: y, month: m, day: d)
        return Date(timeIntervalSince1970: Double(day * 86400 + h * 3600 + minute * 60))
    }

    /// Noon UTC on the study day `offset` days from today.
    static func day(_ offset: Int, hour: Int = 12) -> Date {
        Date(timeIntervalSince1970: Double((today + offset) * 86400 + hour * 3600))
    }

    static let a = CardID(rawValue: 0xA), b = CardID(rawValue: 0xB), c = CardID(rawValue: 0xC)
    static let d = CardID(rawValue: 0xD), e = CardID(rawValue: 0xE), f = CardID(rawValue: 0xF)
    /// Reviewed once but no longer in any deck.
    static let z = CardID(rawValue: 0x2)

    static let cards: [StatsCard] = [
        StatsCard(id: a, deck: "Lang::French", tags: ["verbs"], source: .init(file: "Lang/French.txt", line: 3),
                  question: "être", state: .review, stability: 30, difficulty: 7.5, due: day(2),
                  lapses: 3, retrievability: 0.92),
        StatsCard(id: b, deck: "Lang", source: .init(file: "Lang.txt", line: 1), question: "hello",
                  state: .learning, stability: 1, difficulty: 5, due: day(0, hour: 11), retrievability: 0.99),
        StatsCard(id: c, deck: "Math", tags: ["calc"], source: .init(file: "Math.txt", line: 10),
                  question: "d/dx x²", state: .review, stability: 100, difficulty: 2, due: day(40),
                  lapses: 1, retrievability: 0.97),
        StatsCard(id: d, deck: "Math", source: .init(file: "Math.txt", line: 20), question: "1+1",
                  state: .new),
        StatsCard(id: e, deck: "Math", source: .init(file: "Math.txt", line: 30), question: "∫ sec x",
                  state: .review, suspended: true, stability: 5, difficulty: 9.8, due: day(-3),
                  lapses: 8, retrievability: 0.6, isLeech: true),
        StatsCard(id: f, deck: "Lang::French", tags: ["verbs::irregular"],
                  source: .init(file: "Lang/French.txt", line: 9), question: "avoir", state: .relearning,
                  stability: 0.5, difficulty: 8, due: day(0, hour: 20), lapses: 2, retrievability: 0.5),
    ]

    static var reviews: [StatsReview] {
        var log: [StatsReview] = []
        log.append(.init(card: c, time: day(-400), rating: .good, stateBefore: .new))
        log.append(.init(card: c, time: day(-100), rating: .good, stateBefore: .review,
                         retrievabilityBefore: 0.7, elapsedDays: 50, scheduledDaysBefore: 50))
        for offset in -60 ... -48 {  // 13 days in a row: the longest streak
            log.append(.init(card: e, time: day(offset), rating: .good, stateBefore: .learning))
        }
        log.append(.init(card: z, time: day(-30), rating: .good, stateBefore: .new))
        for offset in -20 ... -18 {
            log.append(.init(card: a, time: day(offset), rating: .good, stateBefore: .learning,
                             retrievabilityBefore: 0.95, elapsedDays: 1))
        }
        for offset in -10 ... -2 {  // young reviews; the one five days ago fails
            log.append(.init(card: c, time: day(offset), rating: offset == -5 ? .again : .hard,
                             stateBefore: .review, retrievabilityBefore: 0.9, elapsedDays: 3,
                             scheduledDaysBefore: 3))
        }
        // 03:30 on today's date is still yesterday's study day (days start at 04:00).
        log.append(.init(card: a, time: time(2026, 3, 10, 3, 30), rating: .good, stateBefore: .review,
                         retrievabilityBefore: 0.85, elapsedDays: 30, scheduledDaysBefore: 30))
        log.append(.init(card: b, time: time(2026, 3, 10, 5), rating: .good, durationMs: 8000,
                         stateBefore: .new))
        log.append(.init(card: f, time: time(2026, 3, 10, 6), rating: .again, durationMs: 12000,
                         stateBefore: .review, retrievabilityBefore: 0.8, elapsedDays: 25,
                         scheduledDaysBefore: 25))
        log.append(.init(card: a, time: time(2026, 3, 10, 7), rating: .good, durationMs: 5500,
                         stateBefore: .review, retrievabilityBefore: 0.9, elapsedDays: 9,
                         scheduledDaysBefore: 10))
        log.append(.init(card: f, time: time(2026, 3, 10, 8), rating: .again, durationMs: 1000,
                         stateBefore: .relearning, retrievabilityBefore: 0.99))
        return log
    }

    static var input: StatsInput {
        StatsInput(reviews: reviews, cards: cards, calendar: calendar, now: now, desiredRetention: 0.9)
    }
}
