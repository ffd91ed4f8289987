import Dispatch
import RecallCore

/// Reads the card rows of a big `state.json` on all cores.
///
/// Rows are written one per line (`[…],\n[…]`), so the rows region is cut at line starts
/// into one chunk per core; each chunk is read with the normal row reader.
enum SnapshotRows {
    /// Snapshots with at least this many bytes of rows are read in parallel.
    static let threshold = 1 << 20

    /// Reads every row from the cursor (just after `[`) and the closing `]`; nil (cursor
    /// untouched) when the rows are not laid out one per line or are too few to split.
    static func readInParallel(_ s: inout JSONScanner) throws(JSONScanError) -> CardRecords? {
        s.skipWhitespace()
        guard let end = rowsEnd(s), end - s.pos >= threshold, System.cores > 1 else { return nil }
        let cuts = cutPoints(s.bytes, from: s.pos, to: end, parts: min(8, System.cores))
        nonisolated(unsafe) let bytes = s.bytes
        nonisolated(unsafe) var parts = [Result<[(CardID, CardRecord)], JSONScanError>?](repeating: nil, count: cuts.count - 1)
        parts.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let out = slots
            DispatchQueue.concurrentPerform(iterations: cuts.count - 1) { i in
                out[i] = Result { () throws(JSONScanError) in
                    var scanner = JSONScanner(bytes, from: cuts[i], to: cuts[i + 1])
                    var rows: [(CardID, CardRecord)] = []
                    rows.reserveCapacity((cuts[i + 1] - cuts[i]) / 120)
                    let last = i == cuts.count - 2
                    while true {
                        rows.append(try SnapshotReader.row(&scanner))
                        let comma = scanner.nextIs(0x2C)
                        scanner.skipWhitespace()
                        if !scanner.atEnd, comma { continue }
                        guard scanner.atEnd, comma != last else { throw scanner.unexpected(expected: "a card row") }
                        return rows
                    }
                }
            }
        }
        var records: CardRecords = [:]
        records.reserveCapacity((end - s.pos) / 110)
        for part in parts {
            guard let part else { continue }
            for (id, record) in try part.get() { records[id] = record }
        }
        s.pos = end
        try s.expect(0x5D, "']'")
        return records
    }

    /// Where the rows end: the `\n]` that closes the array (the writer puts it there).
    private static func rowsEnd(_ s: JSONScanner) -> Int? {
        guard let base = s.bytes.baseAddress, s.pos < s.end else { return nil }
        var from = s.pos
        while from < s.end, let hit = memchr(base + from, 0x5D, s.end - from) {
            let i = UnsafeRawPointer(hit) - base
            if i > 0, s.bytes[i - 1] == 0x0A { return i - 1 }
            from = i + 1
        }
        return nil
    }

    /// `parts + 1` offsets from `start` to `end`, each inner one at a `[` starting a line.
    private static func cutPoints(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, parts: Int) -> [Int] {
        var cuts = [start]
        let size = (end - start) / parts
        for p in 1..<parts {
            var i = max(start + p * size, cuts[cuts.count - 1] + 1)
            while i < end, !(bytes[i] == 0x5B && bytes[i - 1] == 0x0A) { i += 1 }
            if i < end { cuts.append(i) }
        }
        cuts.append(end)
        return cuts
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
