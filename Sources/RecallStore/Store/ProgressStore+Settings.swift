import Foundation
import RecallCore

extension ProgressStore {
    /// Saves `newSettings` to `settings.json` (atomically), recomputes every card from the
    /// log with them (switching scheduler takes effect on the whole history) and rewrites
    /// the snapshot. The caller validates the settings first.
    public func updateSettings(_ newSettings: CollectionSettings) throws(StoreError) {
        guard isWritable, lock != nil else {
            throw StoreError(path: path(SettingsFile.name), reason: "the progress store was opened read-only")
        }
        let (entries, outcome) = try readWholeLog()
        try SettingsFile.save(newSettings, to: path(SettingsFile.name))
        settings = newSettings
        records = replay.replay(renameTable.resolve(entries)).records
        logBytes = outcome.validEnd
        logLines = outcome.lines
        undoStack = []
        snapshotStale = true
        try saveSnapshot()
    }
}
