import Foundation
import RecallCore
import Testing
@testable import RecallStore

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

    @Test func refusesItsOwnLogAndMissingSources() throws {
        let (a, _) = try twoDevices()
        let store = try Fixture.open(a)
        #expect(throws: StoreError.self) { try store.merge(from: a.file(Fixture.logName)) }
        #expect(throws: StoreError.self) { try store.merge(from: a.file("nope")) }
    }
}
