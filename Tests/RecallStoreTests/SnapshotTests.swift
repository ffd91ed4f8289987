import Foundation
import RecallCore
import Testing
@testable import RecallStore
import RecallTestSupport

@Suite struct SnapshotTests {
    /// A small fixed history: reviews, a lapse, a suspension and a bury.
    func makeStore(_ dir: TempFolder) throws -> ProgressStore {
        let store = try Fixture.open(dir)
        try store.append(Fixture.review(1))
        try store.append(Fixture.review(2, .again, minutes: 1))
        try store.append(Fixture.review(1, .easy, minutes: 12))
        try store.append(ReviewLogEntry(event: .suspend, card: Fixture.card(3), time: Fixture.t0.addingTimeInterval(120), device: "d-a"))
        try store.append(ReviewLogEntry(event: .bury, card: Fixture.card(2), time: Fixture.t0.addingTimeInterval(180), device: "d-a"))
        return store
    }

    /// ``makeStore(_:)`` with `state.json` written (a session's answers alone leave it to the
    /// next opening, see ``ProgressStore/snapshotLag``), closed.
    func makeSavedStore(_ dir: TempFolder) throws -> ProgressStore {
        let store = try makeStore(dir)
        try store.saveSnapshot()
        try store.close()
        return store
    }

    /// Golden files pin the on-disk formats; set RECALL_UPDATE_GOLDEN=1 to rewrite them.
    func checkGolden(_ name: String, _ actual: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        try Golden.check(actual, against: url)
    }

