import Foundation
import RecallCore
import RecallStore

/// ``StudyData`` on the real files: the deck folder (``CollectionLoader``) and the
/// collection's progress (``ProgressStore``; opened for writing, the lock is held until
/// ``close()``; read-only, for quizzes that record nothing, it works beside a session).
final class StoreStudyData: StudyData {
    let store: ProgressStore
    let decksRoot: URL
    private(set) var cards: [Card]
    /// Problems found in the deck files at the last (re)load.
    private(set) var deckDiagnostics: [Diagnostic]

    /// Edits to card questions recognised at the last (re)load, whose history was carried
    /// to the new card.
    private(set) var carriedEdits: [Diagnostic] = []

    /// Loads the decks under `decksRoot`, opens the progress store (for writing: this
    /// machine's device id comes from the store), and lines the two up, so that a card
    /// whose question was edited keeps its history.
    init(decksRoot: URL, dataDirectory: URL, timeZone: TimeZone, now: Date, forWriting: Bool = true) throws {
        self.decksRoot = decksRoot
        // The deck files and the progress store are independent: parse the decks on another
        // thread while this one reads the snapshot (whole-process time of `recall review`).
        let location = StoreLocation(dataDirectory: dataDirectory.path, decksDirectory: decksRoot.path)
        let decks = BackgroundDeckLoad(root: decksRoot, cacheFolder: location.folder)
        let device: String
        do {
            device = forWriting
                ? try ProgressStore.deviceID(dataDirectory: location.dataDirectory,
                                             environment: ProcessInfo.processInfo.environment)
                : ""
            store = try ProgressStore.open(location, device: device, timeZone: timeZone, forWriting: forWriting)
        } catch {
            _ = decks.result()
            throw error
        }
        let loaded = decks.result()
        cards = loaded.cards
        deckDiagnostics = loaded.diagnostics
        carriedEdits = try store.reconcile(with: cards, now: now).carriedMessages
    }

    var settings: CollectionSettings { store.settings }
    var calendar: StudyCalendar { store.replay.calendar }
    var records: CardRecords { store.records }
    var device: String { store.device }

    func append(_ entry: ReviewLogEntry, flush: Bool) throws {
        try store.append(entry, flush: flush)
    }

    func flush() throws {
        try store.flushLog()
    }

    func history(of card: CardID) -> [ReviewLogEntry] {
        ((try? store.loadEntries()) ?? []).filter { $0.card == card }
    }

    func reloadDecks() throws -> [Diagnostic] {
        let loaded = CollectionLoader.load(root: decksRoot, cache: DeckCache(folder: store.location.folder))
        cards = loaded.cards
        deckDiagnostics = loaded.diagnostics
        carriedEdits = try store.reconcile(with: cards, now: Clock.now()).carriedMessages
        return loaded.diagnostics + carriedEdits
    }

    /// Review-state answers so far on the study day of `now` (see ``ProgressStore/reviews(since:)``).
    func retentionToday(now: Date, of cards: Set<CardID>?) -> (passed: Int, total: Int) {
        let calendar = store.replay.calendar
        let dayStart = calendar.startOfDay(calendar.dayNumber(now))
        var reviews = (try? store.reviews(since: dayStart)) ?? []
        if let cards { reviews = reviews.filter { cards.contains($0.entry.card) } }
        return StoreStudyData.retentionToday(reviews: reviews, calendar: calendar, now: now)
    }

    /// Review-state answers on the study day of `now`, replayed from `entries`.
    static func retentionToday(entries: [ReviewLogEntry], replay: CollectionReplay,
                               now: Date) -> (passed: Int, total: Int) {
        let dayStart = replay.calendar.startOfDay(replay.calendar.dayNumber(now))
        guard entries.contains(where: { $0.time >= dayStart }) else { return (0, 0) }
        return retentionToday(reviews: replay.replay(entries, annotate: true).reviews, calendar: replay.calendar, now: now)
    }

    /// Of `reviews`, those on the study day of `now` given while the card was in review
    /// state, and how many of them passed.
    static func retentionToday(reviews: [ReviewRecord], calendar: StudyCalendar, now: Date) -> (passed: Int, total: Int) {
        let today = calendar.dayNumber(now)
        var passed = 0, total = 0
        for review in reviews where review.stateBefore.state == .review && calendar.dayNumber(review.entry.time) == today {
            total += 1
            if review.entry.rating?.isSuccess == true { passed += 1 }
        }
        return (passed, total)
    }

    func close() throws {
        try store.close()
    }

    func searchContext(for query: SearchQuery, now: Date) -> SearchContext {
        let calendar = store.replay.calendar
        var history: SearchHistory?
        if let days = query.ratedDays {
            let since = calendar.startOfDay(calendar.dayNumber(now) - days + 1)
            history = SearchHistory(entries: (try? store.recentEntries(since: since)) ?? [], calendar: calendar)
        }
        var context = SearchContext(now: now, replay: store.replay, history: history)
        if query.usesAdded {
            context.firstSeen = store.firstSeen(cards, now: now).mapValues { calendar.dayNumber($0) }
        }
        return context
    }
}
