import Foundation
import Testing
@testable import RecallCore

/// A small history with every kind of step: first reviews of each rating, same-day reviews,
/// later-day passes (Hard, Good, Easy) and lapses.
func optimizerSampleSet(testFraction: Double = 0) -> TrainingSet {
    let histories: [[(day: Int, rating: Int)]] = [
        [(0, 3), (0, 3), (2, 3), (9, 2), (30, 4), (80, 1), (80, 3), (83, 3)],
        [(0, 1), (0, 2), (0, 3), (1, 1), (1, 3), (3, 3), (10, 3)],
        [(0, 4), (8, 3), (40, 1), (41, 2), (50, 4)],
        [(0, 2), (1, 3), (1, 4), (5, 2), (6, 1), (6, 1), (7, 3)],
    ]
    var reviews: [OptimizerReview] = []
    for (card, history) in histories.enumerated() {
        for (i, review) in history.enumerated() {
            reviews.append(OptimizerReview(sequence: card, time: Double(review.day * 86400 + i * 600),
                                           day: review.day, rating: Rating(rawValue: review.rating)!))
        }
    }
    return TrainingSet(reviews: reviews, testFraction: testFraction)
}

@Suite struct OptimizerGradientTests {
    /// Parameters away from every clamp and kink, so central differences are meaningful.
    static let point: [Double] = [
        0.3, 1.1, 2.6, 7.5, 6.1, 0.7, 2.2, 0.05, 1.7, 0.2, 0.9, 1.6, 0.09, 0.35, 1.4, 0.55,
        1.9, 0.6, 0.15, 0.1, 0.25,
    ]

    @Test func analyticGradientMatchesCentralDifferences() {
        let set = optimizerSampleSet()
        let cards = Array(0..<set.cardCount)[...]
        var sums = LossCurvature()
        FSRSGradient(parameters: Self.point).accumulateTraining(set, cards: cards, into: &sums)
        let gradient = sums.gradient
        #expect(sums.count == set.trainCount)
        #expect(abs(sums.loss - FSRSGradient(parameters: Self.point).weightedTrainingLoss(set, cards: cards)) < 1e-12)
        for k in 0..<21 {
            let h = 1e-6 * max(1, abs(Self.point[k]))
            var up = Self.point, down = Self.point
            up[k] += h
            down[k] -= h
            let numeric = (FSRSGradient(parameters: up).weightedTrainingLoss(set, cards: cards)
                - FSRSGradient(parameters: down).weightedTrainingLoss(set, cards: cards)) / (2 * h)
            #expect(abs(numeric - gradient[k]) <= 1e-5 * max(1, abs(numeric)), "w\(k): \(numeric) vs \(gradient[k])")
        }
    }

    @Test func everyParameterGetsAGradient() {
        let set = optimizerSampleSet()
        var sums = LossCurvature()
        FSRSGradient(parameters: Self.point).accumulateTraining(set, cards: Array(0..<set.cardCount)[...], into: &sums)
        #expect(sums.gradient.allSatisfy { $0 != 0 && $0.isFinite })
        var plain = LossCurvature()
        FSRSGradient(parameters: Self.point)
            .accumulateTraining(set, cards: Array(0..<set.cardCount)[...], into: &plain, matrix: false)
        #expect(plain.gradient == sums.gradient && plain.loss == sums.loss)
    }

    /// The Gauss-Newton matrix is Σ c·J·Jᵀ/(p(1−p)), with J = ∂p/∂w from central differences.
    @Test func gaussNewtonMatrixMatchesDifferencedPredictions() {
        let set = optimizerSampleSet()
        let cards = Array(0..<set.cardCount)[...]
        var sums = LossCurvature()
        FSRSGradient(parameters: Self.point).accumulateTraining(set, cards: cards, into: &sums)
        let p = FSRSGradient(parameters: Self.point).predictions(set, role: .train).map(\.probability)
        var jacobian: [[Double]] = []
        for k in 0..<21 {
            let h = 1e-6 * max(1, abs(Self.point[k]))
            var up = Self.point, down = Self.point
            up[k] += h
            down[k] -= h
            let a = FSRSGradient(parameters: up).predictions(set, role: .train).map(\.probability)
            let b = FSRSGradient(parameters: down).predictions(set, role: .train).map(\.probability)
            jacobian.append(zip(a, b).map { ($0 - $1) / (2 * h) })
        }
        let weights = set.trainOrder.map { set.weights[$0] }
        let order = Dictionary(uniqueKeysWithValues: set.trainOrder.enumerated().map { ($1, $0) })
        let scored = (0..<set.reviewCount).filter { set.roles[$0] == TrainingSet.Role.train.rawValue }
        for a in 0..<21 {
            for b in 0..<21 {
                var expected = 0.0
                for (i, index) in scored.enumerated() {
                    let c = weights[order[index] ?? 0] / (p[i] * (1 - p[i]))
                    expected += c * jacobian[a][i] * jacobian[b][i]
                }
                #expect(abs(sums[a, b] - expected) <= 1e-4 * max(1, abs(expected)), "H[\(a),\(b)]")
                #expect(abs(sums[a, b] - sums[b, a]) <= 1e-12 * max(1, abs(expected)))
            }
        }
    }

    @Test func plainForwardPassMatchesTheScheduler() {
        // With no clamps biting, the training model and Recall's scheduler agree on S and D.
        let w = CollectionSettings.defaultParameters
        let model = FSRSGradient(parameters: w)
        var settings = CollectionSettings()
        settings.parameters = w
        let fsrs = FSRS(settings: settings)
        var memory = fsrs.nextMemory(nil, rating: .good, elapsedDays: nil)
        var (s, d) = model.initialState(rating: 3)
        for (rating, days) in [(Rating.good, 0), (.good, 3), (.hard, 10), (.again, 20), (.good, 0), (.easy, 4)] {
            memory = fsrs.nextMemory(memory, rating: rating, elapsedDays: days)
            (s, d) = model.nextState(s: s, d: d, rating: rating.rawValue, days: Double(days))
            #expect(abs(s - memory.stability) <= 1e-9 * memory.stability)
            #expect(abs(d - memory.difficulty) <= 1e-9)
        }
    }
}
