import Foundation
import RecallCore

/// A year and a half of made-up study, generated from a fixed seed, for the stats layout
/// golden files. "Now" is Wednesday 2026-03-11 10:00 UTC; days start at 04:00 UTC.
enum StatsGoldenFixture {
    static let calendar = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!, dayStartHour: 4)
    static let today = StudyCalendar.days(year: 2026, month: 3, day: 11)
    static let now = Date(timeIntervalSince1970: Double(today * 86400 + 10 * 3600))

    /// A tiny deterministic generator (64-bit LCG); the numbers only need to look varied.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let questions = [
        "What is the capital of Australia?", "Translate: 'the library'",
        "Derivative of sin(x)", "Year the Berlin Wall fell",
        "Le subjonctif de « être », première personne", "Which planet has the most moons?",
        "Define: idempotent", "Boiling point of water at sea level in °F",
    ]

    static var cards: [StatsCard] {
        var g = Generator(state: 7)
        let decks = ["Geography", "Languages::French", "Math::Calculus", "History"]
        return (0..<40).map { i in
            let deck = decks[i % decks.count]
            let state: CardState = i < 6 ? .new : i < 9 ? .learning : i < 11 ? .relearning : .review
            let stability = Double(1 + g.next(400)) * (i < 11 ? 0.02 : 1)
            let difficulty = state == .new ? nil : 1 + Double(g.next(90)) / 10
            let due = state == .new ? nil : now.addingTimeInterval(Double(g.next(40) - 5) * 86400)
            let lapses = state == .new ? 0 : [0, 0, 0, 1, 2, 5, 9][g.next(7)]
            return StatsCard(
                id: CardID(rawValue: UInt64(0x1000 + i)), deck: deck, tags: i % 3 == 0 ? ["core"] : [],
                source: SourceLocation(file: deck.replacingOccurrences(of: "::", with: "/") + ".txt",
                                       line: 1 + i * 4),
                question: questions[i % questions.count], state: state, suspended: i == 39,
                stability: state == .new ? nil : stability,
                difficulty: difficulty, due: due, lapses: lapses,
                retrievability: state == .new ? nil : 0.7 + Double(g.next(30)) / 100,
                isLeech: lapses >= 8 && i % 2 == 0)
        }
    }

    static var reviews: [StatsReview] {
        var g = Generator(state: 11)
        var log: [StatsReview] = []
        for offset in stride(from: -540, through: 0, by: 1) {
            // Some days off, busier weekends, a quiet spell in the summer.
            if (g.next(10) < 3 && offset != 0) || (offset > -260 && offset < -240) { continue }
            let dayStart = Double((today + offset) * 86400 + 6 * 3600)
            let count = offset == 0 ? 12 : 1 + g.next(StudyCalendar.weekday(day: today + offset) >= 5 ? 40 : 15)
            for n in 0..<count {
                let interval = 1 + g.next(60)
                let predicted = 0.6 + Double(g.next(40)) / 100
                let passed = g.next(100) < Int(predicted * 100) - 3
                log.append(StatsReview(
                    card: CardID(rawValue: UInt64(0x1000 + 6 + g.next(34))),
                    time: Date(timeIntervalSince1970: dayStart + Double(n * 90)),
                    rating: passed ? .good : .again, durationMs: 3000 + g.next(9000),
                    stateBefore: g.next(10) == 0 ? .new : .review,
                    retrievabilityBefore: predicted, elapsedDays: interval, scheduledDaysBefore: interval))
            }
        }
        return log
    }

    static var input: StatsInput {
        StatsInput(reviews: reviews, cards: cards, calendar: calendar, now: now, desiredRetention: 0.9)
    }
}
