import Foundation
import RecallCore

/// One collection's progress: settings, every card's state, and the review log behind them.
///
/// Open it with ``open(_:device:timeZone:forWriting:)``. A writable store holds the
/// collection's lock until ``close()`` (or until the process ends); a read-only one writes
/// nothing but the stats cache (``saveStatsCache(_:summary:latestPrefixTime:)``). Card states come from the snapshot plus a replay of the log tail;
/// ``append(_:)`` writes an entry durably and updates ``records`` incrementally.
public final class ProgressStore {
    public let location: StoreLocation
    /// This machine's id, written into every entry it appends.
    public let device: String
    /// The time zone study days are counted in.
    public let timeZone: TimeZone
    public let isWritable: Bool
    public internal(set) var settings: CollectionSettings
    /// Every card with a history, by its current id. Cards without one are new.
    public internal(set) var records: CardRecords
    /// Warnings and notices to show the user (torn last line, snapshot rebuilt, …).
    public internal(set) var notices: [Diagnostic] = []

    var lock: CollectionLock?
    /// False when the collection folder leads out of the data folder through a link (see
    /// ``checkNoLinksOut()``): a read-only store then writes no cache either.
    var cachesWritable = true
    var writer: ReviewLogWriter?
    /// How much of the log ``records`` include (`head`/`tail` hashes not kept here).
    var logBytes = 0
    var logLines = 0
    var renames: [CardRename] = []
    var renameTable = RenameTable([])
    var renameCoverage = FileCoverage.empty
    var catalogDigest: UInt64 = 0
    /// Records differ from what `state.json` and the log after it give: the snapshot must be
    /// rewritten before the store closes (a rebuild, a reconciliation, new settings, an undo).
    var snapshotStale = false
    /// Log lines that `state.json` does not cover. They are replayed at each opening, so the
    /// snapshot is rewritten only once there are more than ``snapshotLag`` of them (a study
    /// session's answers alone do not rewrite the whole snapshot, which grows with the
    /// collection, at every exit).
    var linesSinceSnapshot = 0
    /// For undo right after a review: the card's record before each review appended here.
    var undoStack: [(card: CardID, time: Date, before: CardRecord?)] = []
    /// An older `state.json` waiting to be backed up once the log has been read.
    var pendingMigration: (version: Int, bytes: [UInt8], backup: String)?
    /// Read-only stores: the snapshot's records and coverage and the log tail after it
    /// (ids as written), when the snapshot fitted; what `recall stats` starts from.
    var snapshotBase: (records: CardRecords, log: FileCoverage, tail: [ReviewLogEntry])?
    /// A writable store's log since the snapshot it started from (when that snapshot fit):
    /// the snapshot's log coverage, the records of the cards changed since, as they were
    /// before their first change (nil inside: the card had none), and the entries since, in
    /// log order. Rewriting the snapshot then extends the stats cache's summary with just
    /// these entries instead of leaving it to be rebuilt from the whole log, and
    /// ``reviews(since:)`` replays today's cards from here.
    var statsTrail: (log: FileCoverage, before: [CardID: CardRecord?], entries: [ReviewLogEntry])?

    init(location: StoreLocation, device: String, timeZone: TimeZone, writable: Bool) {
        self.location = location
        self.device = device
        self.timeZone = timeZone
        self.isWritable = writable
        settings = CollectionSettings()
        records = [:]
    }

    /// Opens the collection at `location`.
    ///
    /// With `forWriting`, takes the lock (or throws at once naming the holder's pid) and
    /// creates the folder. Throws for a malformed log line (nothing is changed then) or a
    /// snapshot or settings file from a newer Recall.
    public static func open(_ location: StoreLocation, device: String, timeZone: TimeZone,
                            forWriting: Bool) throws(StoreError) -> ProgressStore {
        let store = ProgressStore(location: location, device: device, timeZone: timeZone, writable: forWriting)
        if forWriting {
            try store.checkNoLinksOut()
            try AtomicFile.makeFolders(location.folder)
            store.lock = try CollectionLock(path: store.path("lock"))
            store.removeLeftoverTempFiles()
        }
        store.cachesWritable = (try? store.checkNoLinksOut()) != nil
        try store.load()
        store.noticeConflictCopies()
        return store
    }

