import Foundation
import RecallCore
import Testing
@testable import RecallStore
import RecallTestSupport

/// `state.bin` gives exactly the snapshot that `state.json` gives, and is never used for
/// another `state.json` or when damaged.
@Suite struct SnapshotCacheTests {
    /// Records with every optional both present and absent, odd doubles included.
    static func snapshot(count: Int = 3_000) -> Snapshot {
        var records: CardRecords = [:]
        for n in 0..<count {
            let due = Date(timeIntervalSince1970: 1_764_061_200.123_456 + Double(n) * 61.517)
            var schedule = CardSchedule.new(createdAt: due)
            schedule.state = CardState.allCases[n % CardState.allCases.count]
            schedule.step = n % 4 == 0 ? nil : n % 3
            schedule.memory = n % 9 == 0 ? nil
                : MemoryState(stability: n % 97 == 0 ? .infinity : Double(n) / 7.3, difficulty: 1 + Double(n % 90) / 10.3)
            schedule.lastReview = n % 5 == 0 ? nil : due.addingTimeInterval(-86_400.000_4)
            schedule.reps = n % 17
            schedule.lapses = n % 4
            schedule.scheduledDays = n % 40
            schedule.easeFactor = n % 101 == 0 ? .nan : 1.3 + Double(n % 20) / 7
            schedule.interval = n % 33
            records[CardID(rawValue: UInt64(n) &* 0x9E37_79B9_7F4A_7C15)] =
                CardRecord(schedule: schedule, suspended: n % 11 == 0, buriedUntilDay: n % 5 == 0 ? 20_000 : nil,
                           isLeech: n % 13 == 0, reviewCount: n % 17, introduced: n % 6 == 0 ? nil : due,
                           lastReviewAsReview: n % 7 == 0 ? nil : due.addingTimeInterval(-3_600))
        }
        return Snapshot(records: records, settingsJSON: Array("{\"scheduler\":\"fsrs\"}".utf8), timeZone: "Europe/Berlin",
                        log: FileCoverage(bytes: 123_456, lines: 789, head: 0xfeed, tail: 0xbeef),
                        renames: .empty, catalog: 42)
    }

    @Test func theCacheReadsBackAsTheJSONDoes() throws {
        let snapshot = Self.snapshot()
        let json = SnapshotWriter.encode(snapshot)
        let fromJSON = try SnapshotReader.decode(json).get()
        let source = json.withUnsafeBytes { ContentFingerprint(of: $0) }
        let cache = try #require(SnapshotCache.encode(snapshot, source: source))
        let fromCache = try #require(cache.withUnsafeBytes { SnapshotCache.decode($0, source: source) })
        #expect(fromCache == fromJSON)
        // Made from the snapshot read back, the cache is the same bytes.
        #expect(SnapshotCache.encode(fromJSON, source: source) == cache)
    }

    @Test func aCacheOfAnotherFileOrADamagedOneIsNotUsed() throws {
        let snapshot = Self.snapshot(count: 200)
        let json = SnapshotWriter.encode(snapshot)
        let source = json.withUnsafeBytes { ContentFingerprint(of: $0) }
        let cache = try #require(SnapshotCache.encode(snapshot, source: source))
        var edited = json
        edited[edited.count / 2] ^= 1
        let other = edited.withUnsafeBytes { ContentFingerprint(of: $0) }
        #expect(other != source)
        #expect(cache.withUnsafeBytes { SnapshotCache.decode($0, source: other) } == nil)
        for offset in [0, 20, 200, cache.count / 2, cache.count - 1] {
            var damaged = cache
            damaged[offset] ^= 0x40
            #expect(damaged.withUnsafeBytes { SnapshotCache.decode($0, source: source) } == nil, "byte \(offset)")
        }
        #expect(Array(cache.dropLast(9)).withUnsafeBytes { SnapshotCache.decode($0, source: source) } == nil)
    }

    @Test func readingAFileInPiecesGivesTheSameSource() throws {
        let dir = TempFolder()
        // Not a multiple of the 64 KiB read size nor of 8.
        let bytes = (0..<200_003).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: dir.file("x")))
        let whole = bytes.withUnsafeBytes { ContentFingerprint(of: $0) }
        #expect(ContentFingerprint.of(path: dir.file("x")) == whole)
    }

    @Test func theStoreWritesTheCacheAndFallsBackToTheJSONWhenItIsStale() throws {
        let dir = TempFolder()
        let store = try Fixture.open(dir)
        try store.append(Fixture.review(1))
        try store.append(Fixture.review(2, .again, minutes: 1))
        try store.close()
        let cachePath = dir.file("collections/decks/" + SnapshotCache.file.name)
        #expect(FileManager.default.fileExists(atPath: cachePath))
        // Opened from the cache: the same records.
        let again = try Fixture.open(dir)
        #expect(again.records == store.records)
        #expect(again.notices.isEmpty)
        try again.close()
        // A cache that no longer describes state.json (here: one made for other records) is
        // ignored, and the JSON's records are used.
        let json = try #require(dir.bytes(Fixture.stateName))
        let stale = try #require(SnapshotCache.encode(Self.snapshot(count: 5), source: ContentFingerprint(size: 1, checksum: 2)))
        try Data(stale).write(to: URL(fileURLWithPath: cachePath))
        let third = try Fixture.open(dir)
        #expect(third.records == store.records)
        try third.close()
        #expect(dir.bytes(Fixture.stateName) == json)
        // Garbage in place of the cache is no worse than no cache.
        try Data("not a cache".utf8).write(to: URL(fileURLWithPath: cachePath))
        let fourth = try Fixture.open(dir)
        #expect(fourth.records == store.records)
        #expect(fourth.notices.isEmpty)
        try fourth.close()
    }
}
