import Foundation
import RecallCore
import Testing
@testable import RecallStore
import RecallTestSupport

@Suite struct ProgressStoreTests {
    @Test func appendsAndReopensWithTheSameRecords() throws {
        let dir = TempFolder()
        let store = try Fixture.open(dir)
        try store.append(Fixture.review(1))
        try store.append(Fixture.review(2, .again))
        try store.append(Fixture.review(1, .good, minutes: 10))
        let expected = store.records
        try store.close()
        #expect(dir.read(Fixture.logName)?.split(separator: "\n").count == 3)
        let again = try Fixture.open(dir, writing: false)
        #expect(again.records == expected)
        #expect(again.notices.isEmpty)
        #expect(expected.count == 2)
    }

    @Test func replaysTheTailAfterTheSnapshot() throws {
        let dir = TempFolder()
        let store = try Fixture.open(dir)
        try store.append(Fixture.review(1))
        try store.saveSnapshot()
        try store.append(Fixture.review(1, .easy, minutes: 30))
        let expected = store.records
        store.writer = nil
        store.lock?.release()
        let again = try Fixture.open(dir, writing: false)
        #expect(again.records == expected)
        #expect(again.notices.isEmpty)
    }

    @Test func rebuildsAMissingOrCorruptSnapshotWithANotice() throws {
        let dir = TempFolder()
        let store = try Fixture.open(dir)
        try store.append(Fixture.review(1))
        try store.close()
        let expected = try Fixture.open(dir, writing: false).records
        try dir.write(Fixture.stateName, "{\"cards\":[oops")
        let corrupt = try Fixture.open(dir, writing: false)
        #expect(corrupt.records == expected)
        #expect(corrupt.notices.map(\.rendered) == ["recall: warning: state.json could not be read (expected '[', found 'o'); card states were rebuilt from the review log"])
        try FileManager.default.removeItem(atPath: dir.file(Fixture.stateName))
        let missing = try Fixture.open(dir, writing: false)
        #expect(missing.records == expected)
        #expect(missing.notices.map(\.rendered) == ["recall: warning: state.json is missing; card states were rebuilt from the review log"])
    }

    @Test func undoRestoresTheCardBeforeTheReview() throws {
        let dir = TempFolder()
        let store = try Fixture.open(dir)
        let first = try store.append(Fixture.review(1)).entry
        let before = store.records
        let second = try store.append(Fixture.review(1, .again, minutes: 5)).entry
        try store.append(ReviewLogEntry(event: .undo, card: Fixture.card(1), time: Fixture.t0.addingTimeInterval(400),
                                        device: "d-a", target: second.time))
        #expect(store.records == before)
        #expect(first.time == Fixture.t0)
        try store.close()
        #expect(try Fixture.open(dir, writing: false).records == before)
    }
}

/// What a sync tool may do to the log while a session has it open: the next append notices
/// (one `stat` of the path against the open file) and reads the log again first.
@Suite struct LogChangedBehindTheWriterTests {
    /// The log line of `entry`, as any writer would append it.
    static func line(_ entry: ReviewLogEntry) -> Data {
        var bytes: [UInt8] = []
        ReviewLogCodec.encode(ReviewLogCodec.normalized(entry), into: &bytes)
        return Data(bytes)
    }

    @Test func aLogGrownBehindTheWriterIsReadAgain() throws {
        let dir = TempFolder()
        let store = try Fixture.open(dir)
        try store.append(Fixture.review(1))
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: dir.file(Fixture.logName)))
        try log.seekToEnd()
        try log.write(contentsOf: Self.line(Fixture.review(2, device: "d-b")))
        try log.close()
        #expect(store.records[Fixture.card(2)] == nil)
        try store.append(Fixture.review(1, .good, minutes: 10))
        #expect(store.records[Fixture.card(2)] != nil)
        try store.close()
        let reopened = try Fixture.open(dir, writing: false)
        #expect(reopened.records == store.records)
        #expect(dir.read(Fixture.logName)?.split(separator: "\n").count == 3)
    }

    @Test func aLogReplacedBehindTheWriterIsReadAgainAndAppendedTo() throws {
        let dir = TempFolder()
        let store = try Fixture.open(dir)
        try store.append(Fixture.review(1))
        // A same-sized file with another card: only the inode tells it apart.
        let replacement = Self.line(Fixture.review(3))
        #expect(replacement.count == dir.bytes(Fixture.logName)?.count)
        let temp = dir.file(Fixture.logName + ".synced")
        try replacement.write(to: URL(fileURLWithPath: temp))
        #expect(rename(temp, dir.file(Fixture.logName)) == 0)
        try store.append(Fixture.review(4, .good, minutes: 10))
        #expect(store.records[Fixture.card(1)] == nil)
        #expect(store.records[Fixture.card(3)] != nil)
        #expect(store.records[Fixture.card(4)] != nil)
        try store.close()
        #expect(dir.read(Fixture.logName)?.split(separator: "\n").count == 2)
        #expect(try Fixture.open(dir, writing: false).records == store.records)
    }
}

