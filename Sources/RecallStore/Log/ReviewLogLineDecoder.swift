import Foundation
import RecallCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one line of `reviews.jsonl` into a ``ReviewLogEntry`` (see ``ReviewLogCodec``).
///
/// Keeps the last device string so that a million lines from the same few devices do not
/// make a million strings.
struct ReviewLogLineDecoder {
    private var lastDeviceBytes: [UInt8] = []
    private var lastDevice = ""
    /// Times after this (unix milliseconds) are refused: ``ReviewLogCodec/latestTime`` when
    /// reading the collection's own log, a day from now when merging another one.
    var latestTime = ReviewLogCodec.latestTime

    /// Parses the JSON object in `bytes[range]` (without the newline).
    mutating func decode(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) throws(JSONScanError) -> ReviewLogEntry {
        if let fields = canonicalFields(bytes, range) { return try fields.entry(latestTime: latestTime) }
        var s = JSONScanner(bytes, from: range.lowerBound, to: range.upperBound)
        var fields = Fields()
        try s.expect(0x7B, "'{' at the start of the line")
        if !s.nextIs(0x7D) {
            repeat { try field(&s, into: &fields) } while s.nextIs(0x2C)
            try s.expect(0x7D, "',' or '}'")
        }
        s.skipWhitespace()
        guard s.atEnd else { throw s.unexpected(expected: "the end of the line after '}'") }
        return try fields.entry(latestTime: latestTime)
    }

    private mutating func field(_ s: inout JSONScanner, into f: inout Fields) throws(JSONScanError) {
        let key = try keyName(&s)
        try s.expect(0x3A, "':' after the key")
        guard f.seen & key.bit == 0 else { throw JSONScanError("the key '\(key.name)' appears twice") }
        f.seen |= key.bit
        switch key {
        case .card: f.card = try cardID(&s)
        case .device: f.device = try device(&s)
        case .dur: f.dur = try s.integer()
        case .ev: f.event = try event(&s)
        case .r: if !s.null() { f.rating = try s.integer() }
        case .t: f.time = try s.integer()
        case .target: if !s.null() { f.target = try s.integer() }
        case .ivl: if !s.null() { f.ivl = try s.integer() }
        }
    }

    private func keyName(_ s: inout JSONScanner) throws(JSONScanError) -> Key {
        let name: String
        if let r = try s.plainStringBytes() {
            if let key = Key(bytes: UnsafeRawBufferPointer(rebasing: s.bytes[r])) { return key }
            name = String(decoding: UnsafeRawBufferPointer(rebasing: s.bytes[r]), as: UTF8.self)
        } else {
            name = try s.string()
            if let key = Key(rawValue: name) { return key }
        }
        throw JSONScanError("unknown key '\(name)'")
    }

    private func cardID(_ s: inout JSONScanner) throws(JSONScanError) -> CardID {
        let problem = JSONScanError("'card' must be 16 hex digits")
        guard let r = try s.plainStringBytes() else {
            guard let id = CardID(try s.string()) else { throw problem }
            return id
        }
        guard r.count == 16, let v = parseHex16(s.bytes, at: r.lowerBound) else { throw problem }
        return CardID(rawValue: v)
    }

    mutating func device(_ s: inout JSONScanner) throws(JSONScanError) -> String {
        guard let r = try s.plainStringBytes() else { return try s.string() }
        let raw = UnsafeRawBufferPointer(rebasing: s.bytes[r])
        if raw.count == lastDeviceBytes.count, raw.count > 0, let p = raw.baseAddress,
           lastDeviceBytes.withUnsafeBytes({ $0.baseAddress.map { memcmp($0, p, raw.count) == 0 } ?? false }) { return lastDevice }
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw JSONScanError("a string is not valid UTF-8")
        }
        lastDeviceBytes = Array(raw)
        lastDevice = text
        return text
    }

    private func event(_ s: inout JSONScanner) throws(JSONScanError) -> ReviewLogEntry.Event {
        let name: String
        if let r = try s.plainStringBytes() {
            let raw = UnsafeRawBufferPointer(rebasing: s.bytes[r])
            if bytesEqual(raw, "review") { return .review }
            name = String(decoding: raw, as: UTF8.self)
        } else {
            name = try s.string()
        }
        guard let e = ReviewLogEntry.Event(rawValue: name) else {
            let names = ReviewLogEntry.Event.allCases.map(\.rawValue).joined(separator: ", ")
            throw JSONScanError("unknown event '\(name)' (expected one of \(names))")
        }
        return e
    }
}

enum Key: String {
    case card, device, dur, ev, ivl, r, t, target

    var name: String { rawValue }

    var bit: UInt8 {
        switch self {
        case .card: 1
        case .device: 2
        case .dur: 4
        case .ev: 8
        case .r: 16
        case .t: 32
        case .target: 64
        case .ivl: 128
        }
    }

    @inline(__always) init?(bytes k: UnsafeRawBufferPointer) {
        switch (k.count, k.first ?? 0) {
        case (1, 0x72): self = .r
        case (1, 0x74): self = .t
        case (2, 0x65) where k[1] == 0x76: self = .ev
        case (3, 0x64) where k[1] == 0x75 && k[2] == 0x72: self = .dur
        case (3, 0x69) where k[1] == 0x76 && k[2] == 0x6C: self = .ivl
        case (4, 0x63) where bytesEqual(k, "card"): self = .card
        case (6, 0x64) where bytesEqual(k, "device"): self = .device
        case (6, 0x74) where bytesEqual(k, "target"): self = .target
        default: return nil
        }
    }
}