    @Test func onDiskFormatsMatchTheGoldenFiles() throws {
        let dir = TempFolder()
        _ = try makeSavedStore(dir)
        try checkGolden("reviews.jsonl", try #require(dir.read(Fixture.logName)))
        try checkGolden("state.json", try #require(dir.read(Fixture.stateName)))
        var settings = CollectionSettings()
        settings.deckPresets["Swift"] = DeckPreset(newPerDay: 30)
        try checkGolden("settings.json", String(decoding: SettingsFile.encode(settings), as: UTF8.self))
    }

    @Test func theSnapshotRoundTripsExactly() throws {
        let dir = TempFolder()
        let store = try makeSavedStore(dir)
        let bytes = try #require(dir.bytes(Fixture.stateName))
        let decoded = try SnapshotReader.decode(Array(bytes)).get()
        #expect(SnapshotWriter.encode(decoded) == Array(bytes))
        #expect(decoded.records == store.records)
    }

    @Test func aNewerSnapshotIsRefusedAndLeftAlone() throws {
        let dir = TempFolder()
        _ = try makeSavedStore(dir)
        let newer = try #require(dir.read(Fixture.stateName)).replacingOccurrences(of: "\"schema\":2", with: "\"schema\":3")
        try dir.write(Fixture.stateName, newer)
        let log = dir.bytes(Fixture.logName)
        #expect {
            _ = try Fixture.open(dir)
        } throws: { error in
            "\(error)" == "recall: error: '\(dir.file(Fixture.stateName))' was written by a newer version of recall (schema 3; this version reads up to 2)\nnote: update recall to use this collection; nothing was changed"
        }
        #expect(dir.read(Fixture.stateName) == newer)
        #expect(dir.bytes(Fixture.logName) == log)
    }

    @Test func anOlderSnapshotIsMigratedWithABackup() throws {
        let dir = TempFolder()
        _ = try makeSavedStore(dir)
        let expected = try Fixture.open(dir, writing: false).records
        #expect(!FileManager.default.fileExists(atPath: dir.file("collections/decks/settings.json")))
        let v1 = #"{"cards":{"1000000000000001":{"due":0}},"schema":1,"settings":{"desired_retention":0.8}}"# + "\n"
        try dir.write(Fixture.stateName, v1)
        let readOnly = try Fixture.open(dir, writing: false)
        #expect(readOnly.notices.map(\.headline) == ["recall: warning: state.json is from an older version of recall (schema 1); it will be migrated the next time progress is written"])
        #expect(dir.read(Fixture.stateName) == v1)
        let store = try Fixture.open(dir)
        #expect(store.notices.map(\.headline) == ["recall: warning: state.json was from an older version of recall (schema 1); migrated it and kept the old file as '\(dir.file("collections/decks/state.json.v1.bak"))'"])
        #expect(store.settings.desiredRetention == 0.8)
        #expect(dir.read("collections/decks/state.json.v1.bak") == v1)
        #expect(try SettingsFile.load(dir.file("collections/decks/settings.json")).desiredRetention == 0.8)
        #expect(store.records.keys.sorted() == expected.keys.sorted())
        try store.close()
        #expect(try Fixture.open(dir, writing: false).notices.isEmpty)
    }

    @Test func aReplacedLogIsNoticedAndTheSnapshotRebuilt() throws {
        let dir = TempFolder()
        _ = try makeSavedStore(dir)
        let other = TempFolder()
        let s = try Fixture.open(other)
        try s.append(Fixture.review(9, .hard))
        try s.close()
        try other.bytes(Fixture.logName)?.write(to: URL(fileURLWithPath: dir.file(Fixture.logName)))
        let store = try Fixture.open(dir, writing: false)
        #expect(store.notices.map(\.headline) == ["recall: warning: state.json does not match the review log (it was replaced or merged); card states were rebuilt from the log"])
        #expect(Array(store.records.keys) == [Fixture.card(9)])
    }

    /// States computed by another version of the scheduling code are not trusted: from
    /// `state.json` nor from its binary copy. A file written before the version was recorded
    /// counts as version 1.
    @Test func aSnapshotOfAnotherSchedulerVersionIsRecomputed() throws {
        let dir = TempFolder()
        let saved = try makeSavedStore(dir).records
        let text = try #require(dir.read(Fixture.stateName))
        let unversioned = text.replacingOccurrences(of: #"(?m)^"scheduler_version":\d+,\n"#, with: "",
                                                    options: .regularExpression)
        #expect(unversioned.contains(#""schema":2"#) && !unversioned.contains("scheduler_version"))
        // As another version would have computed it: another stability for card 1.
        let stability = try #require(saved[Fixture.card(1)]?.schedule.memory?.stability)
        let other = unversioned.replacingOccurrences(of: "\(stability)", with: "99")
            .replacingOccurrences(of: #""schema":2"#, with: "\"scheduler_version\":\(Scheduler.version + 1),\n\"schema\":2")
        #expect(other != unversioned)
        try other.write(toFile: dir.file(Fixture.stateName), atomically: true, encoding: .utf8)
        for _ in 0..<2 {  // the second opening finds the binary copy the first one made
            let store = try Fixture.open(dir, writing: false)
            #expect(store.notices.map(\.headline) == ["recall: warning: state.json was computed by another version of the scheduler; card states were recomputed"])
            #expect(store.records == saved)
        }
        try unversioned.write(toFile: dir.file(Fixture.stateName), atomically: true, encoding: .utf8)
        let store = try Fixture.open(dir, writing: false)
        #expect(store.notices.isEmpty)
        #expect(store.records == saved)
    }

    @Test func settingsSurviveARebuildAndSwitchingSchedulerRecomputes() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        let fsrs = store.records
        var settings = store.settings
        settings.scheduler = .sm2
        try store.updateSettings(settings)
        #expect(store.records != fsrs)
        #expect(store.records[Fixture.card(1)]?.schedule.memory == nil)
        try store.close()
        try FileManager.default.removeItem(atPath: dir.file(Fixture.stateName))
        let reopened = try Fixture.open(dir, writing: false)
        #expect(reopened.settings.scheduler == .sm2)
        #expect(reopened.records == store.records)
    }

    @Test func answersAloneLeaveTheSnapshotToTheLogUntilItFallsTooFarBehind() throws {
        let dir = TempFolder()
        let saved = try makeSavedStore(dir)
        let snapshot = dir.bytes(Fixture.stateName)
        // A later session's answers are only appended: state.json stays as it was, and the
        // next opening replays them from the log.
        let session = try Fixture.open(dir)
        try session.append(Fixture.review(4, minutes: 30))
        try session.append(Fixture.review(1, .hard, minutes: 40))
        try session.close()
        #expect(dir.bytes(Fixture.stateName) == snapshot)
        let reopened = try Fixture.open(dir, writing: false)
        #expect(reopened.notices.isEmpty)
        #expect(reopened.records == session.records)
        #expect(reopened.records != saved.records)
        // Nor does the session after it, which replays those answers when it opens.
        let next = try Fixture.open(dir)
        try next.append(Fixture.review(2, minutes: 40.5))
        try next.close()
        #expect(dir.bytes(Fixture.stateName) == snapshot)
        #expect(try Fixture.open(dir, writing: false).records == next.records)
        // An undo is written out at once (the snapshot may count the review it takes back).
        let undoing = try Fixture.open(dir)
        try undoing.append(ReviewLogEntry(event: .undo, card: Fixture.card(1), time: Fixture.t0.addingTimeInterval(2_460),
                                          device: "d-a", target: Fixture.t0.addingTimeInterval(2_400)))
        try undoing.close()
        #expect(dir.bytes(Fixture.stateName) != snapshot)
        let afterUndo = try #require(dir.bytes(Fixture.stateName))
        // More than `snapshotLag` lines behind: closing rewrites it.
        let long = try Fixture.open(dir)
        for i in 0...ProgressStore.snapshotLag {
            try long.append(Fixture.review(UInt64(100 + i % 50), minutes: 60 + Double(i)))
        }
        try long.close()
        #expect(dir.bytes(Fixture.stateName) != afterUndo)
        #expect(try Fixture.open(dir, writing: false).records == long.records)
    }
}

@Suite struct LockTests {
    @Test func aSecondWriterIsRefusedAtOnceNamingTheHolder() throws {
        let dir = TempFolder()
        let first = try Fixture.open(dir)
        #expect {
            _ = try Fixture.open(dir)
        } throws: { error in
            "\(error)" == "recall: error: the collection is in use by '\(CollectionLock.commandLine)' (process \(getpid()); lock '\(dir.file("collections/decks/lock"))')\n"
                + "note: finish or quit the other recall session first; read-only work still runs beside it: "
                + "'recall stats', 'recall decks', 'recall check' and 'recall quiz' without --record"
        }
        #expect(throws: Never.self) { _ = try Fixture.open(dir, writing: false) }
        try first.close()
        #expect(throws: Never.self) { try Fixture.open(dir).close() }
    }

