import Foundation
import RecallCore

/// `stats-summary.bin`: the ``StatsSummary`` of the reviews in the part of the log that
/// `state.json` covers (the prefix), all that `recall stats` of the whole collection needs,
/// so that it replays only the log's tail.
///
/// A ``DerivedFile`` keyed by what the summary was computed from (the snapshot's log and
/// renames coverage, the canonical settings and the time zone; see
/// `ProgressStore.statsCacheKey`). Payload, little-endian: the latest entry time of the
/// prefix (Float64, seconds since 2001, NaN when empty), then the summary.
enum StatsSummaryCache {
    static let file = DerivedFile(name: "stats-summary.bin", magic: "RECALLSS", version: 1)

    static func payload(_ summary: StatsSummary, latest: Date?) -> [UInt8] {
        var out: [UInt8] = []
        putLE((latest?.timeIntervalSinceReferenceDate ?? .nan).bitPattern, &out)
        out += encode(summary)
        return out
    }

    /// The summary and latest prefix time in `bytes` when they are this file for `key`.
    static func decode(_ bytes: UnsafeRawBufferPointer, key: [UInt8]) -> (summary: StatsSummary, latest: Date?)? {
        guard let payload = file.payload(in: bytes, key: key), payload.count >= 8,
              let summary = decodeSummary(UnsafeRawBufferPointer(rebasing: bytes[(payload.lowerBound + 8)..<payload.upperBound]))
        else { return nil }
        return (summary, latestTime(bytes, at: payload.lowerBound))
    }

    /// The Float64 time at `offset`, NaN meaning none.
    static func latestTime(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Date? {
        let time = Double(bitPattern: bytes.uint64LE(at: offset))
        return time.isNaN ? nil : Date(timeIntervalSinceReferenceDate: time)
    }

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

}
