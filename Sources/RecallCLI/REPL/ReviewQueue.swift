import Foundation
import RecallCore

/// The cards of a review: today's queue, limited to some decks, tags or a query, or a
/// custom session (`--ahead`, `--failed`, `--new`, `--lowest-r`).
enum ReviewQueue {
    /// The cards in the order to show them, and the custom session's name for the header.
    struct Plan {
        var cards: [Card]
        var label: String?
        /// The cards the deck, tag and query words chose, before today's limits and a custom
        /// session's own rule; `nil` for the whole collection. The summary counts them.
        var scope: Set<CardID>?

        /// A custom session shows its learning cards when nothing else is left, however far
        /// off their step is due: they were asked for.
        var learnAheadMinutes: Int? { label == nil ? nil : 36_500 * 24 * 60 }
    }

    /// A query that does not parse, with the query's text.
    struct QueryError: Error {
        var error: SearchError
        var query: String

        func rendered(query: String) -> String { error.rendered(query: query) }
    }

    /// The error for a `filter` that names no deck or tag: the name meant, if one is close
    /// (`Algebra` for `Maths::Algebra`, a typo), the cards whose text has the word (a
    /// query studies them; `review` itself takes a bare word as a deck, never as text), and
    /// the names there are.
    private static func reportUnknown(_ filter: String, data: StudyData, context: REPLContext, now: Date) {
        let shown = TerminalText.sanitized(filter, keepingNewlines: false)
        context.error("no deck or tag named '\(shown)'")
        let wanted = filter.lowercased()
        let decks = data.deckNames, tags = data.tagNames.map { "#" + $0 }
        let close = (decks + tags).first { name in
            let n = name.lowercased()
            let allowed = max(1, min(2, wanted.count / 4))
            return [n, n.components(separatedBy: "::").last ?? n].contains {
                AnswerMatcher.editDistance(Array($0), Array(wanted), limit: 2) <= allowed
            }
        }
        // Deck names and tags come from deck files, which may be a stranger's.
        if let close { context.view.note("did you mean '\(TerminalText.sanitized(close, keepingNewlines: false))'?") }
        if !filter.hasPrefix("#"), !filter.contains("\""), let query = try? SearchParser.parse("\"\(filter)\"") {
            let matcher = SearchMatcher(query, context: data.searchContext(for: query, now: now))
            let count = data.cards.filter { matcher.matches($0, record: data.records[$0.id]) }.count
            if count > 0 {
                context.view.note("\(DeckWords.count(count, "card")) \(count == 1 ? "has" : "have") '\(shown)' in \(count == 1 ? "its" : "their") text; "
                    + "to study \(count == 1 ? "it" : "them"): \(TypedCommand.text("review " + TypedCommand.shellWord("\"\(shown)\"")))")
            }
        }
        func list(_ names: [String]) -> String {
            let shownNames = names.prefix(8).map { TerminalText.sanitized($0, keepingNewlines: false) }
            return shownNames.joined(separator: ", ") + (names.count > 8 ? ", … (\(names.count) in all)" : "")
        }
        context.view.note("decks: \(list(decks))" + (tags.isEmpty ? "" : "; tags: " + list(tags)))
    }

    /// The review's cards; `nil` (after an error message) when a deck or tag is unknown.
    static func build(context: REPLContext, arguments: ReviewArguments) throws(QueryError) -> Plan? {
        let selection: StudySelection
        do {
            selection = try StudySelection(arguments.filters)
        } catch {
            throw QueryError(error: error, query: StudySelection.queryText(arguments.filters))
        }
        let data = context.data
        let now = context.now()
        for filter in selection.plain where !data.cards.contains(where: { ReviewArguments.matches($0, filters: [filter]) }) {
            reportUnknown(filter, data: data, context: context, now: now)
            return nil
        }
        let asked = selection.matcher(data, now: now)
        let scope = selection.plain.isEmpty && asked == nil ? nil : Set(data.cards.lazy.filter {
            ReviewArguments.matches($0, filters: selection.plain) && selection.matchesQuery($0, record: data.records[$0.id], matcher: asked)
        }.map(\.id))
        let custom = arguments.custom
        var query = selection.query
        if let extra = customQuery(custom) { query = query.map { .and([$0, extra]) } ?? extra }
        let matcher = query.map { SearchMatcher($0, context: data.searchContext(for: $0, now: now)) }
        let everything = selection.plain.isEmpty && matcher == nil
        // Without filters the whole collection is studied: share its array instead of copying it.
        let chosen = everything ? data.cards : data.cards.filter {
            ReviewArguments.matches($0, filters: selection.plain) && (matcher?.matches($0, record: data.records[$0.id]) ?? true)
        }
        switch custom {
        case .ahead?, .failed?, .lowestR?:
            guard let matcher else { return Plan(cards: [], label: custom?.label, scope: scope) }
            var listing = CardListing(cards: chosen, records: data.records, matcher: matcher)
            if case .lowestR(let n)? = custom {
                listing.sort(by: .r)
                listing.rows = Array(listing.rows.prefix(n))
            } else {
                listing.sort(by: .due)
            }
            return Plan(cards: listing.rows.map(\.card), label: custom?.label, scope: scope)
        case .extraNew(let n)?:
            let settings = raisedNewLimits(data: data, by: n, now: now)
            return Plan(cards: today(chosen, data: data, settings: settings, now: now, whole: everything), label: custom?.label, scope: scope)
        case nil:
            return Plan(cards: today(chosen, data: data, settings: data.settings, now: now, whole: everything), label: nil, scope: scope)
        }
    }

    /// The query a custom session adds: what it studies, of the cards chosen.
    static func customQuery(_ custom: ReviewArguments.Custom?) -> SearchQuery? {
        let available: [SearchQuery] = [.not(.term(.state(.suspended))), .not(.term(.state(.buried)))]
        switch custom {
        case .ahead(let n)?:
            return .and([.not(.term(.state(.new))), .term(.property(.due, .lessOrEqual, Double(n)))] + available)
        case .failed?:
            return .and([.term(.rated(days: 1, rating: .again))] + available)
        case .lowestR?:
            return .and([.not(.term(.state(.new)))] + available)
        case .extraNew?, nil:
            return nil
        }
    }

    /// The settings with today's new-card limits (overall and per deck) raised to `n` more
    /// than they allow now: a limit already used up by the cards introduced today gives `n`.
    static func raisedNewLimits(data: StudyData, by n: Int, now: Date) -> CollectionSettings {
        var settings = data.settings
        let calendar = data.calendar
        let today = calendar.dayNumber(now)
        var total = 0
        var perDeck: [String: Int] = [:]
        for card in data.cards {
            guard let introduced = data.records[card.id]?.introduced, calendar.dayNumber(introduced) == today else { continue }
            total += 1
            var parts = card.deck.components(separatedBy: "::")
            while !parts.isEmpty {
                perDeck[parts.joined(separator: "::"), default: 0] += 1
                parts.removeLast()
            }
        }
        settings.newPerDay = max(settings.newPerDay, total) + n
        for (deck, preset) in settings.deckPresets {
            if let limit = preset.newPerDay { settings.deckPresets[deck]?.newPerDay = max(limit, perDeck[deck] ?? 0) + n }
        }
        return settings
    }

    /// Today's queue of `cards` under `settings`' limits.
    private static func today(_ cards: [Card], data: StudyData, settings: CollectionSettings, now: Date, whole: Bool) -> [Card] {
        let queue = Queue(cards: cards, records: data.records, settings: settings,
                          calendar: data.calendar, now: now, collection: whole ? nil : data.cards)
        return (queue.items + queue.learnAhead + queue.laterToday).map(\.card)
    }
}

extension StudySelection {
    /// The query words of `words`, joined (for an error message).
    static func queryText(_ words: [String]) -> String {
        words.filter(isQueryWord).joined(separator: " ")
    }
}
