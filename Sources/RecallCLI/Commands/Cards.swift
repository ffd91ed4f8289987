import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall cards [QUERY…]`: find cards with a search query, list them, or act on them.
    struct Cards: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cards",
            abstract: "Find cards with a search query; list, suspend, bury, forget or reschedule them.",
            discussion: """
                The query is Anki's search syntax (docs/search.md): words and "phrases", \
                deck:NAME, tag:NAME or #NAME, file:PATH, is:new|learn|review|due|suspended|\
                buried|leech|overdue, prop:ivl|due|s|d|r|lapses|reps with = != < <= > >=, \
                rated:N[:GRADE], introduced:N, added:N; terms side by side must all match, \
                OR, -TERM and ( ) as in Anki. Actions are written to the review log, so they \
                merge between devices; more than 50 cards asks first at a terminal.

                Examples:
                  recall cards is:due deck:Swift
                  recall cards 'prop:r<0.8' --sort r --limit 20
                  recall cards is:suspended --unsuspend
                  recall cards --ids is:leech | xargs recall cards --forget
                  recall cards deck:Geography --set-due 3..7 --dry-run
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var options: CardsOptions
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let query: SearchQuery
            do {
                query = try SearchParser.parse(options.queryText)
            } catch {
                throw CLIError(error.rendered(query: options.queryText), hint: error.hint, exitCode: 64)
            }
            let search = try CardSearch.open(collection, writing: options.writes)
            defer { search.close() }
            var listing = try search.listing(query)
            listing.sort(by: options.sort, reverse: options.reverse)
            let total = listing.rows.count
            if let limit = options.limit, limit < total { listing.rows.removeLast(total - limit) }
            if let action = options.action(today: search.context(history: nil).today) {
                try CardsActionRun(search: search, options: options, display: display).run(action, on: listing, total: total)
            } else if options.ids {
                Console.out(listing.rows.map { "\($0.card.id)\n" }.joined())
            } else if options.json {
                try CardsJSON.print(listing, context: search.context(history: nil))
            } else {
                let table = CardsTable(width: Terminal.width(), today: search.context(history: nil).today)
                Console.out(table.render(listing, total: total))
            }
            search.reportDeckProblems()
            try search.finish()
        }
    }
}

/// The collection opened for a search: the cards, their progress, and the time.
final class CardSearch {
    let cards: [Card]
    let store: ProgressStore
    let loaded: LoadedCollection
    let now: Date
    private var closed = false

    private init(cards: [Card], store: ProgressStore, loaded: LoadedCollection, now: Date) {
        self.cards = cards
        self.store = store
        self.loaded = loaded
        self.now = now
    }

    /// Loads the decks (through the start-up cache) while opening the progress, read-only
    /// unless `writing`, and carries edited questions' progress over.
    static func open(_ collection: CollectionOptions, writing: Bool) throws -> CardSearch {
        let root = collection.decksDirectory()
        guard CollectionLoaderAccess.isFolder(root.path) else { throw collection.missingFolder(root) }
        let decks = BackgroundDeckLoad(root: root, cacheFolder: StoreAccess.location(collection).folder)
        let store: ProgressStore
        do {
            store = try StoreAccess.open(collection, forWriting: writing)
        } catch {
            _ = decks.result()
            throw error
        }
        let loaded = decks.result()
        let now = Clock.now()
        _ = try StoreAccess.reporting { try store.reconcile(with: loaded.cards, now: now) }
        return CardSearch(cards: loaded.cards, store: store, loaded: loaded, now: now)
    }

    /// What queries are evaluated against, with `history` for `rated:`.
    func context(history: SearchHistory?) -> SearchContext {
        SearchContext(now: now, replay: store.replay, history: history)
    }

    /// The cards `query` selects, in collection order. Reads the end of the log only when
    /// the query has a `rated:` term.
    func listing(_ query: SearchQuery) throws -> CardListing {
        var history: SearchHistory?
        if let days = query.ratedDays {
            let calendar = store.replay.calendar
            let since = calendar.startOfDay(calendar.dayNumber(now) - days + 1)
            let entries = try StoreAccess.reporting { try store.recentEntries(since: since) }
            history = SearchHistory(entries: entries, calendar: calendar)
        }
        var context = context(history: history)
        if query.usesAdded {
            let calendar = store.replay.calendar
            context.firstSeen = store.firstSeen(cards, now: now).mapValues { calendar.dayNumber($0) }
        }
        let matcher = SearchMatcher(query, context: context)
        noteDeckWords(in: query)
        return CardListing(cards: cards, records: store.records, matcher: matcher)
    }

    /// A note on standard error for each word of `query` that searches the cards' text but
    /// names a deck, so that `recall cards Maths` finding no card does not read as an empty deck.
    private func noteDeckWords(in query: SearchQuery) {
        for deck in query.decksNamedByWords(DeckName.withParents(cards.map(\.deck))) {
            // Deck names are file names, which a shared deck chooses.
            let shown = TerminalText.sanitized(deck, keepingNewlines: false)
            // A name with spaces is quoted for the query, then the term for the shell.
            let name = shown.contains(where: { $0.isWhitespace || "\"()".contains($0) }) ? "\"\(shown)\"" : shown
            let term = TypedCommand.shellWord("deck:" + name)
            Console.err("note: '\(shown)' matches the cards' text, not the deck; for the deck, write \(term)\n")
        }
    }

    /// Warnings about the collection and a count of deck errors, on standard error.
    func reportDeckProblems() {
        DiagnosticPrinter.standardError().print(loaded.collectionWarnings)
        let errors = loaded.errorCount
        if errors > 0 {
            Console.err("note: \(DeckWords.count(errors, "error")) in deck files; run '\(TypedCommand.text("check"))' for details\n")
        }
    }

    /// Saves what the store keeps and releases the collection; errors are reported.
    func finish() throws {
        closed = true
        try StoreAccess.reporting { try store.close() }
    }

    func close() {
        if !closed { try? store.close() }
    }
}
