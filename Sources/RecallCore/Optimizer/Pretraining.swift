import Foundation

/// Initial stabilities w0…w3 from first intervals, as fsrs-rs's pre-training does: for each
/// first rating, each card's first review on a later day gives a pass rate per interval
/// (smoothed toward the average pass rate as if one more review had that rate); S₀ is the
/// stability whose forgetting curve fits them best (log loss weighted by the review count,
/// predictions kept in [0.0001, 0.9999], plus |S₀ − default|/16), found by ternary search
/// in [0.001, 100]. Ratings out of order are merged; missing ones are filled in. Run on
/// ``TrainingSet/withoutOutliers()`` it gives fsrs-rs-python 0.9.3's values to 4 digits.
public enum Pretraining {
    static let lowest = 0.001, highest = 100.0

    /// w0…w3 fitted to the training reviews of `set`; `defaults` where nothing is known.
    public static func initialStability(_ set: TrainingSet, defaults: [Double]) -> [Double] {
        var groups: [[Double: (passed: Double, count: Double)]] = Array(repeating: [:], count: 4)
        var passed = 0.0, total = 0.0
        for card in 0..<set.cardCount {
            let begin = set.starts[card]
            for i in (begin + 1)..<max(begin + 1, set.trainEnds[card]) where set.roles[i] == TrainingSet.Role.train.rawValue {
                passed += set.ratings[i] > 1 ? 1 : 0
                total += 1
            }
            // The card's first review on a later day, whatever happened the first day.
            guard let j = set.firstLaterDayReview(card) else { continue }
            let first = Int(set.ratings[begin]) - 1
            groups[first][set.deltaDays[j], default: (0, 0)].passed += set.ratings[j] > 1 ? 1 : 0
            groups[first][set.deltaDays[j], default: (0, 0)].count += 1
        }
        let average = total > 0 ? passed / total : 0.9
        let decay = -defaults[20]
        var fitted: [Double?] = (0..<4).map { rating in
            groups[rating].isEmpty ? nil
                : search(groups[rating], average: average, prior: defaults[rating], decay: decay)
        }
        let counts = groups.map { $0.values.reduce(0) { $0 + $1.count } }
        makeIncreasing(&fitted, counts: counts)
        return fill(fitted, defaults: defaults)
    }

    private static func search(_ group: [Double: (passed: Double, count: Double)], average: Double,
                               prior: Double, decay: Double) -> Double {
        let points = group.map { t, value in
            (t: t, recall: (value.passed + average) / (value.count + 1), weight: value.count)
        }
        let factor = pow(0.9, 1 / decay) - 1
        func loss(_ s: Double) -> Double {
            var sum = abs(s - prior) / 16
            for p in points {
                let r = min(max(pow(1 + factor * p.t / s, decay), 0.0001), 0.9999)
                sum -= p.weight * (p.recall * log(r) + (1 - p.recall) * log(1 - r))
            }
            return sum
        }
        var low = lowest, high = highest
        for _ in 0..<200 where high - low > 1e-9 {
            let a = low + (high - low) / 3, b = high - (high - low) / 3
            if loss(a) < loss(b) { high = b } else { low = a }
        }
        return (low + high) / 2
    }

    /// w0…w3 of a trained `w` put in order (see ``makeIncreasing(_:counts:)``), weighting each
    /// first rating by how many cards of `set` the pre-training saw with it.
    public static func orderedInitialStability(_ w: [Double], set: TrainingSet) -> [Double] {
        var counts = [Double](repeating: 0, count: 4)
        for card in 0..<set.cardCount where set.firstLaterDayReview(card) != nil {
            counts[Int(set.ratings[set.starts[card]]) - 1] += 1
        }
        var s: [Double?] = Array(w[0..<4])
        makeIncreasing(&s, counts: counts)
        var out = w
        for i in 0..<4 { out[i] = s[i] ?? w[i] }
        for i in 1..<4 where out[i] < out[i - 1] { out[i] = out[i - 1] }
        return out
    }

    /// A better first rating never gets a smaller S₀: an out-of-order pair takes the value
    /// of the rating seen more often.
    private static func makeIncreasing(_ s: inout [Double?], counts: [Double]) {
        for (small, big) in [(0, 1), (1, 2), (2, 3), (0, 2), (1, 3), (0, 3)] {
            guard let a = s[small], let b = s[big], a > b else { continue }
            if counts[small] > counts[big] { s[big] = a } else { s[small] = b }
        }
    }

    /// Missing ratings: the defaults scaled by the mean log-ratio of the known ones to theirs,
    /// kept in order and in [0.001, 100].
    private static func fill(_ s: [Double?], defaults: [Double]) -> [Double] {
        let known = (0..<4).compactMap { i in s[i].map { log($0 / defaults[i]) } }
        let scale = known.isEmpty ? 1 : exp(known.reduce(0, +) / Double(known.count))
        var out = (0..<4).map { s[$0] ?? defaults[$0] * scale }
        for i in 1..<4 where out[i] < out[i - 1] { out[i] = out[i - 1] }
        return out.map { min(max($0, lowest), highest) }
    }
}
