import Foundation
import RecallCore

/// What `review` and `quiz` study: the words they were given, split into the old forms (a
/// deck name or `#tag` for review, a topic for quiz; any of them will do) and a search
/// query (words in the query syntax: `is:due`, `-deck:X`, `(`, `OR`, a card id, …), which
/// the cards must match as well.
struct StudySelection {
    /// Deck names, `#tags` or topics, as given.
    var plain: [String] = []
    /// The query words joined; empty when there are none.
    var queryText = ""
    var query: SearchQuery?

    /// Splits `words`; throws for a query that does not parse.
    init(_ words: [String]) throws(SearchError) {
        var queryWords: [String] = []
        for word in words {
            if StudySelection.isQueryWord(word) { queryWords.append(word) } else { plain.append(word) }
        }
        queryText = queryWords.joined(separator: " ")
        if !queryWords.isEmpty { query = try SearchParser.parse(queryText) }
    }

    /// Whether `word` belongs to a query: it starts with `-`, a parenthesis or a quote, is
    /// `OR`/`AND`, a card id, or starts with a search term's `name:` (a deck path such as
    /// `Swift::Closures` does not).
    static func isQueryWord(_ word: String) -> Bool {
        guard let first = word.first else { return false }
        if "-(\")".contains(first) { return true }
        if ["OR", "or", "AND", "and"].contains(word) { return true }
        if word.count == 16, CardID(word) != nil { return true }
        guard let colon = word.firstIndex(of: ":") else { return false }
        return SearchTermParser.prefixes.contains(word[..<colon].lowercased())
    }

    /// Whether `card` (with `record`) matches the query; always when there is none.
    func matchesQuery(_ card: Card, record: CardRecord?, matcher: SearchMatcher?) -> Bool {
        matcher?.matches(card, record: record) ?? true
    }

    /// A matcher for the query against `data` at `now`, or `nil` without a query.
    func matcher(_ data: StudyData, now: Date) -> SearchMatcher? {
        query.map { SearchMatcher($0, context: data.searchContext(for: $0, now: now)) }
    }

    /// `Swift · is:due`: the decks and the query, for a session's header.
    var title: String { (plain + (queryText.isEmpty ? [] : [queryText])).joined(separator: " ") }
}
