import Foundation

/// How well predicted recall probabilities match what happened (see BENCHMARK.md).
public struct PredictionMetrics: Sendable, Equatable {
    /// Mean binary cross-entropy; lower is better.
    public var logLoss: Double
    /// Calibration error over (interval, review count, lapses) bins, weighted by bin size.
    public var rmseBins: Double
    /// Area under the ROC curve; higher is better. NaN when only one outcome occurs.
    public var auc: Double
    /// Number of reviews scored.
    public var count: Int

    public init(logLoss: Double, rmseBins: Double, auc: Double, count: Int) {
        self.logLoss = logLoss
        self.rmseBins = rmseBins
        self.auc = auc
        self.count = count
    }

    /// All three metrics of `predictions`.
    public init(_ predictions: [ScoredPrediction]) {
        self.init(logLoss: PredictionMetrics.logLoss(predictions),
                  rmseBins: PredictionMetrics.rmseBins(predictions),
                  auc: PredictionMetrics.auc(predictions), count: predictions.count)
    }

    /// Mean −(y·ln p + (1−y)·ln(1−p)), with p kept in [1e-12, 1 − 1e-12].
    public static func logLoss(_ predictions: [ScoredPrediction]) -> Double {
        guard !predictions.isEmpty else { return .nan }
        var sum = 0.0
        for item in predictions {
            let p = min(max(item.probability, 1e-12), 1 - 1e-12)
            sum -= item.passed ? log(p) : log(1 - p)
        }
        return sum / Double(predictions.count)
    }

    /// sqrt(Σ n_b·(mean prediction_b − pass rate_b)² / Σ n_b) over the benchmark's bins.
    public static func rmseBins(_ predictions: [ScoredPrediction]) -> Double {
        guard !predictions.isEmpty else { return .nan }
        var bins: [Int: (predicted: Double, passed: Double, count: Double)] = [:]
        for item in predictions {
            bins[binKey(item), default: (0, 0, 0)].predicted += item.probability
            bins[binKey(item)]?.passed += item.passed ? 1 : 0
            bins[binKey(item)]?.count += 1
        }
        var sum = 0.0, total = 0.0
        for bin in bins.values {
            let gap = (bin.predicted - bin.passed) / bin.count
            sum += gap * gap * bin.count
            total += bin.count
        }
        return (sum / total).squareRoot()
    }

    /// The bin of a review: interval, review count and lapses on geometric scales.
    static func binKey(_ item: ScoredPrediction) -> Int {
        let interval = roundHalfUp(2.48 * pow(3.62, floor(log(item.deltaDays) / log(3.62))) * 100)
        let length = Double(item.longTermReviews + 1)
        let lengthBin = roundHalfUp(1.99 * pow(1.89, floor(log(length) / log(1.89))))
        let lapseBin = item.lapses == 0 ? 0
            : roundHalfUp(1.65 * pow(1.73, floor(log(Double(item.lapses)) / log(1.73))))
        return (interval &* 1_000_003 &+ lengthBin) &* 1_009 &+ lapseBin
    }

    private static func roundHalfUp(_ x: Double) -> Int { Int((x + 0.5).rounded(.down)) }

    /// The probability that a random pass is predicted higher than a random failure (ties
    /// count half), from average ranks.
    public static func auc(_ predictions: [ScoredPrediction]) -> Double {
        let order = predictions.indices.sorted { predictions[$0].probability < predictions[$1].probability }
        var passedRankSum = 0.0
        var passes = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, predictions[order[j + 1]].probability == predictions[order[i]].probability {
                j += 1
            }
            let rank = Double(i + j) / 2 + 1
            for k in i...j where predictions[order[k]].passed {
                passedRankSum += rank
                passes += 1
            }
            i = j + 1
        }
        let failures = Double(predictions.count) - passes
        guard passes > 0, failures > 0 else { return .nan }
        return (passedRankSum - passes * (passes + 1) / 2) / (passes * failures)
    }
}
