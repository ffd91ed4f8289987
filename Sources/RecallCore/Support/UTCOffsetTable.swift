import Foundation

/// A time zone's UTC offsets between 1970 and 2100 as a sorted list of transitions, so that
/// looking one up is a binary search instead of a time-zone database query.
struct UTCOffsetTable: Sendable {
    /// Unix seconds at which each offset starts; `starts[0]` is the table's lower bound.
    private let starts: [Double]
    private let offsets: [Int]
    private let end: Double

    private static let lower = Date(timeIntervalSince1970: 0)
    private static let upper = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01

    init(_ zone: TimeZone) {
        var starts = [UTCOffsetTable.lower.timeIntervalSince1970]
        var offsets = [zone.secondsFromGMT(for: UTCOffsetTable.lower)]
        var cursor = UTCOffsetTable.lower
        // Bounded: no real zone has more than a few transitions a year.
        for _ in 0..<2000 {
            guard let next = zone.nextDaylightSavingTimeTransition(after: cursor),
                  next < UTCOffsetTable.upper, next > cursor else { break }
            let offset = zone.secondsFromGMT(for: next)
            if offset != offsets[offsets.count - 1] {
                starts.append(next.timeIntervalSince1970)
                offsets.append(offset)
            }
            cursor = next
        }
        self.starts = starts
        self.offsets = offsets
        end = UTCOffsetTable.upper.timeIntervalSince1970
    }

    /// The offset in force at unix time `t`, or `nil` outside 1970-2100.
    func offset(at t: Double) -> Int? {
        guard t >= starts[0], t < end else { return nil }
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= t { lo = mid } else { hi = mid - 1 }
        }
        return offsets[lo]
    }
}
