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
    /// Writes the plan: deck files (a deck file that exists is extended under a
    /// `# Imported from Anki` heading), media files, then the history, merged into `store`
    /// (which must be open for writing).
    public static func apply(_ plan: AnkiImportPlan, collectionRoot: URL,
                             store: ProgressStore) throws(StoreError) -> AnkiImportResult {
        var result = AnkiImportResult()
        let root = collectionRoot.path
        for file in plan.files {
            let path = root + "/" + file.relativePath
            var text = file.text
            if let old = FileManager.default.contents(atPath: path), let oldText = String(data: old, encoding: .utf8) {
                text = oldText + (oldText.hasSuffix("\n") || oldText.isEmpty ? "" : "\n") + "\n# Imported from Anki\n\n" + text
            }
            try DeckFile.write(text, to: path)
            result.files.append(file.relativePath)
        }
        for media in plan.media { try write(media, root: root, into: &result) }
        guard !plan.entries.isEmpty else { return result }
        let temp = FileManager.default.temporaryDirectory
            .appendingPathComponent("recall-anki-history-\(getpid())-\(UUID().uuidString).jsonl").path
        guard FileManager.default.createFile(atPath: temp, contents: Data(ReviewLogFile.text(plan.entries))) else {
            throw StoreError(path: temp, reason: "cannot write the temporary file '\(temp)'")
        }
        defer { try? FileManager.default.removeItem(atPath: temp) }
        let report = try store.merge(from: temp)
        result.newEntries = report.newEntries
        result.newReviews = report.newReviews
        return result
    }

    private static func write(_ media: AnkiImportPlan.MediaFile, root: String, into result: inout AnkiImportResult) throws(StoreError) {
        let path = root + "/" + media.relativePath
        if let existing = FileManager.default.contents(atPath: path) {
            if existing != media.data { result.mediaConflicts.append(media.relativePath) }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try media.data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw StoreError(path: path, reason: "cannot write '\(path)'")
        }
        result.mediaWritten += 1
    }
}
