import Foundation

extension FSRSGradient {
    /// Probabilities are kept inside [ε, 1−ε] so that the log loss stays finite.
    static let probabilityFloor = 1e-9

    /// Adds the weighted log loss of the training reviews of `cards`, its gradient and (when
    /// `matrix` is true) its Gauss-Newton matrix to `sums`.
    func accumulateTraining(_ set: TrainingSet, cards: ArraySlice<Int>, into sums: inout LossCurvature,
                            matrix: Bool = true) {
        set.ratings.withUnsafeBufferPointer { ratings in
        set.deltaDays.withUnsafeBufferPointer { deltas in
        set.weights.withUnsafeBufferPointer { weights in
            for card in cards {
                let begin = set.starts[card], end = set.trainEnds[card]
                guard end > begin else { continue }
                var m = start(rating: Int(ratings[begin]))
                for i in (begin + 1)..<end {
                    let g = Int(ratings[i]), t = deltas[i], weight = weights[i]
                    if weight > 0 {
                        let known = retrievabilityWithSlopes(days: t, stability: m.s)
                        score(m, known, passed: g > 1, weight: weight, matrix: matrix, into: &sums)
                        step(&m, rating: g, days: t, known: known)
                    } else {
                        step(&m, rating: g, days: t)
                    }
                }
            }
        }}}
    }

    /// Adds one scored review's weighted log loss and its derivatives to `sums`.
    @inline(__always)
    private func score(_ m: Memory, _ known: (r: Double, dS: Double, dW20: Double), passed: Bool,
                       weight: Double, matrix: Bool, into sums: inout LossCurvature) {
        let (r, rS, rW20) = known
        let floor = FSRSGradient.probabilityFloor
        let p = min(max(r, floor), 1 - floor)
        sums.loss -= weight * (passed ? log(p) : log(1 - p))
        sums.count += 1
        guard p == r else { return }
        var j = rS * m.dS
        j[20] += rW20
        let slope = weight * (passed ? -1 / p : 1 / (1 - p))
        if matrix {
            sums.add(j, slope: slope, curvature: weight / (p * (1 - p)))
        } else {
            j.add(scaledBy: slope, to: &sums.gradient)
        }
    }
}

/// A scored review's prediction, with what RMSE(bins) groups it by.
public struct ScoredPrediction: Sendable, Equatable {
    /// Predicted chance of recall.
    public var probability: Double
    /// Whether the review passed (Hard, Good or Easy).
    public var passed: Bool
    /// Days since the previous review.
    public var deltaDays: Double
    /// Reviews on a later day so far, this one included.
    public var longTermReviews: Int
    /// Earlier Again ratings given on a later day.
    public var lapses: Int

    public init(probability: Double, passed: Bool, deltaDays: Double, longTermReviews: Int, lapses: Int) {
        self.probability = probability
        self.passed = passed
        self.deltaDays = deltaDays
        self.longTermReviews = longTermReviews
        self.lapses = lapses
    }
}

extension FSRSGradient {
    /// Predictions for every review of `role` (plain forward pass, no derivatives).
    public func predictions(_ set: TrainingSet, role: TrainingSet.Role) -> [ScoredPrediction] {
        var out: [ScoredPrediction] = []
        out.reserveCapacity(role == .train ? set.trainCount : set.testCount)
        for card in 0..<set.cardCount {
            let begin = set.starts[card], end = set.starts[card + 1]
            var s = 0.0, d = 0.0, longTerm = 0, lapses = 0
            for i in begin..<end {
                let g = Int(set.ratings[i]), t = set.deltaDays[i]
                if i == begin {
                    (s, d) = initialState(rating: g)
                    continue
                }
                if t > 0 { longTerm += 1 }
                if set.roles[i] == role.rawValue {
                    out.append(ScoredPrediction(probability: retrievability(days: t, stability: s),
                                                passed: g > 1, deltaDays: t,
                                                longTermReviews: longTerm, lapses: lapses))
                }
                if t > 0, g == 1 { lapses += 1 }
                (s, d) = nextState(s: s, d: d, rating: g, days: t)
            }
        }
        return out
    }

    /// Unweighted mean log loss over the reviews of `role` (NaN when there are none).
    public func meanLogLoss(_ set: TrainingSet, role: TrainingSet.Role) -> Double {
        PredictionMetrics.logLoss(predictions(set, role: role))
    }

    func initialState(rating g: Int) -> (Double, Double) {
        let s = min(max(w[g - 1], FSRSGradient.minimumStability), FSRSGradient.maximumStability)
        return (s, min(max(w[4] - exp(w[5] * Double(g - 1)) + 1, 1), 10))
    }

    /// The same step as the gradient pass, on plain values.
    func nextState(s: Double, d: Double, rating g: Int, days t: Double) -> (Double, Double) {
        var s2: Double
        if t == 0 {
            let increase = exp(w[17] * (Double(g - 3) + w[18])) * pow(s, -w[19])
            s2 = g >= 2 ? s * max(increase, 1) : s * increase
        } else {
            let r = retrievability(days: t, stability: s)
            if g == 1 {
                let long = w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) * exp(w[14] * (1 - r))
                s2 = min(long, s / exp(w[17] * w[18]))
            } else {
                let hp = g == 2 ? w[15] : 1, eb = g == 4 ? w[16] : 1
                s2 = s * (1 + expW8 * (11 - d) * pow(s, -w[9]) * (exp(w[10] * (1 - r)) - 1) * hp * eb)
            }
        }
        s2 = min(max(s2, FSRSGradient.minimumStability), FSRSGradient.maximumStability)
        let damped = d - w[6] * Double(g - 3) * (10 - d) / 9
        let d2 = min(max(w[7] * (easyTarget - damped) + damped, 1), 10)
        return (s2, d2)
    }
}

extension FSRSGradient {
    /// Recency-weighted log loss summed over the training reviews (plain forward pass).
    func weightedTrainingLoss(_ set: TrainingSet, cards: ArraySlice<Int>) -> Double {
        var loss = 0.0
        for card in cards {
            let begin = set.starts[card], end = set.trainEnds[card]
            guard end > begin else { continue }
            var (s, d) = initialState(rating: Int(set.ratings[begin]))
            for i in (begin + 1)..<end {
                let g = Int(set.ratings[i]), t = set.deltaDays[i], weight = set.weights[i]
                if weight > 0 {
                    let floor = FSRSGradient.probabilityFloor
                    let p = min(max(retrievability(days: t, stability: s), floor), 1 - floor)
                    loss -= weight * (g > 1 ? log(p) : log(1 - p))
                }
                (s, d) = nextState(s: s, d: d, rating: g, days: t)
            }
        }
        return loss
    }
}
