import Foundation
import RecallCore

/// Where `recall stats` can start instead of replaying the whole log: the card records at
/// the end of the part of the log that `state.json` covers (the prefix), the entries after
/// it, and the prefix's reviews summed up (`stats-summary.bin`) or annotated one by one
/// (`stats-reviews.bin`) when those files fit.
public struct StatsBase: Sendable {
    /// Every card with a history at the end of the prefix (the snapshot's records).
    public var records: CardRecords
    /// The log entries after the prefix, in file order, ids resolved through renames.
    public var tail: [ReviewLogEntry]
    /// The prefix's reviews from the stats cache; nil when there is no fitting cache or they
    /// were not asked for.
    public var cachedReviews: [StatsReview]?
    /// The prefix's reviews summed up, from the stats cache, when only that was asked for;
    /// nil otherwise or when there is no fitting cache.
    public var cachedSummary: StatsSummary?
    /// The latest entry time in the prefix (from the cache; nil when the prefix is empty).
    public var latestPrefixTime: Date?
}

extension ProgressStore {
    /// The stats starting point, or nil when the store was opened for writing or
    /// `state.json` was missing or did not fit the log, settings, renames or time zone.
    ///
    /// - Parameter summaryOnly: read only the cache's summary (enough for stats of the whole
    ///   collection) instead of its reviews (needed for one deck or tag).
    public func statsBase(summaryOnly: Bool = false) -> StatsBase? {
        guard let base = snapshotBase else { return nil }
        var result = StatsBase(records: base.records, tail: renameTable.resolve(base.tail))
        let key = statsCacheKey(base.log)
        if summaryOnly {
            if let map = try? MappedFile(path: path(StatsSummaryCache.file.name)),
               let cached = StatsSummaryCache.decode(map.bytes, key: key) {
                result.cachedSummary = cached.summary
                result.latestPrefixTime = cached.latest
            }
        } else if let map = try? MappedFile(path: path(StatsReviewsCache.file.name)),
                  let cached = StatsReviewsCache.decode(map.bytes, key: key) {
            result.cachedReviews = cached.reviews
            result.latestPrefixTime = cached.latest
        }
        return result
    }

    /// The entries of the prefix that ``statsBase()`` starts after, ids resolved through
    /// renames (reads that part of the log). Empty when there is no stats base.
    public func statsPrefixEntries() throws(StoreError) -> [ReviewLogEntry] {
        guard let base = snapshotBase, let map = try MappedFile(path: logPath) else { return [] }
        var entries: [ReviewLogEntry] = []
        entries.reserveCapacity(base.log.lines)
        _ = try ReviewLogReader.read(map.bytes, from: 0, to: min(base.log.bytes, map.bytes.count),
                                     linesBefore: 0, path: logPath) { entries.append($0) }
        return renameTable.resolve(entries)
    }

    /// Writes `stats-reviews.bin` for the prefix's `reviews` and `stats-summary.bin` for
    /// their `summary`. Best effort: a file that cannot be written is simply recomputed next
    /// time.
    public func saveStatsCache(_ reviews: [StatsReview], summary: StatsSummary, latestPrefixTime: Date?) {
        guard cachesWritable, let base = snapshotBase else { return }
        let key = statsCacheKey(base.log)
        if let payload = StatsReviewsCache.payload(reviews, latest: latestPrefixTime) {
            StatsReviewsCache.file.save(key: key, payload: payload, folder: location.folder)
        }
        StatsSummaryCache.file.save(key: key, payload: StatsSummaryCache.payload(summary, latest: latestPrefixTime),
                                    folder: location.folder)
        // The single file that held both before they were split.
        try? FileManager.default.removeItem(atPath: path("stats-cache.bin"))
    }

    /// Notes an entry about to be folded into ``records`` (a writable store's
    /// ``statsTrail``): the card's record before its first change, and the entry.
    func noteForStats(_ entry: ReviewLogEntry) {
        guard statsTrail != nil else { return }
        if statsTrail?.before[entry.card] == nil { statsTrail?.before[entry.card] = .some(records[entry.card]) }
        statsTrail?.entries.append(entry)
    }

    /// After the snapshot was rewritten to cover the log up to `log`: when the stats cache
    /// fitted the previous snapshot, adds the entries since to its summary and saves it for
    /// the new one (`stats-reviews.bin` no longer fits: one deck's stats rebuild it). Best
    /// effort; otherwise the next `recall stats` rebuilds the cache from the whole log.
    func extendStatsCache(to log: FileCoverage) {
        guard let trail = statsTrail, trail.log != log else { return }
        let before: [CardID: CardRecord] = trail.before.compactMapValues { $0 }
        guard let map = try? MappedFile(path: path(StatsSummaryCache.file.name)),
              let cached = StatsSummaryCache.decode(map.bytes, key: statsCacheKey(trail.log)),
              let (summary, latest) = cached.summary.extended(with: trail.entries, base: CardRecords(before),
                                                              replay: replay, latestPrefixTime: cached.latest)
        else { return }
        guard cachesWritable else { return }
        StatsSummaryCache.file.save(key: statsCacheKey(log), payload: StatsSummaryCache.payload(summary, latest: latest),
                                    folder: location.folder)
    }

    /// What the cached reviews depend on: the log prefix and renames they were computed
    /// from, the settings, the time zone and the scheduler's version.
    private func statsCacheKey(_ log: FileCoverage) -> [UInt8] {
        var key = Array("log \(log.bytes) \(log.lines) \(hex16(log.head)) \(hex16(log.tail))\n".utf8)
        let r = renameCoverage
        key += Array("renames \(r.bytes) \(r.lines) \(hex16(r.head)) \(hex16(r.tail))\n".utf8)
        key += Array("zone \(timeZone.identifier)\nscheduler \(Scheduler.version)\nsettings ".utf8)
        key += canonicalSettings
        return key
    }
}
