import Foundation
import Testing
@testable import RecallCore

/// Property checks over many random card states, with a seeded generator.
@Suite struct FSRSPropertyTests {
    let calendar = StudyCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!, dayStartHour: 4)

    /// A random card: a random history of up to 12 reviews with random gaps.
    func randomCard(_ scheduler: Scheduler, _ rng: inout SplitMix64) -> (CardSchedule, Date) {
        var time = at(Double(rng.next() % 1000) * day)
        var card = scheduler.newCard(createdAt: time)
        for i in 0..<Int(rng.next() % 13) {
            let rating = Rating(rawValue: Int(rng.next() % 4) + 1) ?? .good
            card = scheduler.next(card, rating: rating, at: time, calendar: calendar,
                                  fuzzSeed: UInt64(i))
            time = time.addingTimeInterval(Double(rng.next() % UInt64(60 * day)) + 30)
        }
        return (card, time)
    }

    static let configurations: [(CollectionSettings.Algorithm, Bool, DayCounting)] = [
        (.fsrs, true, .studyDays), (.fsrs, false, .studyDays), (.fsrs, true, .whole24HourPeriods),
        (.sm2, true, .studyDays), (.sm2, false, .whole24HourPeriods),
    ]

    @Test(arguments: 0..<configurations.count)
    func laterRatingsNeverGiveShorterWaits(configuration: Int) {
        let (algorithm, steps, counting) = Self.configurations[configuration]
        var settings = CollectionSettings()
        settings.scheduler = algorithm
        if !steps { settings.learningSteps = []; settings.relearningSteps = [] }
        let scheduler = Scheduler(settings: settings, counting: counting)
        var rng = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            let (card, now) = randomCard(scheduler, &rng)
            let preview = scheduler.preview(card, at: now, calendar: calendar, fuzzSeed: rng.next())
            // A step (minutes) is shorter than any interval in days, even one due at the
            // start of a study day that begins in a few minutes.
            let waits = Rating.allCases.map { r -> [Double] in
                let o = preview[r]
                return o.state == .review ? [1, Double(o.scheduledDays)]
                    : [0, o.due.timeIntervalSince(now)]
            }
            #expect(waits == waits.sorted { $0.lexicographicallyPrecedes($1) },
                    "\(card) at \(now): \(waits)")
            #expect(Rating.allCases.allSatisfy { preview[$0].due > now })
            let days = Rating.allCases.map { preview[$0] }.filter { $0.state == .review }
                .map(\.scheduledDays)
            #expect(days.allSatisfy { (1...settings.maximumInterval).contains($0) })
        }
    }

    @Test func fuzzStaysInRangeAndIsDeterministic() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<5000 {
            let interval = Int(rng.next() % 40000) + 1
            let seed = rng.next()
            let fuzzed = IntervalFuzz.apply(interval, maximumInterval: 36500, seed: seed)
            #expect(fuzzed == IntervalFuzz.apply(interval, maximumInterval: 36500, seed: seed))
            if interval < 3 {
                #expect(fuzzed == interval)
            } else {
                let range = IntervalFuzz.range(for: interval, maximumInterval: 36500)
                #expect(fuzzed >= range.lowerBound && fuzzed <= min(range.upperBound + 1, 36500))
            }
        }
        #expect(IntervalFuzz.range(for: 10, maximumInterval: 36500) == 8...12)
        #expect(IntervalFuzz.range(for: 100, maximumInterval: 36500) == 93...107)
        // Different reviews of a card get different draws.
        let draws = Set((0..<50).map {
            IntervalFuzz.apply(100, maximumInterval: 36500,
                               seed: IntervalFuzz.seed(card: CardID(rawValue: 1), reviewCount: $0))
        })
        #expect(draws.count > 5)
    }

    @Test func seededSchedulingIsReproducible() {
        let scheduler = Scheduler(settings: CollectionSettings())
        var a = SplitMix64(seed: 99), b = SplitMix64(seed: 99)
        for _ in 0..<200 {
            let (cardA, timeA) = randomCard(scheduler, &a)
            let (cardB, timeB) = randomCard(scheduler, &b)
            #expect(cardA == cardB && timeA == timeB)
        }
    }
}
