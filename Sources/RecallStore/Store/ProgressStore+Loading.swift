import Foundation
import RecallCore

extension ProgressStore {
    /// Reads settings, renames, the snapshot and the log, and sets ``records``.
    ///
    /// Nothing is written before the whole log has been read without error.
    func load() throws(StoreError) {
        try flushLog()  // lines the current writer has not synced yet, before it is replaced
        notices = []
        undoStack = []
        snapshotBase = nil
        statsTrail = nil
        settings = try SettingsFile.load(path(SettingsFile.name))
        (renames, renameCoverage) = try RenameLog.load(path(RenameLog.name))
        renameTable = RenameTable(renames)
        let snapshot = try loadSnapshot()
        let log = try MappedFile(path: logPath)
        let bytes = log?.bytes ?? UnsafeRawBufferPointer(start: nil, count: 0)
        var outcome: ReviewLogReader.Outcome
        var tailLines = 0
        let reason = snapshot.flatMap { misfit($0, log: bytes) }
        if let reason, !reason.isEmpty { notices.append(.warning(reason, at: nil)) }
        if let snapshot, reason == nil {
            var tail: [ReviewLogEntry] = []
            outcome = try ReviewLogReader.read(bytes, from: snapshot.log.bytes, linesBefore: snapshot.log.lines,
                                               path: logPath) { tail.append($0) }
            records = snapshot.records
            if !isWritable { snapshotBase = (snapshot.records, snapshot.log, tail) }
            if isWritable { statsTrail = (snapshot.log, [:], []) }
            catalogDigest = snapshot.catalog
            tailLines = tail.count
            if !tail.isEmpty { try applyTail(tail) }
        } else {
            let (all, whole) = try readWholeLog()
            outcome = whole
            records = replay.replay(renameTable.resolve(all)).records
            if snapshot == nil, notices.isEmpty, pendingMigration == nil, !all.isEmpty {
                notices.append(.warning("state.json is missing; card states were rebuilt from the review log", at: nil))
            }
            catalogDigest = snapshot?.catalog ?? 0
            snapshotStale = true
            tailLines = Int.max
        }
        if let warning = outcome.warning { notices.append(warning) }
        logBytes = outcome.validEnd
        logLines = outcome.lines
        try finishMigration()
        guard isWritable else { return }
        writer = try ReviewLogWriter(path: logPath, outcome: outcome)
        linesSinceSnapshot = min(tailLines, Int(Int32.max))
        if tailLines > ProgressStore.snapshotLag { try saveSnapshot() }
    }

    /// Log lines a snapshot may fall behind before opening or closing for writing rewrites
    /// it. Replaying that many lines at an opening takes a few milliseconds; rewriting
    /// `state.json` for 100,000 cards takes about 100.
    static let snapshotLag = 10_000

    private func applyTail(_ tail: [ReviewLogEntry]) throws(StoreError) {
        let resolved = renameTable.resolve(tail)
        for entry in resolved { noteForStats(entry) }
        let result = replay.apply(resolved, to: records)
        // The snapshot and this tail give these records again at the next opening: the
        // snapshot is rewritten only once the tail grows past `snapshotLag` lines.
        guard result.unmatchedUndos.isEmpty else {
            snapshotStale = true  // the tail cannot be replayed onto the snapshot
            statsTrail = nil
            // An undo in the tail takes back a review the snapshot already counted.
            records = replay.replay(renameTable.resolve(try readWholeLog().entries)).records
            return
        }
        records = result.records
    }

    /// Why `snapshot` cannot be used with the files as they are now (empty when that is
    /// normal and not worth telling), or nil if it can.
    private func misfit(_ snapshot: Snapshot, log: UnsafeRawBufferPointer) -> String? {
        if !snapshot.log.matches(log) {
            return "state.json does not match the review log (it was replaced or merged); card states were rebuilt from the log"
        }
        // Another Recall process recording an edit appends to renames.jsonl and rewrites
        // state.json only when it closes: normal, so rebuilt without a word.
        if snapshot.renames != renameCoverage { return "" }
        if !ProgressStore.sameZone(snapshot.timeZone, timeZone) {
            return "the time zone changed from \(snapshot.timeZone) to \(timeZone.identifier); card states were recomputed"
        }
        if snapshot.settingsJSON != canonicalSettings, !sameSettings(snapshot.settingsJSON) {
            return "settings.json changed; card states were recomputed"
        }
        if snapshot.schedulerVersion != Scheduler.version {
            return "state.json was computed by another version of the scheduler; card states were recomputed"
        }
        return nil
    }

    /// Whether the zone named `identifier` counts study days as `zone` does: the same name,
    /// or two fixed offsets that are equal (`UTC` and `GMT`).
    static func sameZone(_ identifier: String, _ zone: TimeZone) -> Bool {
        if identifier == zone.identifier { return true }
        guard let other = TimeZone(identifier: identifier) else { return false }
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        let fixed = { (z: TimeZone) in z.nextDaylightSavingTimeTransition(after: now) == nil }
        return fixed(other) && fixed(zone) && other.secondsFromGMT(for: now) == zone.secondsFromGMT(for: now)
    }

