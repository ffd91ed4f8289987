import Foundation
import RecallCore
import Testing
@testable import RecallStore
import RecallTestSupport

@Suite struct ReviewLogCodecTests {
    static let card = CardID(rawValue: 0x0123_4567_89ab_cdef)
    static let t0 = Date(timeIntervalSince1970: 1_764_061_200.123)

    func decode(_ text: String) throws(JSONScanError) -> ReviewLogEntry {
        try decodeBytes(Array(text.utf8)).get()
    }

    func decodeBytes(_ bytes: [UInt8]) -> Result<ReviewLogEntry, JSONScanError> {
        var decoder = ReviewLogLineDecoder()
        return bytes.withUnsafeBytes { buf in
            Result { () throws(JSONScanError) in try decoder.decode(buf, 0..<buf.count) }
        }
    }

    func message(_ text: String) -> String? {
        do { _ = try decode(text); return nil } catch { return error.message }
    }

    @Test func writesTheCanonicalLine() {
        let review = ReviewLogEntry.review(Self.card, .good, at: Self.t0, durationMs: 5400, device: "d-1")
        #expect(String(decoding: ReviewLogCodec.line(review), as: UTF8.self)
            == #"{"card":"0123456789abcdef","device":"d-1","dur":5400,"ev":"review","r":3,"t":1764061200123}"# + "\n")
        let undo = ReviewLogEntry(event: .undo, card: Self.card, time: Self.t0, device: "d\"\\\n",
                                  target: Date(timeIntervalSince1970: 1_764_061_100))
        #expect(String(decoding: ReviewLogCodec.line(undo), as: UTF8.self)
            == #"{"card":"0123456789abcdef","device":"d\"\\\n","dur":0,"ev":"undo","t":1764061200123,"target":1764061100000}"# + "\n")
    }

    @Test func roundTripsEveryEvent() throws {
        for event in ReviewLogEntry.Event.allCases {
            let entry = ReviewLogEntry(event: event, card: Self.card, time: Self.t0,
                                       rating: event == .review ? .hard : nil, durationMs: 17,
                                       device: "d-ü✓", target: event == .undo || event == .setdue ? Self.t0 : nil)
            var line = ReviewLogCodec.line(entry)
            line.removeLast()
            let back = try decode(String(decoding: line, as: UTF8.self))
            #expect(back == ReviewLogCodec.normalized(entry))
        }
    }

