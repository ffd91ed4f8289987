import ArgumentParser
import Foundation
import RecallCore
import RecallStore

/// Gathers what `recall stats` needs: the deck cards, the progress store (read-only, so it
/// works while a review session holds the lock) and an annotated replay of the whole log.
enum StatsLoader {
    /// Builds the stats input for `filter`. Problems in progress files print as diagnostics
    /// and exit 1.
    static func load(_ options: CollectionOptions, now: Date, timeZone: TimeZone,
                     filter: StatsFilter = .all) throws -> StatsInput {
        let root = options.decksDirectory()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw options.missingFolder(root)
        }
        // Deck files and the progress store are independent: read the decks on another thread
        // while this one reads the review log.
        let location = StoreLocation(dataDirectory: options.dataDirectory().path,
                                     decksDirectory: root.path)
        let decks = BackgroundDeckLoad(root: root, cacheFolder: location.folder)
        do {
            let store = try ProgressStore.open(location, device: "", timeZone: timeZone, forWriting: false)
            // Edited questions keep their progress here too (in memory; the next writer records them).
            _ = try? store.reconcile(with: decks.result().cards, now: now)
            var input = try input(store: store, cards: { decks.result().cards }, now: now, filter: filter)
            // A deck's true retention is measured against the target its preset gives it.
            if case .deck(let typed) = filter, let deck = OptimizeRun.deckName(typed, among: decks.result().cards) {
                input.desiredRetention = store.settings.settings(forDeck: deck).desiredRetention
            }
            DiagnosticPrinter.standardError().print(decks.result().collectionWarnings)
            return input
        } catch {
            Console.err(error.description + "\n")
            throw ExitCode(1)
        }
    }

    /// The stats input for `store` and `filter`: from `state.json`, the stats caches and the
    /// log's tail when they fit (computing and saving the cache when it is missing or stale),
    /// else from a replay of the whole log. Every way gives the same report.
    ///
    /// For the whole collection the cache's summary of the prefix is enough; a deck or tag
    /// needs the prefix's reviews themselves.
    static func input(store: ProgressStore, cards: () -> [Card], now: Date,
                      filter: StatsFilter = .all) throws(StoreError) -> StatsInput {
        let wholeCollection = filter == .all
        if let base = store.statsBase(summaryOnly: wholeCollection) {
            if let summary = base.cachedSummary {
                if let input = StatsInput(cards: cards(), prefixSummary: summary, latestPrefixTime: base.latestPrefixTime,
                                          base: base.records, tail: base.tail, replay: store.replay, now: now) {
                    return input
                }
            } else {
                var reviews = base.cachedReviews ?? [], latest = base.latestPrefixTime
                if base.cachedReviews == nil {
                    let prefix = try store.statsPrefixEntries()
                    reviews = StatsInput(cards: [], log: prefix, replay: store.replay, now: now,
                                         runJobs: Threads.concurrently).reviews
                    latest = prefix.lazy.map(\.time).max()
                    store.saveStatsCache(reviews, summary: StatsSummary(reviews: reviews, calendar: store.replay.calendar),
                                         latestPrefixTime: latest)
                }
                if let input = StatsInput(cards: cards(), prefixReviews: reviews, latestPrefixTime: latest,
                                          base: base.records, tail: base.tail, replay: store.replay, now: now) {
                    return input
                }
            }
        }
        return StatsInput(cards: cards(), log: try store.loadEntries(), replay: store.replay, now: now,
                          runJobs: Threads.concurrently)
    }

    /// Refuses a deck or tag that no card has (command-line misuse, exit 64).
    static func check(_ filter: StatsFilter, cards: [StatsCard]) throws {
        guard !cards.contains(where: filter.matches) else { return }
        switch filter {
        case .all:
            return
        case .deck(let name):
            let decks = Set(cards.map { $0.deck.components(separatedBy: "::")[0] }).sorted()
            throw CLIError("no deck named '\(name)' in the collection",
                           hint: decks.isEmpty ? "the collection has no cards yet"
                               : "decks: " + decks.joined(separator: ", "), exitCode: 64)
        case .tag(let name):
            throw CLIError("no card is tagged '#\(name)'", exitCode: 64)
        }
    }

    /// How the header and `scope` in JSON name the selection.
    static func scope(_ filter: StatsFilter) -> String {
        switch filter {
        case .all: "all decks"
        case .deck(let name): "deck \(name)"
        case .tag(let name): "tag #\(name)"
        }
    }
}
