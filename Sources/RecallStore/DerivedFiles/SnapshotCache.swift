import Foundation
import RecallCore

/// `state.bin`: `state.json` in a binary layout that is read without parsing, so that
/// starting a session on a large collection does not parse the whole JSON snapshot.
///
/// A ``DerivedFile`` keyed by the exact `state.json` it was made from (its size and checksum)
/// and that file's ``Scheduler/version``: used only while that file is still the same and
/// of this version, otherwise the JSON is read as before (and this file made again). Its rows hold exactly what the JSON rows read back as (times in
/// whole milliseconds, non-finite doubles as absent), so the two ways of opening give equal
/// snapshots.
///
/// Payload, little-endian: the catalog digest, the log and renames coverage (four words
/// each), the settings and time-zone lengths (UInt32) and bytes, a UInt64 row count and the
/// rows (``stride`` bytes each, in ascending id order).
enum SnapshotCache {
    static let file = DerivedFile(name: "state.bin", magic: "RECALLSB", version: 3)
    static let stride = 96

    /// Which `state.json` a cache was made from.
    typealias Source = ContentFingerprint

    static func key(_ source: Source, schedulerVersion: Int) -> [UInt8] {
        var key: [UInt8] = []
        putLE(source.size, &key)
        putLE(source.checksum, &key)
        putLE(UInt64(truncatingIfNeeded: schedulerVersion), &key)
        return key
    }

    // MARK: Writing

    /// The cache of `snapshot` as read from the JSON file `source`; nil when a value does
    /// not fit the layout (then no cache is written and the JSON is always read).
    /// `ids` are the records' keys in ascending order, when the caller has them already.
    static func encode(_ snapshot: Snapshot, source: Source, sortedIDs ids: [CardID]? = nil) -> [UInt8]? {
        payload(snapshot, sortedIDs: ids).map {
            file.encode(key: key(source, schedulerVersion: snapshot.schedulerVersion), payload: $0)
        }
    }

    private static func payload(_ snapshot: Snapshot, sortedIDs ids: [CardID]?) -> [UInt8]? {
        var out: [UInt8] = []
        let zone = Array(snapshot.timeZone.utf8)
        // The JSON writer puts `{}` for a snapshot without settings; that is what it reads back.
        let settings = snapshot.settingsJSON.isEmpty ? Array("{}".utf8) : snapshot.settingsJSON
        out.reserveCapacity(88 + settings.count + zone.count + snapshot.records.count * stride)
        putLE(snapshot.catalog, &out)
        for c in [snapshot.log, snapshot.renames] {
            for v in [UInt64(c.bytes), UInt64(c.lines), c.head, c.tail] { putLE(v, &out) }
        }
        putLE(UInt32(settings.count), &out)
        putLE(UInt32(zone.count), &out)
        out += settings + zone
        putLE(UInt64(snapshot.records.count), &out)
        for id in ids ?? snapshot.records.keys.sorted() {
            guard let record = snapshot.records[id], row(id, record, into: &out) else { return nil }
        }
        return out
    }

    private static func row(_ id: CardID, _ r: CardRecord, into out: inout [UInt8]) -> Bool {
        let s = r.schedule
        let ms = ReviewLogCodec.milliseconds
        let none = Int64.min
        // As the JSON writer: a non-finite double is written as null and read back as absent
        // (memory) or as the default factor (ease).
        let memory = s.memory.flatMap { $0.stability.isFinite && $0.difficulty.isFinite ? $0 : nil }
        guard let state = CardState.allCases.firstIndex(of: s.state),
              let step = Int32(exactly: s.step ?? Int(Int32.min)), let reps = Int32(exactly: s.reps),
              let lapses = Int32(exactly: s.lapses), let scheduled = Int32(exactly: s.scheduledDays),
              let interval = Int32(exactly: s.interval), let reviewCount = Int32(exactly: r.reviewCount),
              let buried = Int32(exactly: r.buriedUntilDay ?? Int(Int32.min)) else { return false }
        putLE(id.rawValue, &out)
        putLE(UInt64(bitPattern: ms(s.due)), &out)
        putLE(UInt64(bitPattern: s.lastReview.map(ms) ?? none), &out)
        putLE(UInt64(bitPattern: r.introduced.map(ms) ?? none), &out)
        putLE(UInt64(bitPattern: r.lastReviewAsReview.map(ms) ?? none), &out)
        putLE((memory?.stability ?? 0).bitPattern, &out)
        putLE((memory?.difficulty ?? 0).bitPattern, &out)
        putLE((s.easeFactor.isFinite ? s.easeFactor : 2.5).bitPattern, &out)
        putLE(UInt32(bitPattern: step), &out)
        putLE(UInt32(bitPattern: reps), &out)
        putLE(UInt32(bitPattern: lapses), &out)
        putLE(UInt32(bitPattern: scheduled), &out)
        putLE(UInt32(bitPattern: interval), &out)
        putLE(UInt32(bitPattern: reviewCount), &out)
        putLE(UInt32(bitPattern: buried), &out)
        out.append(UInt8(state))
        out.append((r.suspended ? 1 : 0) | (r.isLeech ? 2 : 0) | (memory == nil ? 0 : 4))
        out.append(0)
        out.append(0)
        return true
    }