    /// The events `recall cards` writes read back from their canonical lines, and a set-due
    /// without its due time is refused.
    @Test func readsTheCardActionEvents() throws {
        let unbury = try decode(#"{"card":"0123456789abcdef","device":"d-1","dur":0,"ev":"unbury","t":1764061200123}"#)
        #expect(unbury == ReviewLogEntry(event: .unbury, card: Self.card, time: ReviewLogCodec.date(milliseconds: 1_764_061_200_123), device: "d-1"))
        let setdue = try decode(#"{"card":"0123456789abcdef","device":"d-1","dur":0,"ev":"setdue","t":1764061200123,"target":1764201600000}"#)
        #expect(setdue.event == .setdue)
        #expect(setdue.target == Date(timeIntervalSince1970: 1_764_201_600))
        #expect(try decode(#"{"card":"0123456789abcdef","device":"d-1","dur":0,"ev":"reschedule","t":1764061200123}"#).event == .reschedule)
        #expect(message(#"{"card":"0123456789abcdef","device":"d-1","dur":0,"ev":"setdue","t":1764061200123}"#)
                == "a setdue needs the 'target' time the card is due")
    }

    @Test func acceptsAnyValidLayout() throws {
        let text = #"  { "t" : 1764061200123 , "r":3, "ev":"re\u0076iew", "dur":0,"device":"d-1", "\u0063ard":"0123456789ABCDEF", "target": null }  "#
        let e = try decode(text)
        #expect(e == ReviewLogEntry.review(Self.card, .good, at: Self.t0, device: "d-1"))
    }

    @Test(arguments: [
        ("", "expected '{' at the start of the line, found the end of the line"),
        ("[1]", "expected '{' at the start of the line, found '['"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"review","r":3}"#, "the key 't' is missing"),
        (#"{"card":"0123","device":"d","ev":"review","r":3,"t":1}"#, "'card' must be 16 hex digits"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"review","r":5,"t":1}"#,
         "'r' must be 1 (again), 2 (hard), 3 (good) or 4 (easy), found 5"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"review","t":1}"#, "a review needs a rating 'r'"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"peek","t":1}"#,
         "unknown event 'peek' (expected one of review, undo, suspend, unsuspend, bury, unbury, forget, setdue, reschedule)"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"bury","t":1,"t":2}"#, "the key 't' appears twice"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"bury","t":1.5}"#,
         "expected a whole number, found a fraction or exponent"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"bury","t":1,"x":2}"#, "unknown key 'x'"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"bury","t":1} x"#,
         "expected the end of the line after '}', found 'x'"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"bury","t":1"#, "expected ',' or '}', found the end of the line"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"undo","t":1}"#,
         "an undo needs the 'target' time of the review it takes back"),
        (#"{"card":"0123456789abcdef","device":"","ev":"bury","t":1}"#, "the key 'device' is missing or empty"),
        (#"{"card":"0123456789abcdef","device":"d","dur":0,"ev":"review","r":3,"t":9223372036854775807}"#,
         "'t' is after 2200: 9223372036854775807 (unix milliseconds)"),
        (#"{"card":"0123456789abcdef","device":"d","dur":0,"ev":"review","r":3,"t":9223372036854775000}"#,
         "'t' is after 2200: 9223372036854775000 (unix milliseconds)"),
        (#"{"card":"0123456789abcdef","device":"d","dur":0,"ev":"review","r":3,"t":253402300799000}"#,
         "'t' is after 2200: 253402300799000 (unix milliseconds)"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"bury","t":1}"#, "'t' is before 1990: 1 (unix milliseconds)"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"bury","t":-9223372036854775807}"#,
         "'t' is before 1990: -9223372036854775807 (unix milliseconds)"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"undo","t":1764061200123,"target":9223372036854775807}"#,
         "'target' is after 2200: 9223372036854775807 (unix milliseconds)"),
    ])
    func rejectsBadLines(text: String, expected: String) {
        #expect(message(text) == expected)
    }

    @Test func fuzzedLinesNeverCrashAndCanonicalOnesRoundTrip() throws {
        var rng = SeededGenerator(seed: 42)
        let base = Array(ReviewLogCodec.line(.review(Self.card, .easy, at: Self.t0, durationMs: 9, device: "d-2")).dropLast())
        for _ in 0..<3000 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.remove(at: i)
                default: bytes.insert(UInt8.random(in: 0x20...0x7e, using: &rng), at: i)
                }
                if bytes.isEmpty { break }
            }
            if let result = try? decodeBytes(bytes).get() {  // whatever parses must re-encode to a line that parses to the same entry
                var again = ReviewLogCodec.line(result)
                again.removeLast()
                #expect(try decode(String(decoding: again, as: UTF8.self)) == result)
            }
        }
    }
}

/// SplitMix64 from RecallCore: seeded, the same sequence everywhere.

@Suite struct HexTests {
    @Test func wideHexDecodingAgreesWithTheStandardLibrary() {
        var rng = SeededGenerator(seed: 99)
        let alphabet = Array("0123456789abcdefABCDEF".utf8)
        for round in 0..<20_000 {
            var bytes = (0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
            if round % 2 == 1 { bytes[Int.random(in: 0..<16, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            let expected = UInt64(String(decoding: bytes, as: UTF8.self), radix: 16)
            let isHex = bytes.allSatisfy { alphabet.contains($0) }
            let got = bytes.withUnsafeBytes { parseHex16($0, at: 0) }
            #expect(got == (isHex ? expected : nil), "\(bytes)")
        }
    }
}
