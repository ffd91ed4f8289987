import Foundation
import RecallCore
import Testing

@Suite struct RetentionListTests {
    @Test(arguments: [
        ("0.85", [0.85]),
        ("0.9,0.8, 0.85", [0.8, 0.85, 0.9]),
        ("0.75..0.78", [0.75, 0.76, 0.77, 0.78]),
        ("0.70..0.95/0.05,0.97", [0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97]),
        ("0.8..0.8,0.8", [0.8]),
    ])
    func readsListsAndRanges(text: String, expected: [Double]) throws {
        #expect(try RetentionList.parse(text).get() == expected)
    }

    @Test(arguments: [
        ("", "'' is not a retention or a range like 0.75..0.97"),
        ("0.9,", "'' is not a retention or a range like 0.75..0.97"),
        ("90", "'90' is not a retention from 0.50 to 0.99 with at most two decimals"),
        ("0.855", "'0.855' is not a retention from 0.50 to 0.99 with at most two decimals"),
        ("0.9..0.8", "'0.9..0.8' runs backwards; write the lower retention first"),
        ("0.7..0.9/0", "'0' is not a step between 0.01 and 0.49"),
        ("0.7..0.9..0.95", "'0.7..0.9..0.95' is not a retention or a range like 0.75..0.97"),
    ])
    func rejectsWhatItCannotRead(text: String, message: String) {
        #expect(RetentionList.parse(text).failureMessage == message)
    }
}

@Suite struct WorkloadSimulatorTests {
    /// 200 studied cards due over the next 20 days, 100 new ones, 10 a day.
    static func simulator() -> WorkloadSimulator {
        var simulator = WorkloadSimulator(parameters: CollectionSettings.defaultParameters)
        simulator.start = (0..<200).map {
            WorkloadSimulator.StartingCard(stability: Double(5 + $0 % 30), difficulty: 5, lastReviewDay: -($0 % 10), dueDay: $0 % 20)
        }
        simulator.cards = 100
        simulator.days = 120
        return simulator
    }

    @Test func sameSeedSameRowsAndHigherRetentionCostsMoreAndKeepsMore() {
        let simulator = Self.simulator()
        let rows = simulator.table([0.8, 0.9, 0.95])
        #expect(rows == simulator.table([0.8, 0.9, 0.95]))
        #expect(rows[0].reviews < rows[1].reviews && rows[1].reviews < rows[2].reviews)
        #expect(rows[0].remembered < rows[1].remembered && rows[1].remembered < rows[2].remembered)
        // All 300 cards are studied by the end; none can be remembered more than once.
        #expect(rows[2].remembered <= 300 && rows[2].remembered > 200)
    }

    @Test func startingCardsAreReviewedWhenDueAndNotBefore() {
        var simulator = Self.simulator()
        simulator.cards = 0
        simulator.days = 1
        simulator.repetitions = 1
        // Day 0: the 10 cards due then (dueDay 0), once each, plus relearning for a lapse.
        let row = simulator.simulate(0.9, seed: 7)
        #expect(row.reviews >= 10 && row.reviews <= 20)
        simulator.start = simulator.start.map { var card = $0; card.dueDay += 1; return card }
        #expect(simulator.simulate(0.9, seed: 7).reviews == 0)
    }

    @Test func theDailyLimitHoldsBackTheRest() {
        var simulator = Self.simulator()
        simulator.cards = 0
        simulator.reviewsPerDay = 3
        simulator.repetitions = 1
        let row = simulator.simulate(0.9, seed: 1)
        // At most 3 cards a day, each with at most one relearning review.
        #expect(row.reviews <= 3 * 2 * simulator.days)
        #expect(row.reviews >= 3 * simulator.days)
    }

    @Test func behaviourIsReadFromTheLog() throws {
        let calendar = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!, dayStartHour: 4)
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        var log: [ReviewLogEntry] = []
        for n in 0..<30 {
            let card = CardID(rawValue: UInt64(n + 1))
            log.append(.review(card, n % 3 == 0 ? .again : .good, at: start, durationMs: 12_000, device: "d"))
            log.append(.review(card, .good, at: start.addingTimeInterval(86400), durationMs: 6_000, device: "d"))
            log.append(.review(card, .again, at: start.addingTimeInterval(4 * 86400), durationMs: 20_000, device: "d"))
            log.append(.review(card, .good, at: start.addingTimeInterval(4 * 86400 + 600), durationMs: 9_000, device: "d"))
        }
        let behaviour = ReviewBehaviour(log: log, calendar: calendar)
        #expect(behaviour.costs == WorkloadSimulator.Costs(firstReview: 12, recalled: 6, forgotten: 29))
        #expect(behaviour.ratings.first == [1.0 / 3, 0, 2.0 / 3, 0])
        #expect(behaviour.ratings.recalled == [0, 1, 0])
        #expect(behaviour.samples == (30, 30, 30))
        // Too few reviews of a kind: the defaults stay.
        let few = ReviewBehaviour(log: Array(log.prefix(8)), calendar: calendar)
        #expect(few.costs == WorkloadSimulator.Costs() && few.ratings == WorkloadSimulator.Ratings())
    }
}

extension Result where Failure == RetentionListError {
    var failureMessage: String? { if case .failure(let error) = self { error.message } else { nil } }
}
