import Foundation
import Testing
@testable import RecallCore

@Suite struct OptimizerMetricsTests {
    static func item(_ p: Double, _ passed: Bool, days: Double = 1, reviews: Int = 1, lapses: Int = 0) -> ScoredPrediction {
        ScoredPrediction(probability: p, passed: passed, deltaDays: days, longTermReviews: reviews, lapses: lapses)
    }

    @Test func logLossByHand() {
        let items = [Self.item(0.9, true), Self.item(0.8, false), Self.item(0.5, true)]
        let expected = -(log(0.9) + log(0.2) + log(0.5)) / 3
        #expect(abs(PredictionMetrics.logLoss(items) - expected) < 1e-15)
        #expect(PredictionMetrics.logLoss([]).isNaN)
    }

    @Test func aucByHandWithTies() {
        // Passes at 0.9 and 0.5, failures at 0.5 and 0.2: pairs (0.9>0.5, 0.9>0.2, tie, 0.5>0.2).
        let items = [Self.item(0.9, true), Self.item(0.5, true), Self.item(0.5, false), Self.item(0.2, false)]
        #expect(PredictionMetrics.auc(items) == 3.5 / 4)
        #expect(PredictionMetrics.auc([Self.item(0.3, true), Self.item(0.6, true)]).isNaN)
    }

    @Test func rmseBinsWeighsEachBinBySize() {
        // Bin A (1 day, first review): predictions 0.9, 0.7, outcomes 1, 1 -> gap 0.8 - 1 = -0.2.
        // Bin B (20 days): prediction 0.6, outcome 0 -> gap 0.6.
        let items = [Self.item(0.9, true), Self.item(0.7, true), Self.item(0.6, false, days: 20)]
        let expected = ((2 * 0.04 + 1 * 0.36) / 3).squareRoot()
        #expect(abs(PredictionMetrics.rmseBins(items) - expected) < 1e-12)
    }

    @Test func binsFollowTheBenchmarkScales() {
        // 1 and 3 days share the first interval bin, 4 days does not; lapses 0 and 1 differ.
        let key = PredictionMetrics.binKey
        #expect(key(Self.item(0.5, true, days: 1)) == key(Self.item(0.5, true, days: 3)))
        #expect(key(Self.item(0.5, true, days: 3)) != key(Self.item(0.5, true, days: 4)))
        #expect(key(Self.item(0.5, true, lapses: 0)) != key(Self.item(0.5, true, lapses: 1)))
        #expect(key(Self.item(0.5, true, reviews: 1)) == key(Self.item(0.5, true, reviews: 2)))
        #expect(key(Self.item(0.5, true, reviews: 1)) != key(Self.item(0.5, true, reviews: 5)))
    }
}

@Suite struct OptimizerTrainingSetTests {
    @Test func deltasRolesAndSplit() {
        let set = optimizerSampleSet(testFraction: 0.25)
        #expect(set.cardCount == 4)
        #expect(set.reviewCount == 27)
        // Card 0: days 0, 0, 2, 9, 30, 80, 80, 83.
        #expect(Array(set.deltaDays[0..<8]) == [0, 0, 2, 7, 21, 50, 0, 3])
        let scored = set.roles.filter { $0 != TrainingSet.Role.unscored.rawValue }.count
        #expect(scored == 16)
        #expect(set.testCount == 4 && set.trainCount == 12)
        // Held-out reviews are the latest ones: card 0's day-83 review is among them.
        #expect(set.roles[7] == TrainingSet.Role.test.rawValue)
        #expect(set.weights.filter { $0 > 0 }.count == 12)
        #expect(set.weights.max() == 1)
    }

    @Test func logEntriesDropUndoneReviewsAndRestartAfterForget() {
        let card = CardID(rawValue: 42)
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        func at(_ days: Double) -> Date { t0.addingTimeInterval(days * 86400) }
        let log: [ReviewLogEntry] = [
            .review(card, .good, at: at(0), device: "a"),
            .review(card, .again, at: at(1), device: "a"),
            ReviewLogEntry(event: .undo, card: card, time: at(1.01), device: "a", target: at(1)),
            .review(card, .good, at: at(2), device: "a"),
            ReviewLogEntry(event: .forget, card: card, time: at(3), device: "a"),
            .review(card, .easy, at: at(4), device: "a"),
        ]
        let reviews = TrainingSet.reviews(from: log, calendar: .utcMidnight)
        #expect(reviews.map(\.rating) == [.good, .good, .easy])
        #expect(reviews.map(\.sequence) == [0, 0, 1])
        #expect(reviews[1].day - reviews[0].day == 2)
    }

    @Test func optgenLinesAreRead() {
        let text = """
            {"card_id": 3, "review_time": 172800, "rating": 3, "review_duration": 5000}
            {"rating":1,"card_id":3,"review_time":259300.5}

            """
        guard case .success(let reviews) = OptimizerLogReader.reviews(Array(text.utf8)) else {
            Issue.record("expected the lines to parse")
            return
        }
        #expect(reviews == [OptimizerReview(sequence: 3, time: 172800, day: 2, rating: .good),
                            OptimizerReview(sequence: 3, time: 259300.5, day: 3, rating: .again)])
        let bad = OptimizerLogReader.reviews(Array("{\"card_id\": 1, \"review_time\": 5, \"rating\": 7}\n".utf8))
        #expect(bad == .failure(OptimizerLogReader.Problem(line: 1, message: "rating 7 is not 1, 2, 3 or 4")))
    }
}
