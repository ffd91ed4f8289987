#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import RecallCore

/// `state.bin`: `state.json` in a binary layout that opens in a few milliseconds, so that
/// starting a session on 100,000 cards does not parse 15 MB of JSON.
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
    static let version: UInt32 = 1
    static let magic = Array("RECALLSB".utf8)
    static let stride = 96

    /// What identifies one version of `state.json`: its size and a checksum of its bytes.
    /// A content checksum (not the modification time) so that no edit, however quick or
    /// however the time stamps are set, can make a stale cache look current; it costs a few
    /// milliseconds for a 15 MB file, against about 100 ms of JSON parsing saved.
    struct Source: Equatable {
        var size: UInt64, checksum: UInt64

        init(of bytes: UnsafeRawBufferPointer) {
            size = UInt64(bytes.count)
            checksum = SnapshotCache.checksum(bytes)
        }

        init(size: UInt64, checksum: UInt64) {
            self.size = size
            self.checksum = checksum
        }

        /// The source of the file at `path` now, read in small pieces (no mapping, so the
        /// check adds nothing to the process's memory); nil if it cannot be read.
        static func of(path: String) -> Source? {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var hasher = Checksum()
            var size: UInt64 = 0
            let chunk = 1 << 16
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 8)
            defer { buffer.deallocate() }
            var atEnd = false
            while !atEnd {
                // Fill the whole buffer (the checksum takes whole words but at the very end).
                var filled = 0
                while filled < chunk {
                    let n = read(fd, buffer.baseAddress! + filled, chunk - filled)
                    if n < 0 { if errno == EINTR { continue } else { return nil } }
                    if n == 0 { atEnd = true; break }
                    filled += n
                }
                hasher.combine(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
                size += UInt64(filled)
            }
            return Source(size: size, checksum: hasher.value(length: size))
        }
    }

    // MARK: Writing

    /// The cache of `snapshot` as read from the JSON file `source`; nil when a value does
    /// not fit the layout (then no cache is written and the JSON is always read).
    /// `ids` are the records' keys in ascending order, when the caller has them already.
    static func encode(_ snapshot: Snapshot, source: Source, sortedIDs ids: [CardID]? = nil) -> [UInt8]? {
        var header: [UInt8] = []
        for v in [source.size, source.checksum, 0, 0, 0, snapshot.catalog] { put(v, &header) }
        for c in [snapshot.log, snapshot.renames] {
            for v in [UInt64(c.bytes), UInt64(c.lines), c.head, c.tail] { put(v, &header) }
        }
        let zone = Array(snapshot.timeZone.utf8)
        // The JSON writer puts `{}` for a snapshot without settings; that is what it reads back.
        let settings = snapshot.settingsJSON.isEmpty ? Array("{}".utf8) : snapshot.settingsJSON
        put32(UInt32(settings.count), &header)
        put32(UInt32(zone.count), &header)
        header += settings + zone
        var out = magic
        out.reserveCapacity(32 + header.count + snapshot.records.count * stride)
        put32(version, &out)
        put32(UInt32(header.count), &out)
        out += header
        put(UInt64(snapshot.records.count), &out)
        for id in ids ?? snapshot.records.keys.sorted() {
            guard let record = snapshot.records[id], row(id, record, into: &out) else { return nil }
        }
        put(checksum(out), &out)
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
        put(id.rawValue, &out)
        put(UInt64(bitPattern: ms(s.due)), &out)
        put(UInt64(bitPattern: s.lastReview.map(ms) ?? none), &out)
        put(UInt64(bitPattern: r.introduced.map(ms) ?? none), &out)
        put(UInt64(bitPattern: r.lastReviewAsReview.map(ms) ?? none), &out)
        put((memory?.stability ?? 0).bitPattern, &out)
        put((memory?.difficulty ?? 0).bitPattern, &out)
        put((s.easeFactor.isFinite ? s.easeFactor : 2.5).bitPattern, &out)
        put32(UInt32(bitPattern: step), &out)
        put32(UInt32(bitPattern: reps), &out)
        put32(UInt32(bitPattern: lapses), &out)
        put32(UInt32(bitPattern: scheduled), &out)
        put32(UInt32(bitPattern: interval), &out)
        put32(UInt32(bitPattern: reviewCount), &out)
        put32(UInt32(bitPattern: buried), &out)
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
              checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 8)])) == u64(bytes, bytes.count - 8)
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
        var records: [CardID: CardRecord] = [:]
        records.reserveCapacity(count)
        let states = CardState.allCases
        for i in 0..<count {
            guard let (id, record) = row(bytes, at: rowsStart + i * stride, states: states) else { return nil }
            records[id] = record
        }
        guard records.count == count else { return nil }
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

    /// A 64-bit checksum of `bytes`, a word at a time (a torn or damaged cache is refused).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = Checksum()
        hasher.combine(bytes)
        return hasher.value(length: UInt64(bytes.count))
    }

    /// The checksum, fed in pieces whose lengths are multiples of 8 (but for the last).
    struct Checksum {
        private var h: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func combine(_ bytes: UnsafeRawBufferPointer) {
            var i = 0
            while i + 8 <= bytes.count {
                h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian) &* 0x0000_0100_0000_01b3
                h ^= h >> 29
                i += 8
            }
            while i < bytes.count {
                h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3
                i += 1
            }
        }

        func value(length: UInt64) -> UInt64 { (h ^ length) &* 0x9E37_79B9_7F4A_7C15 }
    }

    private static func checksum(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    @inline(__always) private static func u64(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        b.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian
    }

    @inline(__always) private static func u32(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        b.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian
    }

    @inline(__always) private static func put(_ v: UInt64, _ out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    @inline(__always) private static func put32(_ v: UInt32, _ out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }
}