/// The fields of one line as they are read, checked together at the end.
struct Fields {
    var seen: UInt8 = 0
    var card: CardID?
    var device: String?
    var dur: Int64 = 0
    var event: ReviewLogEntry.Event?
    var rating: Int64?
    var time: Int64?
    var target: Int64?
    var ivl: Int64?

    func entry(latestTime: Int64 = ReviewLogCodec.latestTime) throws(JSONScanError) -> ReviewLogEntry {
        guard let card else { throw JSONScanError("the key 'card' is missing") }
        guard let event else { throw JSONScanError("the key 'ev' is missing") }
        guard let time else { throw JSONScanError("the key 't' is missing") }
        guard let device, !device.isEmpty else { throw JSONScanError("the key 'device' is missing or empty") }
        guard dur >= 0, dur <= Int64(Int32.max) else { throw JSONScanError("'dur' must be between 0 and \(Int32.max) milliseconds") }
        var r: Rating?
        if let rating {
            guard let value = Rating(rawValue: Int(rating)) else { throw JSONScanError("'r' must be 1 (again), 2 (hard), 3 (good) or 4 (easy), found \(rating)") }
            r = value
        }
        if event == .review, r == nil { throw JSONScanError("a review needs a rating 'r'") }
        if event != .review, r != nil { throw JSONScanError("only a review has a rating 'r'") }
        if event == .undo, target == nil { throw JSONScanError("an undo needs the 'target' time of the review it takes back") }
        if event == .setdue, target == nil { throw JSONScanError("a setdue needs the 'target' time the card is due") }
        if let ivl {
            guard event == .review || event == .reschedule else { throw JSONScanError("only a review or a reschedule has an interval 'ivl'") }
            guard (1...Int64(ReviewLogCodec.longestInterval)).contains(ivl) else {
                throw JSONScanError("'ivl' must be between 1 and \(ReviewLogCodec.longestInterval) days, found \(ivl)")
            }
        }
        try Self.checkTime(time, key: "t", latest: latestTime)
        if let target { try Self.checkTime(target, key: "target", latest: latestTime) }
        return ReviewLogEntry(event: event, card: card, time: ReviewLogCodec.date(milliseconds: time), rating: r,
                              durationMs: Int(dur), device: device,
                              target: target.map { ReviewLogCodec.date(milliseconds: $0) },
                              scheduledDays: ivl.map { Int($0) })
    }
}

extension Fields {
    /// Refuses a time outside ``ReviewLogCodec/earliestTime`` … `latest`: such a time is
    /// no real review, and arithmetic on it could overflow later.
    static func checkTime(_ ms: Int64, key: String, latest: Int64) throws(JSONScanError) {
        if ms < ReviewLogCodec.earliestTime {
            throw JSONScanError("'\(key)' is before 1990: \(ms) (unix milliseconds)")
        }
        if ms > latest {
            throw JSONScanError(latest == ReviewLogCodec.latestTime
                ? "'\(key)' is after 2200: \(ms) (unix milliseconds)"
                : "'\(key)' is more than a day in the future: \(ms) (unix milliseconds)")
        }
    }
}

/// Whether `raw` holds exactly the bytes of `word`.
@inline(__always) func bytesEqual(_ raw: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
    guard raw.count == word.utf8CodeUnitCount else { return false }
    guard let p = raw.baseAddress else { return raw.count == 0 }
    return memcmp(p, word.utf8Start, raw.count) == 0
}

/// 16 hex digits (either case) at `start` as a number, or nil.
///
/// Eight bytes at a time ("SIMD within a register"): the hot spot of reading the log.
@inline(__always) func parseHex16(_ bytes: UnsafeRawBufferPointer, at start: Int) -> UInt64? {
    guard start >= 0, start + 16 <= bytes.count, let base = bytes.baseAddress else { return nil }
    guard let high = hex8(base.loadUnaligned(fromByteOffset: start, as: UInt64.self).littleEndian),
          let low = hex8(base.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self).littleEndian)
    else { return nil }
    return high << 32 | low
}

/// Eight ASCII hex digits (first digit in the lowest byte) as a 32-bit number, or nil.
@inline(__always) func hex8(_ x: UInt64) -> UInt64? {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits = ones &* 0x80
    guard x & highBits == 0 else { return nil }
    /// Bytes of `v` (all below 0x80) that lie in `lo...hi` get their high bit set.
    func inRange(_ v: UInt64, _ lo: UInt64, _ hi: UInt64) -> UInt64 {
        ((v &+ ones &* (0x80 - lo)) & ~(v &+ ones &* (0x7F - hi))) & highBits
    }
    let digits = inRange(x, 0x30, 0x39)
    let letters = inRange(x | ones &* 0x20, 0x61, 0x66)
    guard digits | letters == highBits else { return nil }
    var v = (x & 0x0F0F_0F0F_0F0F_0F0F) &+ ((x >> 6) & ones) &* 9
    v = ((v << 4) | (v >> 8)) & 0x00FF_00FF_00FF_00FF
    v = ((v << 8) | (v >> 16)) & 0x0000_FFFF_0000_FFFF
    v = ((v << 16) | (v >> 32)) & 0x0000_0000_FFFF_FFFF
    return v
}
