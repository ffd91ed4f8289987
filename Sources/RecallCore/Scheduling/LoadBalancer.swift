import Foundation

/// The load balancer: picks the interval, within a card's fuzz range, whose day evens out
/// the daily review load (as Anki's load balancer does since 24.11).
///
/// Pure: the caller says how many reviews are already due on each candidate day and how much
/// of a normal day's load each day should carry; nothing here reads a clock or the cards.
public enum LoadBalancer {
    /// How much less likely each extra review (per unit of capacity) makes a day than the
    /// lightest day in range: its weight is multiplied by e^−``sharpness``.
    public static let sharpness = 0.3

    /// The interval in days, from `range`, to give a review card.
    ///
    /// A day's load is (reviews due + 1) ÷ capacity. Each candidate day is weighted by
    /// e^(−sharpness × (its load − the lightest load in range)) ÷ interval, and the interval
    /// is drawn with those weights from `seed`. So the lightest days take most cards, a day
    /// a few reviews heavier still takes some (cards answered together spread out), and a
    /// shorter interval is slightly likelier than a longer one. A day with capacity 0 is
    /// never chosen, unless every day in the range has capacity 0 (then capacities are
    /// ignored). The result is always within `range`.
    ///
    /// - Parameters:
    ///   - range: the candidate intervals in days (the fuzz range, lower bound at least 1).
    ///   - dueCounts: reviews already due on the day of each interval, in the order of
    ///     `range` (`dueCounts[0]` is for `range.lowerBound`); missing entries count as 0.
    ///   - capacities: the share of a normal day's load each of those days should carry:
    ///     1 a normal day, 0.5 an easy day at 50 %, 0 a day without reviews (an easy day at
    ///     0 %, a planned break). Missing entries count as 1; negative ones as 0.
    ///   - seed: seeds the draw (the card's ``IntervalFuzz/seed(card:reviewCount:)``).
    public static func interval(in range: ClosedRange<Int>, dueCounts: [Int], capacities: [Double],
                                seed: UInt64) -> Int {
        guard range.count > 1 else { return range.lowerBound }
        func capacity(_ i: Int) -> Double {
            i < capacities.count && capacities[i].isFinite ? max(0, capacities[i]) : 1
        }
        let ignoreCapacity = (0..<range.count).allSatisfy { capacity($0) == 0 }
        let loads = (0..<range.count).map { i -> Double in
            let due = Double(max(0, i < dueCounts.count ? dueCounts[i] : 0))
            let c = ignoreCapacity ? 1 : capacity(i)
            return c > 0 ? (due + 1) / c : .infinity
        }
        let lightest = loads.min() ?? 0
        let weights = zip(loads, range).map { load, days in
            load.isFinite ? Foundation.exp(-sharpness * (load - lightest)) / Double(max(days, 1)) : 0
        }
        let total = weights.reduce(0, +)
        guard total > 0, total.isFinite else { return range.lowerBound }
        var rng = SplitMix64(seed: seed)
        var point = Double(rng.next() >> 11) * 0x1p-53 * total
        for (i, w) in weights.enumerated() where w > 0 {
            if point < w { return range.lowerBound + i }
            point -= w
        }
        // Rounding left the point past the last weight: the last day that has one.
        return range.lowerBound + (weights.lastIndex { $0 > 0 } ?? 0)
    }
}
