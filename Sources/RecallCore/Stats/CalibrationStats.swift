import Foundation

/// How well the scheduler's predicted recall matched what happened, in the bins of the
/// srs-benchmark's RMSE(bins) metric.
///
/// Only reviews a day or more after the card's previous review, of cards with a memory state,
/// are scored. Each is put in a bin by three coarsened features: the elapsed interval, the
/// number of long-term reviews and the number of long-term lapses (see ``Key``).
public struct CalibrationStats: Sendable, Equatable {
    /// A bin's identity: the three coarsened features.
    public struct Key: Sendable, Hashable, Comparable {
        /// `round(2.48 · 3.62^⌊log₃.₆₂ t⌋, 2)` for elapsed days `t`, times 100.
        public var intervalBin: Int
        /// `round(1.99 · 1.89^⌊log₁.₈₉ n⌋)` where `n` counts the card's reviews with `t ≥ 1`,
        /// this one included, plus 1.
        public var lengthBin: Int
        /// 0 without lapses, else `round(1.65 · 1.73^⌊log₁.₇₃ ℓ⌋)` where `ℓ` counts earlier
        /// Again ratings given a day or more after the previous review.
        public var lapseBin: Int

        public init(intervalBin: Int, lengthBin: Int, lapseBin: Int) {
            self.intervalBin = intervalBin
            self.lengthBin = lengthBin
            self.lapseBin = lapseBin
        }

        public static func < (a: Key, b: Key) -> Bool {
            (a.intervalBin, a.lengthBin, a.lapseBin) < (b.intervalBin, b.lengthBin, b.lapseBin)
        }

        /// The bin of a review after `elapsedDays` (≥ 1), given the card's long-term review
        /// count including this one and its earlier long-term lapses.
        public init(elapsedDays: Int, longTermReviews: Int, lapses: Int) {
            intervalBin = Key.cached(Key.intervalTable, max(1, elapsedDays), Key.intervalBin(for:))
            lengthBin = Key.cached(Key.lengthTable, longTermReviews + 1, Key.lengthBin(for:))
            lapseBin = Key.cached(Key.lapseTable, lapses, Key.lapseBin(for:))
        }

        static func intervalBin(for t: Int) -> Int {
            Int((2.48 * pow(3.62, (log(Double(t)) / log(3.62)).rounded(.down)) * 100).rounded())
        }

        static func lengthBin(for n: Int) -> Int {
            Int((1.99 * pow(1.89, (log(Double(n)) / log(1.89)).rounded(.down))).rounded())
        }

        static func lapseBin(for l: Int) -> Int {
            guard l > 0 else { return 0 }
            return Int((1.65 * pow(1.73, (log(Double(l)) / log(1.73)).rounded(.down))).rounded())
        }

        // The logarithms are too slow for a million reviews; small inputs come from tables.
        private static let tableSize = 4096
        private static let intervalTable = (0..<tableSize).map { intervalBin(for: max(1, $0)) }
        private static let lengthTable = (0..<tableSize).map { lengthBin(for: max(1, $0)) }
        private static let lapseTable = (0..<tableSize).map { lapseBin(for: $0) }

        private static func cached(_ table: [Int], _ value: Int, _ compute: (Int) -> Int) -> Int {
            value >= 0 && value < table.count ? table[value] : compute(value)
        }
    }

    /// One bin: its reviews, the mean prediction and the observed pass rate.
    public struct Bin: Sendable, Equatable {
        public var key: Key
        public var reviews: Int
        /// Sum of predicted recall probabilities.
        public var predictedSum: Double
        public var passed: Int

        public var predicted: Double { reviews == 0 ? 0 : predictedSum / Double(reviews) }
        public var actual: Double { reviews == 0 ? 0 : Double(passed) / Double(reviews) }

        mutating func record(predicted: Double, passed: Bool) {
            reviews += 1
            predictedSum += predicted
            if passed { self.passed += 1 }
        }
    }

    /// Non-empty bins, ordered by key.
    public var bins: [Bin]

    /// Scored reviews over all bins.
    public var reviews: Int { bins.reduce(0) { $0 + $1.reviews } }

    /// `sqrt(Σ n_b (predicted_b − actual_b)² / Σ n_b)`; `nil` with no scored review.
    public var rmse: Double? {
        let total = reviews
        guard total > 0 else { return nil }
        let sum = bins.reduce(0.0) { acc, bin in
            let d = bin.predicted - bin.actual
            return acc + Double(bin.reviews) * d * d
        }
        return (sum / Double(total)).squareRoot()
    }

    public init(bins: [Bin]) { self.bins = bins }
}

/// Collects scored reviews into calibration bins.
struct CalibrationAccumulator {
    private var bins: [CalibrationStats.Key: CalibrationStats.Bin] = [:]

    mutating func add(_ key: CalibrationStats.Key, predicted: Double, passed: Bool) {
        bins[key, default: CalibrationStats.Bin(key: key, reviews: 0, predictedSum: 0, passed: 0)]
            .record(predicted: predicted, passed: passed)
    }

    func result() -> CalibrationStats {
        CalibrationStats(bins: bins.values.sorted { $0.key < $1.key })
    }
}