@Suite struct RecentEntriesTests {
    @Test func readsOnlyTheRecentPartOfTheLog() throws {
        let dir = TempFolder()
        let store = try Fixture.open(dir)
        for day in 0..<5 {
            try store.append(Fixture.review(UInt64(day), minutes: Double(day) * 1440))
            try store.append(Fixture.review(UInt64(day), .again, minutes: Double(day) * 1440 + 30))
        }
        let since = Fixture.t0.addingTimeInterval(3 * 86_400)
        let recent = try store.recentEntries(since: since)
        #expect(recent == (try store.loadEntries()).filter { $0.time >= since })
        #expect(recent.count == 4)
        #expect(try store.recentEntries(since: Fixture.t0.addingTimeInterval(9 * 86_400)).isEmpty)
    }

    @Test func recentReviewsAreThoseOfAWholeReplay() throws {
        let dir = TempFolder()
        let store = try Fixture.open(dir)
        for day in 0..<5 {
            try store.append(Fixture.review(UInt64(day % 2), minutes: Double(day) * 1440))
            try store.append(Fixture.review(UInt64(day % 2), .again, minutes: Double(day) * 1440 + 30))
        }
        let since = Fixture.t0.addingTimeInterval(3 * 86_400)
        let whole = store.replay.replay(try store.loadEntries(), annotate: true).reviews
        let recent = try store.reviews(since: since)
        #expect(recent == whole.filter { $0.entry.time >= since })
        #expect(recent.count == 4)
        #expect(try store.reviews(since: Fixture.t0.addingTimeInterval(9 * 86_400)).isEmpty)
    }
}

@Suite struct TimeZoneTests {
    @Test func utcAliasesAreTheSameZoneAndRealChangesAreNot() throws {
        #expect(ProgressStore.sameZone("GMT", TimeZone(identifier: "UTC")!))
        #expect(ProgressStore.sameZone("Etc/UTC", TimeZone(identifier: "GMT")!))
        #expect(!ProgressStore.sameZone("Europe/Berlin", TimeZone(identifier: "GMT")!))
        #expect(!ProgressStore.sameZone("Europe/London", TimeZone(identifier: "GMT")!))
    }

    @Test func aNewTimeZoneRecomputesWithANotice() throws {
        let dir = TempFolder()
        let store = try Fixture.open(dir)
        try store.append(Fixture.review(1))
        try store.close()
        let tokyo = try ProgressStore.open(StoreLocation(dataDirectory: dir.path, collection: "decks"), device: "d-a",
                                           timeZone: TimeZone(identifier: "Asia/Tokyo")!, forWriting: false)
        #expect(tokyo.notices.map(\.headline) == ["recall: warning: the time zone changed from GMT to Asia/Tokyo; card states were recomputed"])
    }
}

@Suite struct DeferredFlushTests {
    @Test func unflushedAnswersAreInTheLogAndFlushedBeforeAnyoneDependsOnThem() throws {
        let dir = TempFolder()
        let store = try Fixture.open(dir)
        try store.append(Fixture.review(1), flush: false)
        try store.append(Fixture.review(2), flush: false)
        #expect(store.writer?.needsSync == true)
        // Written at once: another reader (or a restart after a crash) sees them.
        #expect(try Fixture.open(dir, writing: false).records.count == 2)
        try store.flushLog()
        #expect(store.writer?.needsSync == false)
        try store.append(Fixture.review(3), flush: false)
        try store.append(Fixture.review(4))  // a flushed append covers the ones before it
        #expect(store.writer?.needsSync == false)
        try store.append(Fixture.review(5), flush: false)
        let writer = try #require(store.writer)
        try store.close()
        #expect(!writer.needsSync)
        #expect(try Fixture.open(dir, writing: false).records.count == 5)
    }
}