    /// The settings as they are embedded in the snapshot.
    var canonicalSettings: [UInt8] { Array(SettingsFile.encode(settings).dropLast()) }

    /// Whether settings embedded in a snapshot are these settings written another way (by a
    /// version of Recall that wrote the file differently, such as `"deck_limits": {}` before
    /// deck presets), so that the snapshot still fits.
    private func sameSettings(_ embedded: [UInt8]) -> Bool {
        guard case .success(let root) = JSONValue.parse(embedded),
              let decoded = try? SettingsFile.decode(root, path: SettingsFile.name) else { return false }
        return decoded == settings
    }

    /// Reads `state.json`: nil (with a notice) when missing, unreadable or old; throws when newer.
    private func loadSnapshot() throws(StoreError) -> Snapshot? {
        let file = path("state.json")
        // The binary copy, while it still describes this very state.json (see SnapshotCache).
        let source = ContentFingerprint.of(path: file)
        if let source, let cache = try? MappedFile(path: path(SnapshotCache.file.name), populate: true),
           let snapshot = SnapshotCache.decode(cache.bytes, source: source) {
            return snapshot
        }
        guard let map = try MappedFile(path: file) else { return nil }
        switch SnapshotReader.decode(map.bytes) {
        case .success(let s):
            // Make the binary copy of exactly these bytes for next time.
            saveSnapshotCache(s, source: ContentFingerprint(of: map.bytes))
            return s
        case .failure(.newerSchema(let v)):
            throw StoreError(path: file, reason: "'\(file)' was written by a newer version of recall (schema \(v); this version reads up to \(Snapshot.schema))",
                             notes: ["update recall to use this collection; nothing was changed"])
        case .failure(.olderSchema(let v, let root)):
            try beginMigration(from: v, root: root, bytes: Array(map.bytes))
            return nil
        case .failure(.corrupt(let why)):
            notices.append(.warning("state.json could not be read (\(why)); card states were rebuilt from the review log", at: nil))
            return nil
        }
    }

    /// Every entry of the whole log, in file order (ids as written).
    func readWholeLog() throws(StoreError) -> (entries: [ReviewLogEntry], outcome: ReviewLogReader.Outcome) {
        var all: [ReviewLogEntry] = []
        all.reserveCapacity((FileIdentity.of(path: logPath)?.size ?? 0) / 96)
        let outcome = try ReviewLogReader.readFile(logPath) { all.append($0) }
        return (all, outcome ?? ReviewLogReader.Outcome(validEnd: 0, lines: 0, missingFinalNewline: false, tornBytes: 0))
    }

    /// Writes `state.json` atomically for the current records.
    public func saveSnapshot() throws(StoreError) {
        guard isWritable, lock != nil else { return }
        try flushLog()  // the snapshot never covers log lines that are not on disk
        let map = try MappedFile(path: logPath)
        let bytes = map?.bytes ?? UnsafeRawBufferPointer(start: nil, count: 0)
        let covered = min(logBytes, bytes.count)
        let snapshot = Snapshot(records: records, settingsJSON: canonicalSettings, timeZone: timeZone.identifier,
                                log: FileCoverage(of: bytes, bytes: covered, lines: logLines),
                                renames: renameCoverage, catalog: catalogDigest)
        let ids = records.keys.sorted()
        let json = SnapshotWriter.encode(snapshot, sortedIDs: ids)
        try AtomicFile.write(json, to: path("state.json"))
        snapshotStale = false
        linesSinceSnapshot = 0
        saveSnapshotCache(snapshot, source: json.withUnsafeBytes { ContentFingerprint(of: $0) }, sortedIDs: ids)
        extendStatsCache(to: snapshot.log)
        statsTrail = (snapshot.log, [:], [])
    }

    /// Writes `state.bin` for `snapshot`, the content of the `state.json` that is `source`
    /// (best-effort: without it the JSON is read).
    private func saveSnapshotCache(_ snapshot: Snapshot, source: ContentFingerprint, sortedIDs: [CardID]? = nil) {
        guard cachesWritable, let bytes = SnapshotCache.encode(snapshot, source: source, sortedIDs: sortedIDs) else { return }
        AtomicFile.replaceCache(bytes, at: path(SnapshotCache.file.name))
    }

    /// Warns about copies of the log left by a file-sync tool.
    func noticeConflictCopies() {
        for name in conflictCopies() {
            notices.append(.warning("found '\(name)', a copy of the review log made by a file-sync tool",
                                    at: nil, notes: ["run 'recall merge' to fold its reviews in"]))
        }
    }

    /// Names of `reviews*.jsonl` files other than `reviews.jsonl` in the collection folder.
    public func conflictCopies() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: location.folder)) ?? []
        return names.filter { $0.hasPrefix("reviews") && $0.hasSuffix(".jsonl") && $0 != "reviews.jsonl" }.sorted()
    }
}
