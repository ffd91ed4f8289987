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
            let e = Exponents(elapsedDays: elapsedDays, longTermReviews: longTermReviews,
                              lapses: lapses)
            self.init(e)
        }

        init(_ e: Exponents) {
            intervalBin = Int((2.48 * pow(3.62, Double(e.interval)) * 100).rounded())
            lengthBin = Int((1.99 * pow(1.89, Double(e.length))).rounded())
            lapseBin = e.lapses < 0 ? 0 : Int((1.65 * pow(1.73, Double(e.lapses))).rounded())
        }
    }

    /// The whole-number exponents behind a ``Key``: `⌊log₃.₆₂ t⌋`, `⌊log₁.₈₉ n⌋` and
    /// `⌊log₁.₇₃ ℓ⌋` (−1 without lapses). Small inputs come from tables: logarithms are too
    /// slow for a million reviews.
    struct Exponents: Hashable {
        var interval: Int
        var length: Int
        var lapses: Int

        init(elapsedDays: Int, longTermReviews: Int, lapses: Int) {
            interval = Exponents.lookup(Exponents.intervalTable, max(1, elapsedDays)) {
                Exponents.floorLog($0, 3.62)
            }
            length = Exponents.lookup(Exponents.lengthTable, max(1, longTermReviews + 1)) {
                Exponents.floorLog($0, 1.89)
            }
            self.lapses = lapses <= 0 ? -1 : Exponents.lookup(Exponents.lapseTable, lapses) {
                Exponents.floorLog($0, 1.73)
            }
        }

        static func floorLog(_ value: Int, _ base: Double) -> Int {
            Int((log(Double(value)) / log(base)).rounded(.down))
        }

        private static let tableSize = 4096
        private static let intervalTable = (0..<tableSize).map { floorLog(max(1, $0), 3.62) }
        private static let lengthTable = (0..<tableSize).map { floorLog(max(1, $0), 1.89) }
        private static let lapseTable = (0..<tableSize).map { floorLog(max(1, $0), 1.73) }

        private static func lookup(_ table: [Int], _ value: Int, _ compute: (Int) -> Int) -> Int {
            value < table.count ? table[value] : compute(value)
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

/// Collects scored reviews into calibration bins, kept in flat arrays indexed by the
/// bin's exponents so that adding a review allocates and hashes nothing.
struct CalibrationAccumulator {
    private static let intervals = 16, lengths = 48, lapses = 48
    private var reviews = [Int32](repeating: 0, count: intervals * lengths * lapses)
    private var passed = [Int32](repeating: 0, count: intervals * lengths * lapses)
    private var predicted = [Double](repeating: 0, count: intervals * lengths * lapses)

    init() {}

    /// An accumulator holding the sums of `bins` (as ``bins`` gives them).
    init(bins: [StatsSummary.Bin]) {
        for bin in bins where reviews.indices.contains(bin.slot) {
            reviews[bin.slot] = Int32(truncatingIfNeeded: bin.reviews)
            passed[bin.slot] = Int32(truncatingIfNeeded: bin.passed)
            predicted[bin.slot] = bin.predictedSum
        }
    }

    /// The non-empty slots' sums, by slot.
    var bins: [StatsSummary.Bin] {
        reviews.indices.filter { reviews[$0] > 0 }.map {
            StatsSummary.Bin(slot: $0, reviews: Int(reviews[$0]), passed: Int(passed[$0]), predictedSum: predicted[$0])
        }
    }

    mutating func add(_ e: CalibrationStats.Exponents, predicted p: Double, passed ok: Bool) {
        let i = min(max(e.interval, 0), Self.intervals - 1)
        let n = min(max(e.length, 0), Self.lengths - 1)
        let l = min(e.lapses + 1, Self.lapses - 1)
        let slot = (i * Self.lengths + n) * Self.lapses + l
        reviews[slot] += 1
        predicted[slot] += p
        if ok { passed[slot] += 1 }
    }

    func result() -> CalibrationStats {
        var bins: [CalibrationStats.Bin] = []
        for slot in reviews.indices where reviews[slot] > 0 {
            let l = slot % Self.lapses, n = slot / Self.lapses % Self.lengths
            let i = slot / (Self.lapses * Self.lengths)
            let e = CalibrationStats.Exponents(raw: i, n, l - 1)
            bins.append(CalibrationStats.Bin(key: CalibrationStats.Key(e), reviews: Int(reviews[slot]),
                                             predictedSum: predicted[slot], passed: Int(passed[slot])))
        }
        return CalibrationStats(bins: bins.sorted { $0.key < $1.key })
    }
}

extension CalibrationStats.Exponents {
    init(raw interval: Int, _ length: Int, _ lapses: Int) {
        self.interval = interval
        self.length = length
        self.lapses = lapses
    }
}
