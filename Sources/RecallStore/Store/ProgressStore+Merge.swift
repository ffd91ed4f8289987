import Foundation
import RecallCore

/// What `recall merge` did.
public struct MergeReport: Equatable, Sendable {
    /// The review logs read, as given or found.
    public var sources: [String]
    /// Entries that were in the other log(s) but not in this one.
    public var newEntries: Int
    /// How many of those were reviews (not undo, suspend, …).
    public var newReviews: Int
    public var newRenames: Int
    /// Entries in the merged log.
    public var totalEntries: Int
    /// Warnings about the other files (a torn last line, …).
    public var warnings: [Diagnostic]
    /// Sync-conflict copies deleted after their entries were merged.
    public var removed: [String]
}

/// A merge read and worked out but not written yet: what it would add, and which cards the
/// other log(s) hold entries for, so the caller can check them against its decks first.
public struct MergePlan: Sendable {
    /// What applying the plan does (``MergeReport/removed`` is filled in by applying).
    public var report: MergeReport
    /// The distinct cards the other log(s) have entries for, each followed through the
    /// renames of both sides to its newest id.
    public var incomingCards: Set<CardID>
    fileprivate var entries: [ReviewLogEntry]
    fileprivate var renames: [CardRename]
    fileprivate var sources: [MergeSource]
    /// Whether applying deletes the sources (sync-conflict copies).
    fileprivate var removesSources: Bool
}

extension ProgressStore {
    /// Merges another collection's progress into this one: `other` is a data folder, a
    /// collection folder or a review-log file. The union of both logs (identical entries
    /// once, sorted by ``ReviewLogEntry/order(_:_:)``) replaces this log atomically, the
    /// renames are merged the same way, and the snapshot is rebuilt. The other files are
    /// only read. Merging is idempotent and commutative: both sides end up byte-identical.
    ///
    /// Lines of the other log timed before 1990 or more than a day after `now` (after 2200
    /// without a `now`) are refused with their `file:line`, like any other bad line (nothing
    /// is merged then).
    public func merge(from other: String, now: Date? = nil) throws(StoreError) -> MergeReport {
        try apply(planMerge(from: other, now: now))
    }

    /// Merges every sync-conflict copy (`reviews*.jsonl`, `renames*.jsonl` besides the real
    /// ones) in the collection folder, then deletes them.
    public func mergeConflictCopies(now: Date? = nil) throws(StoreError) -> MergeReport {
        try apply(planMergeOfConflictCopies(now: now))
    }

    /// Reads `other` (as ``merge(from:now:)`` takes it) and works out the merge without
    /// writing; works on a store opened read-only.
    public func planMerge(from other: String, now: Date? = nil) throws(StoreError) -> MergePlan {
        let source = try MergeSource.resolve(other, collection: location.collection, ownLog: logPath)
        return try plan([source], removesSources: false, now: now)
    }

