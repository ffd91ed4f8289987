import Foundation
import RecallCore

/// Writes review-log entries in the line format of Recall's `reviews.jsonl` (sorted keys,
/// unix-millisecond times), so that `ProgressStore.merge(from:)` can fold them in.
enum ReviewLogFile {
    static func text(_ entries: [ReviewLogEntry]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 100)
        for e in entries { line(e, into: &out) }
        return out
    }

    static func line(_ e: ReviewLogEntry, into out: inout [UInt8]) {
        out += #"{"card":""#.utf8
        out += e.card.description.utf8
        out += #"","device":"#.utf8
        jsonString(e.device, into: &out)
        out += #","dur":\#(e.durationMs),"ev":"\#(e.event.rawValue)""#.utf8
        if let days = e.scheduledDays { out += #","ivl":\#(days)"#.utf8 }
        if let rating = e.rating { out += #","r":\#(rating.rawValue)"#.utf8 }
        out += #","t":\#(ms(e.time))"#.utf8
        if let target = e.target { out += #","target":\#(ms(target))"#.utf8 }
        out += "}\n".utf8
    }

    static func ms(_ date: Date) -> Int64 { Int64(exactly: (date.timeIntervalSince1970 * 1000).rounded()) ?? 0 }

    private static func jsonString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22, 0x5C: out += [0x5C, b]
            case 0..<0x20: out += Array(String(format: "\\u%04x", b).utf8)
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}