    // MARK: Reading

    /// The snapshot in `bytes` when it is a sound cache of the JSON file `source`, made by
    /// this ``Scheduler/version``, else nil.
    static func decode(_ bytes: UnsafeRawBufferPointer, source: Source) -> Snapshot? {
        guard let payload = file.payload(in: bytes, key: key(source, schedulerVersion: Scheduler.version)) else { return nil }
        let p = payload.lowerBound
        guard payload.count >= 80 else { return nil }
        let coverage = { (at: Int) in
            FileCoverage(bytes: Int(truncatingIfNeeded: u64(bytes, at)), lines: Int(truncatingIfNeeded: u64(bytes, at + 8)),
                         head: u64(bytes, at + 16), tail: u64(bytes, at + 24))
        }
        let settingsLength = Int(u32(bytes, p + 72)), zoneLength = Int(u32(bytes, p + 76))
        let settingsStart = p + 80, zoneStart = settingsStart + settingsLength
        let rowsStart = zoneStart + zoneLength + 8
        guard rowsStart <= payload.upperBound else { return nil }
        let count = Int(truncatingIfNeeded: u64(bytes, rowsStart - 8))
        guard count >= 0, count <= (payload.upperBound - rowsStart) / stride,
              payload.upperBound == rowsStart + count * stride else { return nil }
        let settings = Array(bytes[settingsStart..<zoneStart])
        let zone = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[zoneStart..<(rowsStart - 8)]), as: UTF8.self)
        let states = CardState.allCases
        // Rows are written in ascending id order; anything else is not a cache we wrote.
        guard let records = CardRecords(ascendingCount: count, { row(bytes, at: rowsStart + $0 * stride, states: states) })
        else { return nil }
        return Snapshot(records: records, settingsJSON: settings, timeZone: zone, log: coverage(p + 8),
                        renames: coverage(p + 40), catalog: u64(bytes, p))
    }

    private static func row(_ b: UnsafeRawBufferPointer, at o: Int, states: [CardState]) -> (CardID, CardRecord)? {
        let time = { (at: Int) -> Date? in
            let ms = Int64(bitPattern: u64(b, o + at))
            return ms == Int64.min ? nil : ReviewLogCodec.date(milliseconds: ms)
        }
        let small = { (at: Int) -> Int? in
            let v = Int32(bitPattern: u32(b, o + 64 + 4 * at))
            return v == Int32.min ? nil : Int(v)
        }
        let stateIndex = Int(b[o + 92]), flags = b[o + 93]
        guard stateIndex < states.count, let due = time(8), let reps = small(1), let lapses = small(2),
              let scheduled = small(3), let interval = small(4), let reviewCount = small(5) else { return nil }
        let memory = flags & 4 == 0 ? nil
            : MemoryState(stability: Double(bitPattern: u64(b, o + 40)), difficulty: Double(bitPattern: u64(b, o + 48)))
        let schedule = CardSchedule(state: states[stateIndex], step: small(0), memory: memory, due: due,
                                    lastReview: time(16), reps: reps, lapses: lapses, scheduledDays: scheduled,
                                    easeFactor: Double(bitPattern: u64(b, o + 56)), interval: interval)
        let record = CardRecord(schedule: schedule, suspended: flags & 1 != 0, buriedUntilDay: small(6),
                                isLeech: flags & 2 != 0, reviewCount: reviewCount, introduced: time(24),
                                lastReviewAsReview: time(32))
        return (CardID(rawValue: u64(b, o)), record)
    }

    // MARK: Bytes

    @inline(__always) private static func u64(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt64 { b.uint64LE(at: at) }

    @inline(__always) private static func u32(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32 { b.uint32LE(at: at) }
}
