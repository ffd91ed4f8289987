import Foundation
import RecallCore
import RecallStore

/// What ``AnkiImporter/apply(_:collectionRoot:store:)`` wrote.
public struct AnkiImportResult: Sendable, Equatable {
    /// Deck files created or extended, relative to the collection.
    public var files: [String] = []
    /// Media files written (ones already there with the same bytes are not counted).
    public var mediaWritten = 0
    /// Review-log entries new to the log, and how many of them are reviews.
    public var newEntries = 0
    public var newReviews = 0
    /// Media files kept as they were because a different file of that name was already there.
    public var mediaConflicts: [String] = []
}

extension AnkiImporter {
    /// Writes the plan: the history, merged into `store` (which must be open for writing),
    /// then deck files (a deck file that exists is extended under a `# Imported from Anki`
    /// heading) and media files. Nothing is written when ``check(_:collectionRoot:shownRoot:)``
    /// finds a problem; its first one is thrown.
    public static func apply(_ plan: AnkiImportPlan, collectionRoot: URL,
                             store: ProgressStore) throws(StoreError) -> AnkiImportResult {
        let root = collectionRoot.path
        if let problem = check(plan, collectionRoot: collectionRoot, shownRoot: root).first {
            throw StoreError(path: problem.location?.file ?? root, line: problem.location?.line,
                             reason: problem.message, notes: problem.notes)
        }
        var result = AnkiImportResult()
        try mergeHistory(plan, store: store, root: root, into: &result)
        for file in plan.files {
            let path = root + "/" + file.relativePath
            var bytes: [UInt8] = []
            if case .success(let old) = DeckFile.read(path: path, displayPath: file.relativePath), !old.isEmpty {
                bytes = old
                if old.last != 0x0A { bytes.append(0x0A) }
                bytes += Array("\n# Imported from Anki\n\n".utf8)
            }
            bytes += Array(file.text.utf8)
            try DeckFile.write(bytes: bytes, to: path)
            result.files.append(file.relativePath)
        }
        for media in plan.media { try write(media, root: root, into: &result) }
        return result
    }

    /// Merges the plan's review-log entries through a file in the plan's private folder; a
    /// failure names the package's history, not that file.
    private static func mergeHistory(_ plan: AnkiImportPlan, store: ProgressStore, root: String,
                                     into result: inout AnkiImportResult) throws(StoreError) {
        guard !plan.entries.isEmpty else { return }
        let entries = leavingOutKnownReviews(plan.entries, existing: try store.loadEntries())
        guard !entries.isEmpty else { return }
        var staging: AnkiStaging
        if let existing = plan.staging {
            staging = existing
        } else {
            do throws(AnkiImportError) { staging = try AnkiStaging() } catch {
                throw StoreError(path: root, reason: error.message, notes: error.hint.map { [$0] } ?? [])
            }
        }
        let temp = staging.path + "/history.jsonl"
        guard FileManager.default.createFile(atPath: temp, contents: Data(ReviewLogFile.text(entries)),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw StoreError(path: root, reason: "cannot add the package's review history: the temporary folder cannot be written",
                             notes: ["set TMPDIR to a folder with free space that you can write to"])
        }
        defer { try? FileManager.default.removeItem(atPath: temp) }
        do {
            let report = try store.merge(from: temp)
            result.newEntries = report.newEntries
            result.newReviews = report.newReviews
        } catch {
            guard error.path == temp else { throw error }
            throw StoreError(path: root, reason: "cannot add the package's review history: "
                             + error.reason.replacingOccurrences(of: temp, with: "the package's history"))
        }
    }

    /// `entries` without the reviews the log already has under another device: a package
    /// `recall export --apkg` made (or Anki's export of one) carries this collection's own
    /// answers, which must not count twice. A review is known when the log has one of the
    /// same card and rating within a second (Anki's unique review ids may move a time by a
    /// millisecond or so).
    static func leavingOutKnownReviews(_ entries: [ReviewLogEntry], existing: [ReviewLogEntry]) -> [ReviewLogEntry] {
        var known: [CardID: [(Date, Rating?)]] = [:]
        for e in existing where e.event == .review { known[e.card, default: []].append((e.time, e.rating)) }
        guard !known.isEmpty else { return entries }
        return entries.filter { entry in
            guard entry.event == .review, let mine = known[entry.card] else { return true }
            return !mine.contains { abs($0.0.timeIntervalSince(entry.time)) < 1 && $0.1 == entry.rating }
        }
    }

    private static func write(_ media: AnkiImportPlan.MediaFile, root: String, into result: inout AnkiImportResult) throws(StoreError) {
        let path = root + "/" + media.relativePath
        if FileManager.default.fileExists(atPath: path) {
            if !FileManager.default.contentsEqual(atPath: path, andPath: media.stagedPath) {
                result.mediaConflicts.append(media.relativePath)
            }
            return
        }
        // Copied next to its place, then renamed into it: never half a file under its name.
        let temp = path + ".recall-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try copy(media.stagedPath, to: temp)
            guard rename(temp, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw StoreError(path: path, reason: "cannot write '\(path)'")
        }
        result.mediaWritten += 1
    }

    /// Copies a file in chunks; the copy gets the permissions of a new file (the umask's).
    private static func copy(_ source: String, to target: String) throws {
        guard let input = FileHandle(forReadingAtPath: source),
              FileManager.default.createFile(atPath: target, contents: nil),
              let output = FileHandle(forWritingAtPath: target) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? input.close(); try? output.close() }
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try output.write(contentsOf: chunk) }
        try output.synchronize()
    }
}
