import Foundation
import RecallCore

extension ProgressStore {
    /// Saves `newSettings` to `settings.json` (atomically), recomputes every card from the
    /// log with them (switching scheduler takes effect on the whole history) and rewrites
    /// the snapshot. The caller validates the settings first.
    ///
    /// With `keepingDueDatesAt`, review cards the new settings would give another due day
    /// stay where they are: one `reschedule` entry each, stamped then, is appended first (see
    /// ``CollectionReplay/entriesKeepingDueDates(before:after:at:device:)``). Returns how
    /// many cards were kept so.
    @discardableResult
    public func updateSettings(_ newSettings: CollectionSettings,
                               keepingDueDatesAt time: Date? = nil) throws(StoreError) -> Int {
        guard isWritable, lock != nil, let writer else {
            throw StoreError(path: path(SettingsFile.name), reason: "the progress store was opened read-only")
        }
        if !writer.isCurrent { try load() }
        var (entries, outcome) = try readWholeLog()
        var resolved = renameTable.resolve(entries)
        let newReplay = CollectionReplay(settings: newSettings,
                                         calendar: StudyCalendar(timeZone: timeZone, dayStartHour: newSettings.dayStartHour))
        var kept = 0
        if let time {
            let pins = newReplay.entriesKeepingDueDates(before: records, after: newReplay.replay(resolved).records,
                                                        at: ReviewSession.stamp(time, after: lastEntryTime()),
                                                        device: device)
            if !pins.isEmpty {
                // Before the settings: a crash in between leaves entries that pin cards where
                // the old settings have them anyway.
                try (self.writer ?? writer).append(pins.map(ReviewLogCodec.normalized), sync: true)
                (entries, outcome) = try readWholeLog()
                resolved = renameTable.resolve(entries)
                kept = pins.count
            }
        }
        try SettingsFile.save(newSettings, to: path(SettingsFile.name))
        settings = newSettings
        records = newReplay.replay(resolved).records
        logBytes = outcome.validEnd
        logLines = outcome.lines
        undoStack = []
        snapshotStale = true
        try saveSnapshot()
        return kept
    }

    /// Saves `newSettings` as ``updateSettings(_:keepingDueDatesAt:)`` does, recording `time`
    /// as when each of the `recall config` keys in `keys` changed (see
    /// ``CollectionSettings/changed``); with `keepingDueDates`, cards already scheduled stay
    /// due where they are.
    @discardableResult
    public func updateSettings(_ newSettings: CollectionSettings, at time: Date, changing keys: [String],
                               keepingDueDates: Bool = false) throws(StoreError) -> Int {
        var stamped = newSettings
        let ms = ReviewLogCodec.date(milliseconds: ReviewLogCodec.milliseconds(time))
        for key in keys { stamped.changed[key] = ms }
        return try updateSettings(stamped, keepingDueDatesAt: keepingDueDates ? time : nil)
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
