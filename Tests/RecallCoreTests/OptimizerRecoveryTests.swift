import Foundation
import Testing
@testable import RecallCore

/// A Swift port of the learner in `Benchmarks/optimizer/optgen.py`, smaller and simplified: memory
/// follows FSRS-6 with known "true" parameters, the app schedules with the defaults at 90 %,
/// the learner studies once a day (new cards: one same-day step unless Easy; lapses: one
/// same-day relearning review). Deterministic for a seed.
struct SimulatedLearner {
    var truth: [Double]
    var cards = 300
    var days = 240
    var newPerDay = 10
    var seed: UInt64 = 7

    func reviews() -> [OptimizerReview] {
        let memory = FSRSGradient(parameters: truth)
        let app = FSRSGradient(parameters: CollectionSettings.defaultParameters)
        var rng = SplitMix64(seed: seed)
        var truthState: [(Double, Double)] = [], appState: [(Double, Double)] = []
        var last: [Int] = [], due: [Int] = []
        var out: [OptimizerReview] = []
        func uniform() -> Double { Double.random(in: 0..<1, using: &rng) }
        func record(_ card: Int, _ day: Int, _ minute: Int, _ rating: Int) {
            out.append(OptimizerReview(sequence: card, time: Double(day * 86400 + 8 * 3600 + minute * 60),
                                       day: day, rating: Rating(rawValue: rating)!))
        }
        func sameDay(_ card: Int, _ day: Int, _ minute: Int) {
            let p = memory.retrievability(days: 10.0 / 1440, stability: truthState[card].0)
            let rating = uniform() < p ? 3 : 1
            truthState[card] = memory.nextState(s: truthState[card].0, d: truthState[card].1, rating: rating, days: 0)
            appState[card] = app.nextState(s: appState[card].0, d: appState[card].1, rating: rating, days: 0)
            record(card, day, minute + 10, rating)
        }
        for day in 0..<days {
            var minute = 0
            for card in due.indices where due[card] == day {
                let t = Double(day - last[card])
                let ok = uniform() < memory.retrievability(days: t, stability: truthState[card].0)
                let u = uniform()
                let rating = ok ? (u < 0.15 ? 2 : (u < 0.9 ? 3 : 4)) : 1
                truthState[card] = memory.nextState(s: truthState[card].0, d: truthState[card].1, rating: rating, days: t)
                appState[card] = app.nextState(s: appState[card].0, d: appState[card].1, rating: rating, days: t)
                record(card, day, minute, rating)
                if rating == 1 { sameDay(card, day, minute) }
                minute += 1
                last[card] = day
                due[card] = day + max(1, Int(appState[card].0.rounded()))
            }
            for _ in 0..<min(newPerDay, cards - due.count) {
                let card = due.count
                let u = uniform()
                let rating = u < 0.2 ? 1 : (u < 0.3 ? 2 : (u < 0.9 ? 3 : 4))
                truthState.append(memory.initialState(rating: rating))
                appState.append(app.initialState(rating: rating))
                record(card, day, minute, rating)
                if rating != 4 { sameDay(card, day, minute) }
                minute += 1
                last.append(day)
                due.append(day + max(1, Int(appState[card].0.rounded())))
            }
        }
        return out
    }
}

@Suite struct OptimizerRecoveryTests {
    /// The true parameters of optgen.py's seed-7 learner.
    static let truth: [Double] = [
        0.1865, 1.6699, 2.06, 7.0865, 6.1482, 0.8035, 3.353, 0.0264, 2.0744, 0.189, 0.8611, 1.5113,
        0.001, 0.3313, 1.7926, 0.6638, 1.0018, 0.2722, 0.0, 0.033, 0.1954,
    ]

    @Test func fitPredictsHeldOutReviewsAsWellAsTheTruth() {
        let set = TrainingSet(reviews: SimulatedLearner(truth: Self.truth, cards: 2000, days: 365).reviews())
        #expect(set.testCount > 2000)
        let outcome = FSRSOptimizer.run(set, current: CollectionSettings.defaultParameters)
        let truthLoss = FSRSGradient(parameters: Self.truth).meanLogLoss(set, role: .test)
        #expect(outcome.hasEnoughData)
        #expect(outcome.isImprovement)
        #expect(outcome.fitted.logLoss <= truthLoss * 1.005, "fitted \(outcome.fitted.logLoss) vs true \(truthLoss)")
        #expect(outcome.fitted.logLoss < outcome.current.logLoss)
        #expect(zip(outcome.parameters, ParameterBounds.ranges).allSatisfy { $1.contains($0) })
        #expect(Array(outcome.parameters[0..<4]) == outcome.parameters[0..<4].sorted())
    }

    @Test func tinyHistoryKeepsTheCurrentParameters() {
        let reviews = Array(SimulatedLearner(truth: Self.truth, cards: 5, days: 20).reviews())
        let current = CollectionSettings.defaultParameters
        let outcome = FSRSOptimizer.run(TrainingSet(reviews: reviews), current: current)
        #expect(!outcome.hasEnoughData)
        #expect(!outcome.isImprovement)
        #expect(outcome.parameters == current)
    }

    @Test func emptyHistoryKeepsTheCurrentParameters() {
        let outcome = FSRSOptimizer.run(TrainingSet(reviews: []), current: Self.truth)
        #expect(!outcome.hasEnoughData && outcome.parameters == Self.truth)
        #expect(outcome.current.logLoss.isNaN)
    }

    @Test func pretrainingKeepsInitialStabilitiesInOrder() {
        let set = TrainingSet(reviews: SimulatedLearner(truth: Self.truth, cards: 200, days: 120).reviews())
        let s0 = Pretraining.initialStability(set, defaults: CollectionSettings.defaultParameters)
        #expect(s0.count == 4)
        #expect(s0 == s0.sorted())
        #expect(s0.allSatisfy { (0.001...100).contains($0) })
    }

    @Test func workloadIsLowestAtAModerateRetention() {
        var simulator = WorkloadSimulator(parameters: Self.truth)
        simulator.cards = 200
        simulator.days = 180
        let rows = simulator.table([0.70, 0.85, 0.99])
        #expect(rows.map(\.reviews) == rows.map(\.reviews).sorted())
        #expect(rows[2].secondsPerRemembered > rows[1].secondsPerRemembered)
        #expect(WorkloadSimulator.recommended(rows) != rows.last)
    }
}
