import Foundation
import RecallCore

/// `stats-reviews.bin`: the annotated reviews (``StatsReview``) of the part of the log that
/// `state.json` covers, which `recall stats` of one deck or tag filters, so that it replays
/// only the log's tail.
///
/// A ``DerivedFile`` keyed as ``StatsSummaryCache`` is. Payload, little-endian: the latest
/// entry time of the prefix (Float64, seconds since 2001, NaN when empty), a UInt64 review
/// count, then one ``stride``-byte record per review.
enum StatsReviewsCache {
    static let file = DerivedFile(name: "stats-reviews.bin", magic: "RECALLSR", version: 1)
    static let stride = 40

    /// The payload, or nil when a value does not fit the layout (then no file is written).
    static func payload(_ reviews: [StatsReview], latest: Date?) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(16 + reviews.count * stride)
        putLE((latest?.timeIntervalSinceReferenceDate ?? .nan).bitPattern, &out)
        putLE(UInt64(reviews.count), &out)
        let states = CardState.allCases
        for r in reviews {
            guard let duration = Int32(exactly: r.durationMs), let elapsed = Int32(exactly: r.elapsedDays),
                  let scheduled = Int32(exactly: r.scheduledDaysBefore),
                  let state = states.firstIndex(of: r.stateBefore) else { return nil }
            putLE(r.card.rawValue, &out)
            putLE(r.time.timeIntervalSinceReferenceDate.bitPattern, &out)
            putLE((r.retrievabilityBefore ?? 0).bitPattern, &out)
            putLE(UInt32(bitPattern: duration), &out)
            putLE(UInt32(bitPattern: elapsed), &out)
            putLE(UInt32(bitPattern: scheduled), &out)
            out.append(UInt8(truncatingIfNeeded: r.rating.rawValue))
            out.append(UInt8(truncatingIfNeeded: state))
            out.append(r.retrievabilityBefore == nil ? 0 : 1)
            out.append(0)
        }
        return out
    }

    /// The reviews and latest prefix time in `bytes` when they are this file for `key`.
    static func decode(_ bytes: UnsafeRawBufferPointer, key: [UInt8]) -> (reviews: [StatsReview], latest: Date?)? {
        guard let payload = file.payload(in: bytes, key: key), payload.count >= 16 else { return nil }
        let start = payload.lowerBound + 16
        let count = Int(truncatingIfNeeded: bytes.uint64LE(at: payload.lowerBound + 8))
        guard count >= 0, count <= (payload.upperBound - start) / stride,
              payload.upperBound == start + count * stride else { return nil }
        var reviews: [StatsReview] = []
        reviews.reserveCapacity(count)
        let states = CardState.allCases
        for i in 0..<count {
            guard let review = record(bytes, at: start + i * stride, states: states) else { return nil }
            reviews.append(review)
        }
        return (reviews, StatsSummaryCache.latestTime(bytes, at: payload.lowerBound))
    }

    private static func record(_ b: UnsafeRawBufferPointer, at o: Int, states: [CardState]) -> StatsReview? {
        func u64(_ at: Int) -> UInt64 { b.loadUnaligned(fromByteOffset: o + at, as: UInt64.self).littleEndian }
        func i32(_ at: Int) -> Int { Int(Int32(bitPattern: b.loadUnaligned(fromByteOffset: o + at, as: UInt32.self).littleEndian)) }
        let stateIndex = Int(b[o + 37])
        guard let rating = Rating(rawValue: Int(b[o + 36])), stateIndex < states.count else { return nil }
        return StatsReview(card: CardID(rawValue: u64(0)),
                           time: Date(timeIntervalSinceReferenceDate: Double(bitPattern: u64(8))),
                           rating: rating, durationMs: i32(24), stateBefore: states[stateIndex],
                           retrievabilityBefore: b[o + 38] == 0 ? nil : Double(bitPattern: u64(16)),
                           elapsedDays: i32(28), scheduledDaysBefore: i32(32))
    }
}
