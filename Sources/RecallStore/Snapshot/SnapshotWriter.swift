import Dispatch
import RecallCore

/// Writes `state.json` in its compact layout: plain JSON with sorted keys, one card per line
/// as an array whose fields are named once in `"columns"`.
///
/// ```
/// {"cards":[
/// ["0123456789abcdef","review",null,12.5,5.1,1764115200000,1764061200123,3,0,5,2.5,0,0,0,null,3,1764000000000,1764061200123],
/// …
/// ],
/// "catalog":"…","columns":[…],"log":{"bytes":…,"head":"…","lines":…,"tail":"…"},
/// "renames":{…},"scheduler_version":1,"schema":2,"settings":{…},"time_zone":"Europe/Berlin"}
/// ```
/// Times are unix milliseconds; doubles use the shortest text that reads back exactly.
enum SnapshotWriter {
    static let columns = ["card", "state", "step", "stability", "difficulty", "due", "last_review",
                          "reps", "lapses", "scheduled_days", "ease", "interval", "suspended", "leech",
                          "buried_until_day", "review_count", "introduced", "last_review_as_review"]

    /// `ids` are the records' keys in ascending order, when the caller has them already.
    static func encode(_ s: Snapshot, sortedIDs ids: [CardID]? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.records.count * 150 + 4096)
        out.append(contentsOf: "{\"cards\":[".utf8)
        for chunk in encodeRows(ids ?? s.records.keys.sorted(), s.records) { out.append(contentsOf: chunk) }
        out.append(contentsOf: "\n],\n\"catalog\":\"\(hex16(s.catalog))\",\n\"columns\":[".utf8)
        out.append(contentsOf: columns.map { "\"\($0)\"" }.joined(separator: ",").utf8)
        out.append(contentsOf: "],\n\"log\":".utf8)
        coverage(s.log, into: &out)
        out.append(contentsOf: ",\n\"renames\":".utf8)
        coverage(s.renames, into: &out)
        out.append(contentsOf: ",\n\"scheduler_version\":\(s.schedulerVersion)".utf8)
        out.append(contentsOf: ",\n\"schema\":\(Snapshot.schema),\n\"settings\":".utf8)
        // A snapshot read from a file without "settings" has none; `{}` keeps the file JSON.
        out.append(contentsOf: s.settingsJSON.isEmpty ? Array("{}".utf8) : s.settingsJSON)
        out.append(contentsOf: ",\n\"time_zone\":".utf8)
        appendJSONString(s.timeZone, to: &out)
        out.append(contentsOf: "}\n".utf8)
        return out
    }

    /// The rows, each after a line break (and a comma but for the first), in order; a big
    /// snapshot is cut into one part per core, encoded side by side.
    private static func encodeRows(_ ids: [CardID], _ records: CardRecords) -> [[UInt8]] {
        let parts = ids.count >= 20_000 ? min(8, System.cores) : 1
        let size = (ids.count + parts - 1) / max(parts, 1)
        nonisolated(unsafe) var chunks = [[UInt8]](repeating: [], count: parts)
        chunks.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let out = slots
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                let range = min(p * size, ids.count)..<min((p + 1) * size, ids.count)
                var bytes: [UInt8] = []
                bytes.reserveCapacity(range.count * 150)
                for i in range {
                    guard let record = records[ids[i]] else { continue }
                    if i == 0 { bytes.append(0x0A) } else { bytes.append(0x2C); bytes.append(0x0A) }
                    row(ids[i], record, into: &bytes)
                }
                out[p] = bytes
            }
        }
        return chunks
    }

    private static func coverage(_ c: FileCoverage, into out: inout [UInt8]) {
        out.append(contentsOf: "{\"bytes\":\(c.bytes),\"head\":\"\(hex16(c.head))\",\"lines\":\(c.lines),\"tail\":\"\(hex16(c.tail))\"}".utf8)
    }

    private static func row(_ id: CardID, _ r: CardRecord, into out: inout [UInt8]) {
        let s = r.schedule
        out.append(contentsOf: "[\"".utf8)
        appendHex16(id.rawValue, to: &out)
        out.append(contentsOf: "\",\"".utf8)
        out.append(contentsOf: s.state.rawValue.utf8)
        out.append(contentsOf: "\",".utf8)
        optional(s.step.map(Int64.init), into: &out)
        double(s.memory?.stability, into: &out)
        double(s.memory?.difficulty, into: &out)
        int(ReviewLogCodec.milliseconds(s.due), into: &out)
        optional(s.lastReview.map(ReviewLogCodec.milliseconds), into: &out)
        int(Int64(s.reps), into: &out)
        int(Int64(s.lapses), into: &out)
        int(Int64(s.scheduledDays), into: &out)
        double(s.easeFactor, into: &out)
        int(Int64(s.interval), into: &out)
        int(r.suspended ? 1 : 0, into: &out)
        int(r.isLeech ? 1 : 0, into: &out)
        optional(r.buriedUntilDay.map(Int64.init), into: &out)
        int(Int64(r.reviewCount), into: &out)
        optional(r.introduced.map(ReviewLogCodec.milliseconds), into: &out)
        optional(r.lastReviewAsReview.map(ReviewLogCodec.milliseconds), into: &out)
        out[out.count - 1] = 0x5D  // the last field's ',' becomes ']'
    }

    /// The 16 lower-case hex digits of `v` (as ``CardID/description``), without a String.
    @inline(__always) private static func appendHex16(_ v: UInt64, to out: inout [UInt8]) {
        for shift in stride(from: 60, through: 0, by: -4) {
            let d = UInt8((v >> UInt64(shift)) & 0xF)
            out.append(d < 10 ? 0x30 + d : 0x57 + d)
        }
    }

    @inline(__always) private static func int(_ v: Int64, into out: inout [UInt8]) {
        appendInteger(v, to: &out)
        out.append(0x2C)
    }

    @inline(__always) private static func optional(_ v: Int64?, into out: inout [UInt8]) {
        if let v { appendInteger(v, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(0x2C)
    }

    @inline(__always) private static func double(_ v: Double?, into out: inout [UInt8]) {
        if let v, v.isFinite {
            if v == v.rounded(), abs(v) < 1e15 { appendInteger(Int64(v), to: &out) } else { out.append(contentsOf: v.description.utf8) }
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(0x2C)
    }
}
