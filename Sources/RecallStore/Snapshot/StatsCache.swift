import Foundation
import RecallCore

/// `stats-cache.bin`: the annotated reviews (``StatsReview``) of the part of the log that
/// `state.json` covers, so `recall stats` replays only the log's tail.
///
/// A cache, never the truth: it names what it was computed from (the snapshot's log and
/// renames coverage, the canonical settings and the time zone) and is used only when all of
/// these still match; otherwise stats replay the whole log as before. Layout, little-endian:
/// the magic `RECALLSC`, a UInt32 version, a UInt32 key length and the key bytes, a UInt64
/// review count, the latest entry time of the prefix (Float64, seconds since 2001, NaN when
/// empty), then one 40-byte record per review.
enum StatsCache {
    static let name = "stats-cache.bin"
    static let version: UInt32 = 1
    static let magic = Array("RECALLSC".utf8)
    static let stride = 40

    /// The encoded file, or nil when a value does not fit the layout (then no cache is written).
    static func encode(_ reviews: [StatsReview], key: [UInt8], latest: Date?) -> [UInt8]? {
        var out = magic
        out.reserveCapacity(64 + key.count + reviews.count * stride)
        put(version, &out)
        put(UInt32(key.count), &out)
        out.append(contentsOf: key)
        put(UInt64(reviews.count), &out)
        put((latest?.timeIntervalSinceReferenceDate ?? .nan).bitPattern, &out)
        let states = CardState.allCases
        for r in reviews {
            guard let duration = Int32(exactly: r.durationMs), let elapsed = Int32(exactly: r.elapsedDays),
                  let scheduled = Int32(exactly: r.scheduledDaysBefore),
                  let state = states.firstIndex(of: r.stateBefore) else { return nil }
            put(r.card.rawValue, &out)
            put(r.time.timeIntervalSinceReferenceDate.bitPattern, &out)
            put((r.retrievabilityBefore ?? 0).bitPattern, &out)
            put(UInt32(bitPattern: duration), &out)
            put(UInt32(bitPattern: elapsed), &out)
            put(UInt32(bitPattern: scheduled), &out)
            out.append(UInt8(truncatingIfNeeded: r.rating.rawValue))
            out.append(UInt8(truncatingIfNeeded: state))
            out.append(r.retrievabilityBefore == nil ? 0 : 1)
            out.append(0)
        }
        return out
    }

    /// The reviews and latest prefix time in `bytes` when it is a cache for `key`, else nil.
    static func decode(_ bytes: UnsafeRawBufferPointer, key: [UInt8]) -> (reviews: [StatsReview], latest: Date?)? {
        let headerEnd = 16 + key.count + 16
        guard bytes.count >= headerEnd, Array(bytes[0..<8]) == magic,
              bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian == version,
              Int(bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian) == key.count,
              bytes[16..<(16 + key.count)].elementsEqual(key) else { return nil }
        let count = Int(truncatingIfNeeded: bytes.loadUnaligned(fromByteOffset: headerEnd - 16, as: UInt64.self).littleEndian)
        let latestBits = bytes.loadUnaligned(fromByteOffset: headerEnd - 8, as: UInt64.self).littleEndian
        guard count >= 0, count <= (bytes.count - headerEnd) / stride,
              bytes.count == headerEnd + count * stride else { return nil }
        let latest = Double(bitPattern: latestBits)
        var reviews: [StatsReview] = []
        reviews.reserveCapacity(count)
        let states = CardState.allCases
        for i in 0..<count {
            guard let review = record(bytes, at: headerEnd + i * stride, states: states) else { return nil }
            reviews.append(review)
        }
        return (reviews, latest.isNaN ? nil : Date(timeIntervalSinceReferenceDate: latest))
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

    @inline(__always) private static func put(_ v: UInt64, _ out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    @inline(__always) private static func put(_ v: UInt32, _ out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }
}
