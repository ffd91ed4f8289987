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
/// "renames":{…},"schema":2,"settings":{…},"time_zone":"Europe/Berlin"}
/// ```
/// Times are unix milliseconds; doubles use the shortest text that reads back exactly.
enum SnapshotWriter {
    static let columns = ["card", "state", "step", "stability", "difficulty", "due", "last_review",
                          "reps", "lapses", "scheduled_days", "ease", "interval", "suspended", "leech",
                          "buried_until_day", "review_count", "introduced", "last_review_as_review"]

    static func encode(_ s: Snapshot) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.records.count * 150 + 4096)
        out.append(contentsOf: "{\"cards\":[".utf8)
        let ids = s.records.keys.sorted()
        for (i, id) in ids.enumerated() {
            out.append(contentsOf: i == 0 ? [0x0A] : [0x2C, 0x0A])
            if let record = s.records[id] { row(id, record, into: &out) }
        }
        out.append(contentsOf: "\n],\n\"catalog\":\"\(hex16(s.catalog))\",\n\"columns\":[".utf8)
        out.append(contentsOf: columns.map { "\"\($0)\"" }.joined(separator: ",").utf8)
        out.append(contentsOf: "],\n\"log\":".utf8)
        coverage(s.log, into: &out)
        out.append(contentsOf: ",\n\"renames\":".utf8)
        coverage(s.renames, into: &out)
        out.append(contentsOf: ",\n\"schema\":\(Snapshot.schema),\n\"settings\":".utf8)
        // A snapshot read from a file without "settings" has none; `{}` keeps the file JSON.
        out.append(contentsOf: s.settingsJSON.isEmpty ? Array("{}".utf8) : s.settingsJSON)
        out.append(contentsOf: ",\n\"time_zone\":".utf8)
        appendJSONString(s.timeZone, to: &out)
        out.append(contentsOf: "}\n".utf8)
        return out
    }

    private static func coverage(_ c: FileCoverage, into out: inout [UInt8]) {
        out.append(contentsOf: "{\"bytes\":\(c.bytes),\"head\":\"\(hex16(c.head))\",\"lines\":\(c.lines),\"tail\":\"\(hex16(c.tail))\"}".utf8)
    }

    private static func row(_ id: CardID, _ r: CardRecord, into out: inout [UInt8]) {
        let s = r.schedule
        out.append(contentsOf: "[\"".utf8)
        out.append(contentsOf: id.description.utf8)
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
