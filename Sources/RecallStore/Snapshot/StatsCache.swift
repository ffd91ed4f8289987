import Foundation
import RecallCore

/// `stats-cache.bin`: what `recall stats` needs of the part of the log that `state.json`
/// covers, so that it replays only the log's tail: the ``StatsSummary`` of those reviews (all
/// that stats of the whole collection need) and the annotated reviews themselves
/// (``StatsReview``, for stats of one deck or tag).
///
/// A cache, never the truth: it names what it was computed from (the snapshot's log and
/// renames coverage, the canonical settings and the time zone) and is used only when all of
/// these still match; otherwise stats replay the whole log as before. Layout, little-endian:
/// the magic `RECALLSC`, a UInt32 version, a UInt32 key length and the key bytes, a UInt64
/// review count, the latest entry time of the prefix (Float64, seconds since 2001, NaN when
/// empty), a UInt64 summary length, a UInt64 that is 1 when the reviews follow (0 when only the
/// summary was kept: a session that extended it), the summary, then one 40-byte record per
/// review.
enum StatsCache {
    static let name = "stats-cache.bin"
    static let version: UInt32 = 3
    static let magic = Array("RECALLSC".utf8)
    static let stride = 40

    /// The encoded file, or nil when a value does not fit the layout (then no cache is written).
    /// Without `reviews` only the summary is kept.
    static func encode(_ reviews: [StatsReview]?, summary: StatsSummary, key: [UInt8], latest: Date?) -> [UInt8]? {
        var out = magic
        let summaryBytes = encode(summary)
        let hasReviews = reviews == nil ? 0 : 1
        let reviews = reviews ?? []
        out.reserveCapacity(64 + key.count + summaryBytes.count + reviews.count * stride)
        putLE(version, &out)
        putLE(UInt32(key.count), &out)
        out.append(contentsOf: key)
        putLE(UInt64(reviews.count), &out)
        putLE((latest?.timeIntervalSinceReferenceDate ?? .nan).bitPattern, &out)
        putLE(UInt64(summaryBytes.count), &out)
        putLE(UInt64(hasReviews), &out)
        out.append(contentsOf: summaryBytes)
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

    /// Where the parts of a cache for `key` lie in `bytes`, or nil when it is not one.
    private struct Layout {
        var count: Int
        var latest: Date?
        var summary: Range<Int>
        var reviewsStart: Int
        /// False when only the summary was kept.
        var hasReviews: Bool

        init?(_ bytes: UnsafeRawBufferPointer, key: [UInt8]) {
            let headerEnd = 16 + key.count + 32
            guard bytes.count >= headerEnd, bytes[0..<8].elementsEqual(magic),
                  bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian == version,
                  Int(bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian) == key.count,
                  bytes[16..<(16 + key.count)].elementsEqual(key) else { return nil }
            let u64 = { (at: Int) in bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian }
            count = Int(truncatingIfNeeded: u64(headerEnd - 32))
            let latestTime = Double(bitPattern: u64(headerEnd - 24))
            latest = latestTime.isNaN ? nil : Date(timeIntervalSinceReferenceDate: latestTime)
            let summaryLength = Int(truncatingIfNeeded: u64(headerEnd - 16))
            hasReviews = u64(headerEnd - 8) == 1
            guard summaryLength >= 0, summaryLength <= bytes.count - headerEnd else { return nil }
            summary = headerEnd..<(headerEnd + summaryLength)
            reviewsStart = summary.upperBound
            guard count >= 0, count <= (bytes.count - reviewsStart) / stride,
                  bytes.count == reviewsStart + count * stride else { return nil }
        }
    }

    /// The reviews and latest prefix time in `bytes` when it is a cache for `key`, else nil.
    static func decode(_ bytes: UnsafeRawBufferPointer, key: [UInt8]) -> (reviews: [StatsReview], latest: Date?)? {
        guard let layout = Layout(bytes, key: key), layout.hasReviews else { return nil }
        var reviews: [StatsReview] = []
        reviews.reserveCapacity(layout.count)
        let states = CardState.allCases
        for i in 0..<layout.count {
            guard let review = record(bytes, at: layout.reviewsStart + i * stride, states: states) else { return nil }
            reviews.append(review)
        }
        return (reviews, layout.latest)
    }

    /// The summary and latest prefix time in `bytes` when it is a cache for `key`, else nil;
    /// the reviews are not read.
    static func decodeSummary(_ bytes: UnsafeRawBufferPointer, key: [UInt8]) -> (summary: StatsSummary, latest: Date?)? {
        guard let layout = Layout(bytes, key: key),
              let summary = decodeSummary(UnsafeRawBufferPointer(rebasing: bytes[layout.summary])) else { return nil }
        return (summary, layout.latest)
    }

    // MARK: The summary

    /// total; days (9 words each); bins (slot, reviews, passed as UInt32 and a pad, the
    /// predicted sum); cards (id, two Int32 counters); each list after its UInt64 count.
    static func encode(_ summary: StatsSummary) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32 + summary.days.count * 72 + summary.bins.count * 24 + summary.cards.count * 16)
        putLE(UInt64(summary.total), &out)
        putLE(UInt64(summary.days.count), &out)
        for d in summary.days {
            for v in [d.day, d.reviews, d.new, d.again, d.milliseconds, d.young.passed, d.young.reviews,
                      d.mature.passed, d.mature.reviews] { putLE(UInt64(bitPattern: Int64(v)), &out) }
        }
        putLE(UInt64(summary.bins.count), &out)
        for b in summary.bins {
            putLE(UInt32(truncatingIfNeeded: b.slot), &out)
            putLE(UInt32(truncatingIfNeeded: b.reviews), &out)
            putLE(UInt32(truncatingIfNeeded: b.passed), &out)
            putLE(UInt32(0), &out)
            putLE(b.predictedSum.bitPattern, &out)
        }
        putLE(UInt64(summary.cards.count), &out)
        for c in summary.cards {
            putLE(c.card.rawValue, &out)
            putLE(UInt32(bitPattern: c.longTermReviews), &out)
            putLE(UInt32(bitPattern: c.longTermLapses), &out)
        }
        return out
    }

    static func decodeSummary(_ b: UnsafeRawBufferPointer) -> StatsSummary? {
        var at = 0
        func word() -> UInt64? {
            guard at + 8 <= b.count else { return nil }
            defer { at += 8 }
            return b.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian
        }
        func int() -> Int? { word().map { Int(Int64(bitPattern: $0)) } }
        func count(_ size: Int) -> Int? {
            guard let n = word(), n <= UInt64((b.count - at) / size) else { return nil }
            return Int(n)
        }
        guard let total = int(), let dayCount = count(72) else { return nil }
        var days: [StatsSummary.Day] = []
        days.reserveCapacity(dayCount)
        for _ in 0..<dayCount {
            guard let day = int(), let reviews = int(), let new = int(), let again = int(), let ms = int(),
                  let youngPassed = int(), let youngReviews = int(), let maturePassed = int(),
                  let matureReviews = int() else { return nil }
            var d = StatsSummary.Day(day: day)
            d.reviews = reviews
            d.new = new
            d.again = again
            d.milliseconds = ms
            d.young = PassCount(passed: youngPassed, reviews: youngReviews)
            d.mature = PassCount(passed: maturePassed, reviews: matureReviews)
            days.append(d)
        }
        guard let binCount = count(24) else { return nil }
        var bins: [StatsSummary.Bin] = []
        bins.reserveCapacity(binCount)
        for _ in 0..<binCount {
            guard let first = word(), let second = word(), let predicted = word() else { return nil }
            bins.append(StatsSummary.Bin(slot: Int(UInt32(truncatingIfNeeded: first)),
                                         reviews: Int(UInt32(truncatingIfNeeded: first >> 32)),
                                         passed: Int(UInt32(truncatingIfNeeded: second)),
                                         predictedSum: Double(bitPattern: predicted)))
        }
        guard let cardCount = count(16) else { return nil }
        var cards: [StatsSummary.CardCounts] = []
        cards.reserveCapacity(cardCount)
        for _ in 0..<cardCount {
            guard let id = word(), let counters = word() else { return nil }
            cards.append(StatsSummary.CardCounts(card: CardID(rawValue: id),
                                                 longTermReviews: Int32(bitPattern: UInt32(truncatingIfNeeded: counters)),
                                                 longTermLapses: Int32(bitPattern: UInt32(truncatingIfNeeded: counters >> 32))))
        }
        guard at == b.count else { return nil }
        return StatsSummary(total: total, days: days, bins: bins, cards: cards)
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
