import Foundation
import RecallCore
import Testing
@testable import RecallStore

/// The `ivl` key: the interval decided when an entry was written, kept in the log.
@Suite struct ReviewLogIntervalTests {
    static let card = CardID(rawValue: 0x0123_4567_89ab_cdef)
    static let t0 = Date(timeIntervalSince1970: 1_764_061_200.123)

    func decode(_ text: String) -> Result<ReviewLogEntry, JSONScanError> {
        var decoder = ReviewLogLineDecoder()
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { buf in
            Result { () throws(JSONScanError) in try decoder.decode(buf, 0..<buf.count) }
        }
    }

    @Test func writesAndReadsTheInterval() throws {
        var review = ReviewLogEntry.review(Self.card, .good, at: Self.t0, durationMs: 5400, device: "d-1")
        review.scheduledDays = 12
        let line = #"{"card":"0123456789abcdef","device":"d-1","dur":5400,"ev":"review","ivl":12,"r":3,"t":1764061200123}"#
        #expect(String(decoding: ReviewLogCodec.line(review), as: UTF8.self) == line + "\n")
        #expect(try decode(line).get() == review)
        // Any layout, as for the other keys.
        #expect(try decode(#"{"t":1764061200123,"ivl":12,"r":3,"ev":"review","dur":5400,"device":"d-1","card":"0123456789abcdef"}"#).get() == review)
        let reschedule = ReviewLogEntry(event: .reschedule, card: Self.card, time: Self.t0, device: "d-1", scheduledDays: 40)
        #expect(try decode(String(decoding: ReviewLogCodec.line(reschedule).dropLast(), as: UTF8.self)).get() == reschedule)
    }

    @Test func oldLinesHaveNoInterval() throws {
        let entry = try decode(#"{"card":"0123456789abcdef","device":"d-1","dur":0,"ev":"review","r":3,"t":1764061200123}"#).get()
        #expect(entry.scheduledDays == nil)
    }

    @Test(arguments: [
        (#"{"card":"0123456789abcdef","device":"d","ev":"bury","ivl":3,"t":1764061200123}"#,
         "only a review or a reschedule has an interval 'ivl'"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"review","ivl":0,"r":3,"t":1764061200123}"#,
         "'ivl' must be between 1 and 36500 days, found 0"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"review","ivl":36501,"r":3,"t":1764061200123}"#,
         "'ivl' must be between 1 and 36500 days, found 36501"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"review","ivl":-2,"r":3,"t":1764061200123}"#,
         "'ivl' must be between 1 and 36500 days, found -2"),
        (#"{"card":"0123456789abcdef","device":"d","ev":"review","ivl":3,"ivl":4,"r":3,"t":1764061200123}"#,
         "the key 'ivl' appears twice"),
    ])
    func rejectsBadIntervals(text: String, expected: String) {
        guard case .failure(let error) = decode(text) else {
            Issue.record("'\(text)' was accepted")
            return
        }
        #expect(error.message == expected)
    }
}
