import Foundation
import RecallCore

/// `state.bin`: `state.json` in a binary layout that is read without parsing, so that
/// starting a session on a large collection does not parse the whole JSON snapshot.
///
/// A cache, never the truth: it names the exact `state.json` it was made from (its size and
/// a checksum of its bytes) and is used only while that file is still the same, and only
/// when its own checksum is right; otherwise the JSON is read as before (and the cache made
/// again). Deleting it is always safe. Its rows hold exactly what the JSON
/// rows read back as (times in whole milliseconds, non-finite doubles as absent), so the two
/// ways of opening give equal snapshots.
///
/// Layout, little-endian: the magic `RECALLSB`, a UInt32 version, a UInt32 header length,
/// the header (the JSON file's size and checksum, three reserved words, the catalog digest, log and renames coverage, settings
/// and time-zone bytes), a UInt64 row count, the rows (``stride`` bytes each), and a UInt64
/// checksum of everything before it.
enum SnapshotCache {
    static let name = "state.bin"
    static let version: UInt32 = 2  // 2: four-lane ContentChecksum
    static let magic = Array("RECALLSB".utf8)
    static let stride = 96

    /// Which `state.json` a cache was made from.
    typealias Source = ContentFingerprint

    // MARK: Writing

    /// The cache of `snapshot` as read from the JSON file `source`; nil when a value does
    /// not fit the layout (then no cache is written and the JSON is always read).
    /// `ids` are the records' keys in ascending order, when the caller has them already.
    static func encode(_ snapshot: Snapshot, source: Source, sortedIDs ids: [CardID]? = nil) -> [UInt8]? {
        var header: [UInt8] = []
        for v in [source.size, source.checksum, 0, 0, 0, snapshot.catalog] { putLE(v, &header) }
        for c in [snapshot.log, snapshot.renames] {
            for v in [UInt64(c.bytes), UInt64(c.lines), c.head, c.tail] { putLE(v, &header) }
        }
        let zone = Array(snapshot.timeZone.utf8)
        // The JSON writer puts `{}` for a snapshot without settings; that is what it reads back.
        let settings = snapshot.settingsJSON.isEmpty ? Array("{}".utf8) : snapshot.settingsJSON
        putLE(UInt32(settings.count), &header)
        putLE(UInt32(zone.count), &header)
        header += settings + zone
        var out = magic
        out.reserveCapacity(32 + header.count + snapshot.records.count * stride)
        putLE(version, &out)
        putLE(UInt32(header.count), &out)
        out += header
        putLE(UInt64(snapshot.records.count), &out)
        for id in ids ?? snapshot.records.keys.sorted() {
            guard let record = snapshot.records[id], row(id, record, into: &out) else { return nil }
        }
        putLE(ContentChecksum.of(out), &out)
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

    /// The snapshot in `bytes` when it is a sound cache of the JSON file `source`, else nil.
    static func decode(_ bytes: UnsafeRawBufferPointer, source: Source) -> Snapshot? {
        guard bytes.count >= 24, bytes[0..<8].elementsEqual(magic), u32(bytes, 8) == version else { return nil }
        let headerLength = Int(u32(bytes, 12))
        let rowsStart = 16 + headerLength + 8
        guard headerLength >= 120, rowsStart + 8 <= bytes.count else { return nil }
        guard Source(size: u64(bytes, 16), checksum: u64(bytes, 24)) == source else { return nil }
        let count = Int(truncatingIfNeeded: u64(bytes, rowsStart - 8))
        guard count >= 0, count <= (bytes.count - rowsStart - 8) / stride,
              bytes.count == rowsStart + count * stride + 8,
              ContentChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 8)])) == u64(bytes, bytes.count - 8)
        else { return nil }
        let coverage = { (at: Int) in
            FileCoverage(bytes: Int(truncatingIfNeeded: u64(bytes, at)), lines: Int(truncatingIfNeeded: u64(bytes, at + 8)),
                         head: u64(bytes, at + 16), tail: u64(bytes, at + 24))
        }
        let settingsLength = Int(u32(bytes, 128)), zoneLength = Int(u32(bytes, 132))
        guard 120 + settingsLength + zoneLength == headerLength else { return nil }
        let settings = Array(bytes[136..<(136 + settingsLength)])
        let zone = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(136 + settingsLength)..<(rowsStart - 8)]),
                          as: UTF8.self)
        let states = CardState.allCases
        // Rows are written in ascending id order; anything else is not a cache we wrote.
        guard let records = CardRecords(ascendingCount: count, { row(bytes, at: rowsStart + $0 * stride, states: states) })
        else { return nil }
        return Snapshot(records: records, settingsJSON: settings, timeZone: zone, log: coverage(64),
                        renames: coverage(96), catalog: u64(bytes, 56))
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
