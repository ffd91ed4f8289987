import Foundation
import RecallCore

/// The line format of `reviews.jsonl`: one compact JSON object per ``ReviewLogEntry``.
///
/// Written with sorted keys and times in unix milliseconds, e.g.
/// `{"card":"0123456789abcdef","device":"d-1a2b3c4d5e6f","dur":5400,"ev":"review","r":3,"t":1764061200123}`.
/// Keys: `card` (16 hex digits), `device`, `dur` (milliseconds, ≥ 0), `ev` (event name),
/// `ivl` (review, reschedule: the interval in study days decided then, so the due date is
/// kept; older lines have none), `r` (rating 1-4, reviews only), `t` (time), `target`
/// (undo: time of the undone entry; setdue: when the card is due). Events: review, undo, suspend, unsuspend, bury, unbury,
/// forget, setdue, reschedule (the last three added by `recall cards`; older logs have none).
/// The reader accepts any valid JSON object with these keys (any order or whitespace) and
/// rejects unknown keys, so a line written by a newer Recall is never silently half-read.
enum ReviewLogCodec {
    /// Appends the canonical line for `entry`, with its final newline, to `out`.
    static func encode(_ entry: ReviewLogEntry, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"card":""#.utf8)
        out.append(contentsOf: entry.card.description.utf8)
        out.append(contentsOf: #"","device":"#.utf8)
        appendJSONString(entry.device, to: &out)
        out.append(contentsOf: #","dur":"#.utf8)
        appendInteger(Int64(entry.durationMs), to: &out)
        out.append(contentsOf: #","ev":""#.utf8)
        out.append(contentsOf: entry.event.rawValue.utf8)
        out.append(0x22)
        if let days = entry.scheduledDays {
            out.append(contentsOf: #","ivl":"#.utf8)
            appendInteger(Int64(days), to: &out)
        }
        if let rating = entry.rating {
            out.append(contentsOf: #","r":"#.utf8)
            appendInteger(Int64(rating.rawValue), to: &out)
        }
        out.append(contentsOf: #","t":"#.utf8)
        appendInteger(milliseconds(entry.time), to: &out)
        if let target = entry.target {
            out.append(contentsOf: #","target":"#.utf8)
            appendInteger(milliseconds(target), to: &out)
        }
        out.append(contentsOf: "}\n".utf8)
    }

    /// The canonical line for `entry`, with its final newline.
    static func line(_ entry: ReviewLogEntry) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(120)
        encode(entry, into: &out)
        return out
    }

    /// `entry` with its times rounded to whole milliseconds, as the log stores them.
    static func normalized(_ entry: ReviewLogEntry) -> ReviewLogEntry {
        var e = entry
        e.time = date(milliseconds: milliseconds(entry.time))
        e.target = entry.target.map { date(milliseconds: milliseconds($0)) }
        return e
    }

    /// The longest interval a log line may hold, in days (the longest `maximum_interval`).
    static let longestInterval = 36500

    /// The earliest time a log line may hold: 1990-01-01 UTC, in unix milliseconds.
    static let earliestTime: Int64 = 631_152_000_000
    /// The latest time a log line may hold: 2200-01-01 UTC (merging allows only up to a day
    /// from now). Times stay far from where milliseconds overflow.
    static let latestTime: Int64 = 7_258_118_400_000

    /// `date` in whole unix milliseconds, clamped to what an `Int64` holds (a date that no
    /// log line can hold never traps here).
    static func milliseconds(_ date: Date) -> Int64 {
        let ms = (date.timeIntervalSince1970 * 1000).rounded()
        guard ms.isFinite else { return ms > 0 ? .max : .min }
        if ms >= 9_223_372_036_854_775_807.0 { return .max }
        if ms <= -9_223_372_036_854_775_808.0 { return .min }
        return Int64(ms)
    }

    static func date(milliseconds ms: Int64) -> Date {
        Date(timeIntervalSince1970: Double(ms) / 1000)
    }
}

/// Appends `value` as a JSON string literal (quotes, backslashes and control characters escaped).
func appendJSONString(_ value: String, to out: inout [UInt8]) {
    out.append(0x22)
    for b in value.utf8 {
        switch b {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: out.append(contentsOf: [0x5C, 0x72])
        case 0x09: out.append(contentsOf: [0x5C, 0x74])
        case 0..<0x20:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
        default: out.append(b)
        }
    }
    out.append(0x22)
}

/// Appends the decimal digits of `value`.
@inline(__always) func appendInteger(_ value: Int64, to out: inout [UInt8]) {
    if value < 0 { out.append(0x2D) }
    var v = value.magnitude
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = 0
    withUnsafeMutableBytes(of: &digits) { buf in
        repeat {
            buf[n] = UInt8(v % 10) + 0x30
            v /= 10
            n += 1
        } while v > 0
        for i in stride(from: n - 1, through: 0, by: -1) { out.append(buf[i]) }
    }
}
