import Foundation
import RecallCore

/// What the REPL needs from a collection and its progress: the cards, their states, and a
/// durable log to append to. The real one sits on the store (``StoreStudyData``); tests use
/// an in-memory one.
protocol StudyData: AnyObject {
    /// Every card of the collection, in deck order.
    var cards: [Card] { get }
    var settings: CollectionSettings { get }
    var calendar: StudyCalendar { get }
    /// Card states replayed from the log, including every appended entry.
    var records: CardRecords { get }
    /// Written into every log entry.
    var device: String { get }
    /// The collection folder (deck files' `source.file` paths are relative to it).
    var decksRoot: URL { get }
    /// Appends `entry` to the review log and folds it into ``records``. With `flush`, it is
    /// on disk (fsync'ed) before this returns; without, it is written (a crash of Recall
    /// cannot lose it) and ``flush()`` makes it durable later. Throws if it could not be
    /// written or flushed.
    func append(_ entry: ReviewLogEntry, flush: Bool) throws
    /// Makes every appended entry durable (fsync); does nothing when they already are.
    func flush() throws
    /// The log entries of one card, oldest first (for `:info`).
    func history(of card: CardID) -> [ReviewLogEntry]
    /// Reads the deck files again (after `:edit`); returns their diagnostics.
    func reloadDecks() throws -> [Diagnostic]
    /// Answers given today (study day of `now`) to cards of `cards` (every card when `nil`)
    /// that were in review state: how many passed and how many in all.
    func retentionToday(now: Date, of cards: Set<CardID>?) -> (passed: Int, total: Int)
    /// Saves whatever cache the store keeps (the snapshot) and releases the collection.
    func close() throws
    /// What `query` is evaluated against at `now`: recent answers when it has `rated:`,
    /// first-seen days when it has `added:`.
    func searchContext(for query: SearchQuery, now: Date) -> SearchContext
}

extension StudyData {
    /// The replay engine for this collection's settings.
    var replay: CollectionReplay { CollectionReplay(settings: settings, calendar: calendar) }

    /// Deck names (every level: `A`, `A::B`), sorted.
    var deckNames: [String] {
        var names = Set<String>()
        for card in cards {
            var parts = card.deck.components(separatedBy: "::")
            while !parts.isEmpty {
                names.insert(parts.joined(separator: "::"))
                parts.removeLast()
            }
        }
        return names.sorted()
    }

    /// Every tag used, sorted.
    var tagNames: [String] { Set(cards.flatMap(\.tags)).sorted() }
}
