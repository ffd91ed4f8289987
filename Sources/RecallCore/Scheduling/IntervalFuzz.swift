import Foundation

/// Seeded interval fuzz: spreads review intervals of 3 days or more over a few percent so
/// that cards learnt together do not stay together (py-fsrs's ranges; `docs/fsrs.md`, "Fuzz").
///
/// The seed comes from the card id and its review count (``seed(card:reviewCount:)``), so
/// replaying the log gives the same intervals every time.
public enum IntervalFuzz {
    /// A per-review seed: FNV-1a over the card id and how many reviews it had before.
    public static func seed(card: CardID, reviewCount: Int) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(card.rawValue)
        hasher.combine(UInt64(truncatingIfNeeded: reviewCount))
        return hasher.value
    }

    /// The smallest and largest fuzzed interval py-fsrs can give for `interval` days.
    public static func range(for interval: Int, maximumInterval: Int) -> ClosedRange<Int> {
        let days = Double(interval)
        var delta = 1.0
        for (start, end, factor) in [(2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, Double.infinity, 0.05)] {
            delta += factor * max(min(days, end) - start, 0)
        }
        var lo = Int((days - delta).rounded(.toNearestOrEven))
        var hi = Int((days + delta).rounded(.toNearestOrEven))
        lo = max(2, lo)
        hi = min(hi, maximumInterval)
        lo = min(lo, hi)
        return lo...hi
    }

    /// `interval` spread by a uniform draw from `seed`; intervals under 3 days are unchanged.
    /// Like py-fsrs, the result can reach one past the range's upper end (capped at the maximum).
    public static func apply(_ interval: Int, maximumInterval: Int, seed: UInt64) -> Int {
        guard interval >= 3, interval <= 1_000_000 else { return interval }
        let r = range(for: interval, maximumInterval: maximumInterval)
        var rng = SplitMix64(seed: seed)
        let u = Double(rng.next() >> 11) * 0x1p-53
        let fuzzed = (u * Double(r.upperBound - r.lowerBound + 1) + Double(r.lowerBound))
            .rounded(.toNearestOrEven)
        return min(Int(fuzzed), maximumInterval)
    }
}

/// SplitMix64: a small, fast, seedable generator (the same sequence on every platform).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
