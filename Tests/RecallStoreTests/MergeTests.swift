import Foundation
import RecallCore
import Testing
@testable import RecallStore
import RecallTestSupport

@Suite struct MergeTests {
    /// Two data folders that share one review and each have their own.
    func twoDevices() throws -> (TempFolder, TempFolder) {
        let a = TempFolder("a"), b = TempFolder("b")
        let sa = try Fixture.open(a, device: "d-a")
        try sa.append(Fixture.review(1, device: "d-shared"))
        try sa.append(Fixture.review(2, minutes: 1, device: "d-a"))
        try sa.append(Fixture.review(1, .hard, minutes: 20, device: "d-a"))
        try sa.close()
        let sb = try Fixture.open(b, device: "d-b")
        try sb.append(Fixture.review(1, device: "d-shared"))
        try sb.append(Fixture.review(3, .again, minutes: 2, device: "d-b"))
        try sb.append(ReviewLogEntry(event: .suspend, card: Fixture.card(2), time: Fixture.t0.addingTimeInterval(90), device: "d-b"))
        try sb.close()
        return (a, b)
    }

    @Test func isCommutativeAndIdempotent() throws {
        let (a, b) = try twoDevices()
        let ra = try Fixture.open(a, device: "d-a").merge(from: b.path)
        #expect(ra.newEntries == 2)
        #expect(ra.newReviews == 1)
        #expect(ra.totalEntries == 5)
        let rb = try Fixture.open(b, device: "d-b").merge(from: a.path)
        #expect(rb.newEntries == 2)
        #expect(a.bytes(Fixture.logName) == b.bytes(Fixture.logName))
        #expect(a.bytes(Fixture.stateName) == b.bytes(Fixture.stateName))
        let logBefore = a.bytes(Fixture.logName), stateBefore = a.bytes(Fixture.stateName)
        let again = try Fixture.open(a, device: "d-a").merge(from: b.path)
        #expect(again.newEntries == 0)
        #expect(a.bytes(Fixture.logName) == logBefore)
        #expect(a.bytes(Fixture.stateName) == stateBefore)
        let reopened = try Fixture.open(a, writing: false)
        #expect(reopened.notices.isEmpty)
        #expect(reopened.records[Fixture.card(2)]?.suspended == true)
        #expect(reopened.records.count == 3)
    }

    @Test func mergesALogFileAndLeavesItAlone() throws {
        let (a, b) = try twoDevices()
        let other = b.file(Fixture.logName)
        let before = b.bytes(Fixture.logName)
        let report = try Fixture.open(a).merge(from: other)
        #expect(report.newEntries == 2)
        #expect(b.bytes(Fixture.logName) == before)
    }

    @Test func foldsInSyncConflictCopiesAndDeletesThem() throws {
        let (a, b) = try twoDevices()
        let copy = "collections/decks/reviews.sync-conflict-20261125-101010-ABCDEFG.jsonl"
        try b.bytes(Fixture.logName)?.write(to: URL(fileURLWithPath: a.file(copy)))
        let store = try Fixture.open(a)
        #expect(store.notices.map(\.headline) == ["recall: warning: found 'reviews.sync-conflict-20261125-101010-ABCDEFG.jsonl', a copy of the review log made by a file-sync tool"])
        let report = try store.mergeConflictCopies()
        #expect(report.newEntries == 2)
        #expect(report.removed == [a.file(copy)])
        #expect(!FileManager.default.fileExists(atPath: a.file(copy)))
    }

    /// Extreme times in another log are refused with their line, and the log is unchanged
    /// (one trapped in the codec; the year 9999 took a card out of review for good).
    @Test(arguments: ["9223372036854775807", "9223372036854775000", "253402300799000", "1764320400124"])
    func refusesTimesOutsideTheWindow(time: String) throws {
        let (a, b) = try twoDevices()
        let other = b.file("other.jsonl")
        try b.write("other.jsonl", #"{"card":"0000000000000001","device":"d-x","dur":0,"ev":"review","r":3,"t":1764061200000}"#
            + "\n" + #"{"card":"0000000000000002","device":"d-x","dur":0,"ev":"review","r":3,"t":"# + time + "}\n")
        let store = try Fixture.open(a)
        let before = a.bytes(Fixture.logName)
        let now = Date(timeIntervalSince1970: 1_764_234_000)  // 2025-11-27 09:00 UTC; a day later is …400000
        do {
            _ = try store.merge(from: other, now: now)
            Issue.record("merged a line timed \(time)")
        } catch {
            #expect(error.path == other)
            #expect(error.line == 2)
            #expect(error.reason.hasPrefix("'t' is "), "\(error.reason)")
        }
        #expect(a.bytes(Fixture.logName) == before)
        if time == "1764320400124" {  // just past the window: a day later it is in
            #expect(try store.merge(from: other, now: now.addingTimeInterval(1)).newEntries == 2)
        }
    }

    @Test func refusesItsOwnLogAndMissingSources() throws {
        let (a, _) = try twoDevices()
        let store = try Fixture.open(a)
        #expect(throws: StoreError.self) { try store.merge(from: a.file(Fixture.logName)) }
        #expect(throws: StoreError.self) { try store.merge(from: a.file("nope")) }
    }
}
