import Foundation
import Testing
@testable import RecallCore

@Suite struct FSRSSettingsTests {
    @Test func defaultsAreValid() {
        let s = CollectionSettings()
        #expect(s.validate() == [])
        #expect(s.parameters.count == 21)
        #expect(s.desiredRetention == 0.9)
        #expect(s.learningSteps == [60, 600] && s.relearningSteps == [600])
        #expect(s.maximumInterval == 36500 && s.newPerDay == 20 && s.reviewsPerDay == 200)
        #expect(s.dayStartHour == 4 && s.leechThreshold == 8 && s.learnAheadMinutes == 20)
    }

    @Test func outOfRangeValuesGiveClearMessages() {
        var s = CollectionSettings()
        s.parameters[20] = 0.9
        s.desiredRetention = 1
        s.dayStartHour = 24
        s.learningSteps = [60, 0]
        s.deckPresets["Spanish"] = DeckPreset(newPerDay: -1)
        #expect(s.validate() == [
            "parameter w20 is 0.9, expected 0.1 to 0.8",
            "desired retention is 1, expected more than 0 and less than 1",
            "learning steps entry 2 is 0 s, expected at least 1 second",
            "day start hour is 24, expected 0 to 23",
            "new cards per day for deck 'Spanish' is -1, expected 0 or more",
        ])
        s = CollectionSettings()
        s.parameters = [1, 2]
        #expect(s.validate() == ["parameters has 2 values, expected 21 (FSRS-6)"])
    }

    @Test func presetChainRunsFromTheDeckOutwards() {
        var s = CollectionSettings()
        s.deckPresets["History"] = DeckPreset(newPerDay: 5)
        s.deckPresets["History::Gaza::Ports"] = DeckPreset(reviewsPerDay: 3)
        #expect(s.presetChain(for: "History::Gaza::Ports").map(\.deck)
                == ["History::Gaza::Ports", "History"])
        #expect(s.presetChain(for: "Spanish").isEmpty)
    }
}

@Suite struct FSRSSettingsRobustnessTests {
    /// Settings that failed validation must still never crash the scheduler.
    @Test func invalidSettingsNeverCrash() {
        var rng = SplitMix64(seed: 5)
        let weird: [Double] = [-1, 0, 0.5, 1, 2, 1e308, .infinity, -.infinity, .nan]
        for _ in 0..<300 {
            var s = CollectionSettings()
            s.scheduler = rng.next() % 2 == 0 ? .fsrs : .sm2
            s.desiredRetention = weird[Int(rng.next() % UInt64(weird.count))]
            s.maximumInterval = [Int.min, -5, 0, 1, 36500, Int.max][Int(rng.next() % 6)]
            s.lapseNewInterval = weird[Int(rng.next() % UInt64(weird.count))]
            s.easyBonus = weird[Int(rng.next() % UInt64(weird.count))]
            s.parameters = rng.next() % 3 == 0 ? [1, 2] : s.parameters
            let scheduler = Scheduler(settings: s)
            var card = scheduler.newCard(createdAt: at())
            var time = at()
            for _ in 0..<12 {
                let rating = Rating(rawValue: Int(rng.next() % 4) + 1) ?? .good
                card = scheduler.next(card, rating: rating, at: time, calendar: .utcMidnight,
                                      fuzzSeed: rng.next())
                #expect(card.due > time)
                time = card.due.addingTimeInterval(Double(rng.next() % 86400))
            }
        }
    }
}