    /// Refuses to write when the collection folder, or anything in it, is a symbolic link
    /// out of the data folder (the decks folder, when synced): the log, the snapshot, the
    /// settings and the lock would be written wherever it leads.
    func checkNoLinksOut() throws(StoreError) {
        let data = location.boundary
        try CollectionBoundary.checkWrite(to: location.folder, inside: data)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: location.folder)) ?? []
        for name in names.sorted() { try CollectionBoundary.checkWrite(to: path(name), inside: data) }
    }

    /// Deletes `*.tmp-PID` files left by a writer killed mid-replace (safe: we hold the lock).
    func removeLeftoverTempFiles() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: location.folder)) ?? []
        for name in names where name.contains(".tmp-") { unlink(path(name)) }
    }

    /// The path of `name` inside the collection folder.
    public func path(_ name: String) -> String { "\(location.folder)/\(name)" }

    var logPath: String { path("reviews.jsonl") }

    /// The scheduler replay for the current settings and time zone.
    public var replay: CollectionReplay {
        CollectionReplay(settings: settings,
                         calendar: StudyCalendar(timeZone: timeZone, dayStartHour: settings.dayStartHour))
    }

    /// Appends `entry` to the log (one write, then fsync unless `flush` is false: then
    /// ``flushLog()``, ``close()`` or the next flushed append makes it durable) and updates
    /// ``records``.
    ///
    /// Times are rounded to whole milliseconds as the log stores them; the stored entry is
    /// returned. `becameLeech` is true when this review made the card a leech.
    @discardableResult
    public func append(_ entry: ReviewLogEntry, flush: Bool = true) throws(StoreError) -> (entry: ReviewLogEntry, becameLeech: Bool) {
        guard isWritable, let writer else {
            throw StoreError(path: logPath, reason: "the progress store was opened read-only")
        }
        if !writer.isCurrent {
            try load()  // replaced or grown behind our back (a sync tool): start from what is there
        }
        let e = ReviewLogCodec.normalized(entry)
        try (self.writer ?? writer).append([e], sync: flush)
        logBytes = (self.writer ?? writer).size
        logLines += 1
        linesSinceSnapshot += 1
        // An undo in the log after the snapshot may take back a review the snapshot already
        // counts, which the next opening could only redo by replaying the whole log.
        if e.event == .undo { snapshotStale = true }
        return (e, apply(e))
    }

    /// Appends `entries` (none of them an undo) with one write and one fsync, and folds
    /// them into ``records``: how `recall cards` records an action on many cards at once.
    /// Returns the entries as stored (times rounded to whole milliseconds).
    @discardableResult
    public func append(contentsOf entries: [ReviewLogEntry]) throws(StoreError) -> [ReviewLogEntry] {
        guard isWritable, let writer else {
            throw StoreError(path: logPath, reason: "the progress store was opened read-only")
        }
        guard !entries.isEmpty else { return [] }
        if !writer.isCurrent { try load() }
        let stored = entries.map(ReviewLogCodec.normalized)
        let current = self.writer ?? writer
        try current.append(stored, sync: true)
        logBytes = current.size
        logLines += stored.count
        linesSinceSnapshot += stored.count
        for e in stored { _ = apply(e) }
        return stored
    }

    /// Appends undo entries that take back moves of due dates (see ``DueMoveUndo``) with one
    /// write and one fsync, then recomputes every card from the whole log.
    public func appendUndos(_ entries: [ReviewLogEntry]) throws(StoreError) {
        guard isWritable, let writer else {
            throw StoreError(path: logPath, reason: "the progress store was opened read-only")
        }
        guard !entries.isEmpty else { return }
        if !writer.isCurrent { try load() }
        let current = self.writer ?? writer
        try current.append(entries.map(ReviewLogCodec.normalized), sync: true)
        let (all, outcome) = try readWholeLog()
        records = replay.replay(renameTable.resolve(all)).records
        logBytes = outcome.validEnd
        logLines = outcome.lines
        linesSinceSnapshot += entries.count
        undoStack = []
        statsTrail = nil
        snapshotStale = true
    }

    /// Folds one just-appended entry into ``records``.
    private func apply(_ e: ReviewLogEntry) -> Bool {
        if e.event == .undo {
            statsTrail = nil  // the stats cache cannot take an undo back; it is rebuilt later
            if let i = undoStack.lastIndex(where: { $0.card == e.card && $0.time == (e.target ?? e.time) }) {
                records[e.card] = undoStack[i].before
                undoStack.remove(at: i)
            } else {
                recomputeCard(e.card)
            }
            return false
        }
        noteForStats(e)
        if e.event == .review { undoStack.append((e.card, e.time, records[e.card])) }
        var record = records[e.card] ?? CardRecord(schedule: replay.scheduler.newCard(createdAt: e.time))
        let leech = replay.fold(e, into: &record)
        records[e.card] = record
        return leech
    }

    /// Rebuilds one card's record from the whole log (slow; only for unusual undos).
    private func recomputeCard(_ card: CardID) {
        guard let all = try? readWholeLog().entries else { return }
        let mine = renameTable.resolve(all).filter { $0.card == card }
        records[card] = replay.replay(mine).records[card]
    }

    /// Makes every entry appended without `flush` durable (fsync); nothing to do otherwise.
    public func flushLog() throws(StoreError) {
        try writer?.sync()
    }

    /// Writes `state.json` if the records differ from what it and the log after it give, or
    /// when it has fallen more than ``snapshotLag`` log lines behind.
    public func saveSnapshotIfNeeded() throws(StoreError) {
        if snapshotStale || linesSinceSnapshot > Self.snapshotLag { try saveSnapshot() }
    }

    /// Releases the lock after saving the snapshot if needed (see ``saveSnapshotIfNeeded()``).
    /// The store is read-only after.
    public func close() throws(StoreError) {
        defer {
            writer = nil
            lock?.release()
            lock = nil
        }
        guard isWritable, lock != nil else { return }
        try flushLog()
        try saveSnapshotIfNeeded()
    }

    /// Every log entry in file order, with card ids resolved through renames (for stats,
    /// the optimizer and a card's history). Reads the whole log; for the reviews of the last
    /// hours, ``reviews(since:)`` reads only the end of it.
    public func loadEntries() throws(StoreError) -> [ReviewLogEntry] {
        renameTable.resolve(try readWholeLog().entries)
    }
}
