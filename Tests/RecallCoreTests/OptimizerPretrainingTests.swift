import Foundation
import Testing
@testable import RecallCore

@Suite struct OptimizerPretrainingTests {
    /// 400 cards, each a first review and one review days later; every 97th card waits a rare
    /// 40 days. The same history is built in Python to get fsrs-rs's numbers.
    static func history() -> TrainingSet {
        var reviews: [OptimizerReview] = []
        for i in 0..<400 {
            let first = [1, 2, 3, 3, 3, 3, 4, 3][i % 8]
            var days = [1: 1, 2: 2, 3: 3, 4: 8][first, default: 0] + (i * 7) % 4
            if i % 97 == 0 { days = 40 }
            let passed = (i * 37) % 100 < [1: 70, 2: 80, 3: 88, 4: 95][first, default: 0]
            reviews.append(OptimizerReview(sequence: i, time: Double(i), day: 0, rating: Rating(rawValue: first)!))
            reviews.append(OptimizerReview(sequence: i, time: Double(days * 86400 + i), day: days,
                                           rating: passed ? .good : .again))
        }
        return TrainingSet(reviews: reviews, testFraction: 0)
    }

    @Test func initialStabilityMatchesFSRSRS() {
        // fsrs-rs-python 0.9.3: FSRS(DEFAULT_PARAMETERS).compute_parameters(items, card_ids=…,
        // enable_short_term=True, training_config=TrainingConfig(num_epochs=0))[0:4]
        let expected = [0.128896, 1.743461, 3.130648, 17.070837]
        let s0 = Pretraining.initialStability(Self.history().withoutOutliers(),
                                              defaults: CollectionSettings.defaultParameters)
        for (value, reference) in zip(s0, expected) {
            #expect(abs(value - reference) <= 1e-4 * reference, "\(s0)")
        }
    }

    @Test func outlierCardsTrainNothingAndTheRestAreReweighted() {
        let set = Self.history()
        let filtered = set.withoutOutliers()
        // The five 40-day cards are each alone in their group of (first rating, interval), and
        // the smallest groups go until 20 cards of the rating are gone; the next group is
        // already too big for that, and large enough to keep.
        for card in stride(from: 0, to: 400, by: 97) {
            #expect(filtered.trainEnds[card] == filtered.starts[card])
            #expect(filtered.roles[filtered.starts[card] + 1] == TrainingSet.Role.unscored.rawValue)
        }
        #expect(filtered.trainCount == set.trainCount - 5)
        #expect(filtered.testCount == set.testCount)
        let weights = filtered.trainOrder.map { filtered.weights[$0] }
        #expect(weights.first == 0.25 && weights.last == 1)
        #expect(weights == weights.sorted())
        #expect(filtered.weights.filter { $0 > 0 }.count == filtered.trainCount)
    }
}
