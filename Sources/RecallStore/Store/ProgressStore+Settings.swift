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

    /// Saves `newSettings` as ``updateSettings(_:)`` does, recording `time` as when each of
    /// the `recall config` keys in `keys` changed (see ``CollectionSettings/changed``).
    public func updateSettings(_ newSettings: CollectionSettings, at time: Date, changing keys: [String]) throws(StoreError) {
        var stamped = newSettings
        let ms = ReviewLogCodec.date(milliseconds: ReviewLogCodec.milliseconds(time))
        for key in keys { stamped.changed[key] = ms }
        try updateSettings(stamped)
    }

    /// Brings the card lists of the deck presets up to date with `cards` (the deck cards): a
    /// writable store whose lists changed saves the settings and recomputes every card with
    /// them, as ``updateSettings(_:)`` does. A read-only store keeps the lists it has.
    /// Returns whether anything changed.
    @discardableResult
    public func refreshDeckPresetCards(_ cards: [Card]) throws(StoreError) -> Bool {
        guard isWritable, lock != nil, !settings.deckPresets.isEmpty else { return false }
        var fresh = settings
        guard fresh.refreshDeckPresetCards(cards) else { return false }
        try updateSettings(fresh)
        return true
    }
}
