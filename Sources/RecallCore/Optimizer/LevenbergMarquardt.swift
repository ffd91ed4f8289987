import Foundation

/// Minimises fsrs-rs's training objective by damped Gauss-Newton (Levenberg–Marquardt)
/// steps inside ``ParameterBounds``.
///
/// The objective is the recency-weighted log loss of the training reviews plus
/// γ·Σ((w − centre)/spread)². Each iteration makes one pass with derivatives (gradient g and
/// Gauss-Newton matrix H), solves (H + λ·diag H)·δ = −g over the parameters not held at a
/// bound, and keeps w + δ (clamped) only if the objective went down; λ shrinks after a
/// success and grows after a failure, so steps range from Newton-like to short
/// gradient steps. It stops when an iteration gains less than `tolerance` of the objective.
/// Every pass is deterministic: no shuffling, no learning rate.
struct LevenbergMarquardt {
    let set: TrainingSet
    let cards: [Int]
    /// Where the penalty pulls toward (the pre-trained starting point).
    let centre: [Double]
    let gamma: Double
    var maxIterations = 100
    var tolerance = 1e-8
    var threads = 1
    /// Runs the `threads` slices of each pass.
    var runJobs: JobRunner = Jobs.inTurn

    /// The objective at `w`.
    func objective(_ w: [Double]) -> Double {
        let model = FSRSGradient(parameters: w)
        let parts = inParallel { model.weightedTrainingLoss(set, cards: $0) }
        return parts.reduce(0, +) + LossCurvature.penalty(w, centre: centre, gamma: gamma)
    }

    /// The objective at `w` with its gradient and Gauss-Newton matrix.
    func curvature(_ w: [Double]) -> LossCurvature {
        let model = FSRSGradient(parameters: w)
        let parts = inParallel { cards -> LossCurvature in
            var sums = LossCurvature()
            model.accumulateTraining(set, cards: cards, into: &sums)
            return sums
        }
        var total = parts[0]
        for part in parts.dropFirst() { total.merge(part) }
        total.addPenalty(w, centre: centre, gamma: gamma)
        return total
    }

    /// The minimum found from `start`; `progress` gets rough fractions of the work done.
    func minimise(from start: [Double], progress: ((Double) -> Void)? = nil) -> [Double] {
        var w = ParameterBounds.clamp(start)
        var f = objective(w)
        var lambda = 1e-3
        var firstGain: Double?
        var done = 0.0
        for _ in 0..<maxIterations {
            let c = curvature(w)
            let free = (0..<w.count).filter { !ParameterBounds.isHeld(w[$0], $0, gradient: c.gradient[$0]) }
            var gain: Double?
            while gain == nil, lambda < 1e12 {
                if let delta = LevenbergMarquardt.solve(c, free: free, damping: lambda) {
                    var trial = w
                    for (i, k) in free.enumerated() { trial[k] -= delta[i] }
                    trial = ParameterBounds.clamp(trial)
                    let value = objective(trial)
                    if value < f {
                        gain = f - value
                        (w, f) = (trial, value)
                        lambda = max(lambda / 10, 1e-9)
                        break
                    }
                }
                lambda *= 10
            }
            guard let gain, gain > tolerance * f else { break }
            // Progress: orders of magnitude the gain fell, of those left to the tolerance.
            let first = firstGain ?? gain
            firstGain = first
            let span = log(first / (tolerance * f))
            if span > 0 { done = max(done, min(0.99, log(first / gain) / span)) }
            progress?(done)
        }
        progress?(1)
        return w
    }

    /// Solves (H + damping·diag H)·δ = g on the `free` parameters by Cholesky; nil when the
    /// damped matrix is not positive definite.
    static func solve(_ c: LossCurvature, free: [Int], damping: Double) -> [Double]? {
        let n = free.count
        guard n > 0 else { return nil }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i { a[i * n + j] = c[free[i], free[j]] }
            a[i * n + i] *= 1 + damping
        }
        for j in 0..<n {
            var d = a[j * n + j]
            for k in 0..<j { d -= a[j * n + k] * a[j * n + k] }
            guard d > 0, d.isFinite else { return nil }
            let pivot = d.squareRoot()
            a[j * n + j] = pivot
            for i in (j + 1)..<n {
                var s = a[i * n + j]
                for k in 0..<j { s -= a[i * n + k] * a[j * n + k] }
                a[i * n + j] = s / pivot
            }
        }
        var x = free.map { c.gradient[$0] }
        for i in 0..<n {
            for k in 0..<i { x[i] -= a[i * n + k] * x[k] }
            x[i] /= a[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { x[i] -= a[k * n + i] * x[k] }
            x[i] /= a[i * n + i]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }

    /// `body` over `threads` slices of `cards` at once (one slice for small sets).
    private func inParallel<T>(_ body: @Sendable (ArraySlice<Int>) -> T) -> [T] {
        let parts = cards.count >= 256 ? max(1, threads) : 1
        guard parts > 1 else { return [body(cards[...])] }
        let size = (cards.count + parts - 1) / parts
        let cards = self.cards
        return Jobs.map(parts, run: runJobs) { part in
            let lower = min(cards.count, part * size)
            return body(cards[lower..<min(cards.count, lower + size)])
        }
    }
}