    /// Works out the merge of the sync-conflict copies without writing or deleting anything.
    public func planMergeOfConflictCopies(now: Date? = nil) throws(StoreError) -> MergePlan {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: location.folder)) ?? []
        let renameCopies = names.filter { $0.hasPrefix("renames") && $0.hasSuffix(".jsonl") && $0 != RenameLog.name }
        var sources = conflictCopies().map { MergeSource(log: path($0), renames: nil) }
        sources += renameCopies.sorted().map { MergeSource(log: nil, renames: path($0)) }
        return try plan(sources, removesSources: true, now: now)
    }

    /// Writes a planned merge (and deletes merged sync-conflict copies).
    public func apply(_ plan: MergePlan) throws(StoreError) -> MergeReport {
        guard isWritable, lock != nil else { throw StoreError(path: logPath, reason: "the progress store was opened read-only") }
        try writeMerged(plan.entries, renames: plan.renames)
        var report = plan.report
        guard plan.removesSources else { return report }
        for s in plan.sources {
            for p in [s.log, s.renames].compactMap({ $0 }) where unlink(p) == 0 { report.removed.append(p) }
        }
        if !report.removed.isEmpty { try AtomicFile.syncFolder(location.folder) }
        return report
    }

    private func plan(_ sources: [MergeSource], removesSources: Bool, now: Date?) throws(StoreError) -> MergePlan {
        let latest = now.map { min(ReviewLogCodec.latestTime, ReviewLogCodec.milliseconds($0)) + 86_400_000 }
            ?? ReviewLogCodec.latestTime
        let ours = try readWholeLog().entries
        var report = MergeReport(sources: sources.compactMap { $0.log ?? $0.renames }, newEntries: 0, newReviews: 0,
                                 newRenames: 0, totalEntries: 0, warnings: [], removed: [])
        var merged = sortedUnique(ours)
        var mergedRenames = renames
        var incoming = Set<CardID>()
        for source in sources {
            if let log = source.log {
                var theirs: [ReviewLogEntry] = []
                guard let map = try MappedFile(path: log) else { throw StoreError(path: log, reason: "cannot find '\(log)'") }
                let outcome = try ReviewLogReader.read(map.bytes, path: log, latestTime: latest) { theirs.append($0) }
                if let w = outcome.warning { report.warnings.append(w) }
                incoming.formUnion(theirs.lazy.map(\.card))
                let (union, added) = union(merged, sortedUnique(theirs))
                merged = union
                report.newEntries += added.count
                report.newReviews += added.filter { $0.event == .review }.count
            }
            if let r = source.renames {
                let before = Set(mergedRenames)
                let theirs = try RenameLog.load(r).renames
                report.newRenames += Set(theirs).subtracting(before).count
                mergedRenames += theirs
            }
        }
        report.totalEntries = merged.count
        return MergePlan(report: report, incomingCards: Self.newestIDs(incoming, renames: mergedRenames),
                         entries: merged, renames: mergedRenames, sources: sources, removesSources: removesSources)
    }

    /// Each of `cards` followed through `renames` (an edited card's old id to its new one).
    private static func newestIDs(_ cards: Set<CardID>, renames: [CardRename]) -> Set<CardID> {
        guard !renames.isEmpty else { return cards }
        var next: [CardID: CardID] = [:]
        for r in renames.sorted(by: { $0.time < $1.time }) { next[r.from] = r.to }
        return Set(cards.map { card in
            var id = card
            var steps = 0
            while let to = next[id], to != id, steps < next.count { id = to; steps += 1 }
            return id
        })
    }

    /// Writes the merged files (only those whose bytes change) and reloads from them.
    private func writeMerged(_ entries: [ReviewLogEntry], renames merged: [CardRename]) throws(StoreError) {
        var text: [UInt8] = []
        text.reserveCapacity(entries.count * 110)
        for e in entries { ReviewLogCodec.encode(e, into: &text) }
        if try AtomicFile.read(logPath) != text { try AtomicFile.write(text, to: logPath) }
        let renameText = RenameLog.text(merged)
        let renamePath = path(RenameLog.name)
        if (try AtomicFile.read(renamePath) ?? []) != renameText, !(renameText.isEmpty && !AtomicFile.exists(renamePath)) {
            try AtomicFile.write(renameText, to: renamePath)
        }
        writer = nil
        try load()
        notices.removeAll()
        try saveSnapshotIfNeeded()
    }

    private func sortedUnique(_ entries: [ReviewLogEntry]) -> [ReviewLogEntry] {
        var sorted = entries.sorted(by: ReviewLogEntry.order)
        var out = 0
        for i in sorted.indices where i == 0 || sorted[i] != sorted[out - 1] {
            sorted[out] = sorted[i]
            out += 1
        }
        sorted.removeLast(sorted.count - out)
        return sorted
    }

    /// The sorted union of two sorted, duplicate-free lists, and what `b` added to `a`.
    private func union(_ a: [ReviewLogEntry], _ b: [ReviewLogEntry]) -> ([ReviewLogEntry], [ReviewLogEntry]) {
        var out: [ReviewLogEntry] = []
        out.reserveCapacity(a.count + b.count)
        var added: [ReviewLogEntry] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && ReviewLogEntry.order(a[i], b[j])) {
                out.append(a[i]); i += 1
            } else if i == a.count || ReviewLogEntry.order(b[j], a[i]) {
                out.append(b[j]); added.append(b[j]); j += 1
            } else {
                out.append(a[i]); i += 1; j += 1
            }
        }
        return (out, added)
    }
}

/// The files `recall merge OTHER` reads.
struct MergeSource: Sendable {
    var log: String?
    var renames: String?

    /// Finds the review log (and renames) for a data folder, collection folder or log file.
    static func resolve(_ other: String, collection: String, ownLog: String) throws(StoreError) -> MergeSource {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: other, isDirectory: &isFolder) else {
            throw StoreError(path: other, reason: "cannot find '\(other)'",
                             notes: ["give another data folder, a collection folder or a reviews.jsonl file"])
        }
        let source: MergeSource
        if !isFolder.boolValue {
            let sibling = AtomicFile.parentFolder(of: other) + "/" + RenameLog.name
            let isLog = other.hasSuffix("/reviews.jsonl") || other == "reviews.jsonl"
            source = MergeSource(log: other, renames: isLog && AtomicFile.exists(sibling) ? sibling : nil)
        } else if let folder = collectionFolder(in: other, collection: collection) {
            let renames = "\(folder)/\(RenameLog.name)"
            source = MergeSource(log: "\(folder)/reviews.jsonl", renames: AtomicFile.exists(renames) ? renames : nil)
        } else {
            throw StoreError(path: other, reason: "found no review log in '\(other)'",
                             notes: ["give another data folder, a collection folder or a reviews.jsonl file"])
        }
        if let log = source.log, let a = FileIdentity.of(path: log), let b = FileIdentity.of(path: ownLog),
           a.device == b.device, a.inode == b.inode {
            throw StoreError(path: other, reason: "'\(other)' is this collection's own review log")
        }
        return source
    }

    private static func collectionFolder(in folder: String, collection: String) -> String? {
        if AtomicFile.exists("\(folder)/reviews.jsonl") { return folder }
        let synced = StoreLocation.syncFolder(forDecks: folder)
        if AtomicFile.exists("\(synced)/reviews.jsonl") { return synced }
        let named = "\(folder)/collections/\(collection)"
        if AtomicFile.exists("\(named)/reviews.jsonl") { return named }
        let all = (try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/collections")) ?? []
        let withLogs = all.filter { AtomicFile.exists("\(folder)/collections/\($0)/reviews.jsonl") }
        return withLogs.count == 1 ? "\(folder)/collections/\(withLogs[0])" : nil
    }
}

extension ProgressStore {
    /// Reads the progress files again after another program replaced them while this store
    /// held the lock (git, during `recall sync`), and rewrites the snapshot if it no longer
    /// fits. The rebuild is expected, so it adds no notice.
    public func reloadReplacedFiles() throws(StoreError) {
        guard isWritable, lock != nil else { throw StoreError(path: logPath, reason: "the progress store was opened read-only") }
        writer = nil
        try load()
        notices.removeAll()
        try saveSnapshotIfNeeded()
    }
}
