import Foundation
import Testing
@testable import RecallCore

/// The reference vectors' schema (`Fixtures/refgen.py`, which made the vectors), as much as
/// the tests need.
struct VectorFile: Decodable {
    struct SchedulerSettings: Decodable {
        var parameters: [Double]
        var desired_retention: Double
        var learning_steps: [Double]
        var relearning_steps: [Double]
        var maximum_interval: Int
        var enable_fuzzing: Bool
    }
    struct Review: Decodable {
        var i: Int
        var review_unix: Int
        var rating: Int
        var elapsed_days: Int?
        var retrievability_before: Double
        var state: Int
        var step: Int?
        var stability: Double
        var difficulty: Double
        var due_unix: Int
        var interval_days: Int?
        var retrievability_at_next_review: Double?
        var retrievability_at_due: Double
    }
    struct VectorCard: Decodable {
        var card_id: Int
        var created: String
        var reviews: [Review]
    }
    var scheduler: SchedulerSettings
    var cards: [VectorCard]

    static func load(_ name: String) throws -> VectorFile {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json",
                                                 subdirectory: "Fixtures"))
        return try JSONDecoder().decode(VectorFile.self, from: Data(contentsOf: url))
    }

    var settings: CollectionSettings {
        var s = CollectionSettings()
        s.parameters = scheduler.parameters
        s.desiredRetention = scheduler.desired_retention
        s.learningSteps = scheduler.learning_steps
        s.relearningSteps = scheduler.relearning_steps
        s.maximumInterval = scheduler.maximum_interval
        s.enableFuzz = scheduler.enable_fuzzing
        return s
    }
}

func relativeError(_ a: Double, _ b: Double) -> Double {
    a == b ? 0 : abs(a - b) / max(abs(a), abs(b))
}

@Suite struct FSRSVectorTests {
    @Test(arguments: ["vectors-small", "vectors-small-nosteps"])
    func everyReviewMatchesPyFSRS(file: String) throws {
        let vectors = try VectorFile.load(file)
        let replay = ConformanceReplay(settings: vectors.settings)
        var checked = 0
        var worst = 0.0
        for card in vectors.cards {
            let reviews = card.reviews.map {
                (time: Date(timeIntervalSince1970: Double($0.review_unix)),
                 rating: Rating(rawValue: $0.rating) ?? .good)
            }
            let created = reviews.first?.time ?? Date(timeIntervalSince1970: 0)
            let steps = replay.replay(created: created, reviews: reviews)
            for (expected, got) in zip(card.reviews, steps) {
                let place = "card \(card.card_id) review \(expected.i)"
                #expect(got.schedule.state.fsrsNumber == expected.state, "\(place): state")
                #expect(got.schedule.step == expected.step, "\(place): step")
                #expect(Int(got.schedule.due.timeIntervalSince1970) == expected.due_unix,
                        "\(place): due")
                #expect(got.elapsedDays == expected.elapsed_days, "\(place): elapsed days")
                let m = try #require(got.schedule.memory)
                let errors = [
                    relativeError(m.stability, expected.stability),
                    relativeError(m.difficulty, expected.difficulty),
                    abs(got.retrievabilityBefore - expected.retrievability_before),
                    abs(got.retrievabilityAtDue - expected.retrievability_at_due),
                    abs((got.retrievabilityAtNextReview ?? -1)
                        - (expected.retrievability_at_next_review ?? -1)),
                ]
                worst = max(worst, errors.max() ?? 0)
                #expect(errors.allSatisfy { $0 <= 1e-9 }, "\(place): \(errors)")
                if let days = expected.interval_days {
                    #expect(got.schedule.scheduledDays == days, "\(place): interval")
                }
                checked += 1
            }
        }
        #expect(checked == vectors.cards.reduce(0) { $0 + $1.reviews.count })
        #expect(checked > 700)
        // pow(M_E, x) reproduces Python's math.e ** x, so the match is bit-exact.
        #expect(worst == 0)
    }
}
