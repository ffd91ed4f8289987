import Foundation
import RecallCore

extension ProgressStore {
    /// Starts migrating an older `state.json`: keeps its settings if there is no
    /// `settings.json`. The card states are rebuilt from the log (the snapshot is only a cache).
    func beginMigration(from version: Int, root: JSONValue, bytes: [UInt8]) throws(StoreError) {
        let backup = path("state.json.v\(version).bak")
        if !AtomicFile.exists(path(SettingsFile.name)), let old = root["settings"],
           let salvaged = try? SettingsFile.decode(old, path: path("state.json")) {
            settings = salvaged
        }
        pendingMigration = (version, bytes, backup)
    }

    /// Writes the backup and the salvaged settings once the log has been read without error.
    func finishMigration() throws(StoreError) {
        guard let (version, bytes, backup) = pendingMigration else { return }
        guard isWritable else {
            notices.append(.warning("state.json is from an older version of recall (schema \(version)); it will be migrated the next time progress is written", at: nil))
            return
        }
        if !AtomicFile.exists(backup) { try AtomicFile.write(bytes, to: backup) }
        if !AtomicFile.exists(path(SettingsFile.name)) { try SettingsFile.save(settings, to: path(SettingsFile.name)) }
        pendingMigration = nil
        snapshotStale = true
        notices.append(.warning("state.json was from an older version of recall (schema \(version)); migrated it and kept the old file as '\(backup)'", at: nil))
    }
}