    @Test func aReadOnlyStoreCannotAppend() throws {
        let dir = TempFolder()
        let store = try Fixture.open(dir, writing: false)
        #expect(throws: StoreError.self) { try store.append(Fixture.review(1)) }
        #expect(dir.read(Fixture.logName) == nil)
    }
}

@Suite struct BigSnapshotTests {
    @Test func aBigSnapshotReadInParallelEqualsTheOneWritten() throws {
        var records: CardRecords = [:]
        for n in 0..<12_000 {
            let due = Date(timeIntervalSince1970: 1_764_061_200 + Double(n) * 61.5)
            var schedule = CardSchedule.new(createdAt: due)
            schedule.state = n % 3 == 0 ? .review : .learning
            schedule.memory = MemoryState(stability: Double(n) / 7, difficulty: 1 + Double(n % 90) / 10.3)
            schedule.reps = n % 17
            records[CardID(rawValue: UInt64(n) &* 0x9E37_79B9_7F4A_7C15)] =
                CardRecord(schedule: schedule, suspended: n % 11 == 0, buriedUntilDay: n % 5 == 0 ? 20_000 : nil,
                           isLeech: n % 13 == 0, reviewCount: n % 17, introduced: due)
        }
        let snapshot = Snapshot(records: records, settingsJSON: Array("{}".utf8), timeZone: "UTC", log: .empty,
                                renames: .empty, catalog: 42)
        let bytes = SnapshotWriter.encode(snapshot)
        #expect(bytes.count > SnapshotRows.threshold)
        let decoded = try SnapshotReader.decode(bytes).get()
        #expect(decoded.records.count == records.count)
        #expect(SnapshotWriter.encode(decoded) == bytes)
        var broken = bytes
        broken[bytes.count / 2] = 0x7E
        #expect(throws: SnapshotReader.Problem.self) { try SnapshotReader.decode(broken).get() }
    }
}
