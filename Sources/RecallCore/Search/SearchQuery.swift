/// A parsed card search, in the syntax of `docs/search.md` (modelled on Anki's).
///
/// Terms side by side must all match; `OR` between them needs one; `-` negates.
public indirect enum SearchQuery: Hashable, Sendable {
    /// The empty query: every card.
    case all
    case term(SearchTerm)
    case not(SearchQuery)
    case and([SearchQuery])
    case or([SearchQuery])

    /// The largest `N` of the query's `rated:N` terms: how many study days of the log it
    /// needs, or `nil` when it needs none.
    public var ratedDays: Int? {
        switch self {
        case .all: nil
        case .term(let t): if case .rated(let days, _) = t { days } else { nil }
        case .not(let q): q.ratedDays
        case .and(let qs), .or(let qs): qs.compactMap(\.ratedDays).max()
        }
    }

    /// Whether the query has an `added:N` term (which needs when each card was first seen).
    public var usesAdded: Bool {
        switch self {
        case .all: false
        case .term(let t): if case .added = t { true } else { false }
        case .not(let q): q.usesAdded
        case .and(let qs), .or(let qs): qs.contains(where: \.usesAdded)
        }
    }

    /// The card ids named by bare ids in the query when it is nothing else (`recall cards
    /// ID ID …`, as `--ids` prints them), else `nil`.
    public var onlyCardIDs: [CardID]? {
        switch self {
        case .term(.cardID(let id)): [id]
        case .or(let qs):
            qs.reduce([CardID]?([])) { acc, q in acc.flatMap { a in q.onlyCardIDs.map { a + $0 } } }
        default: nil
        }
    }
}

/// One search term.
public enum SearchTerm: Hashable, Sendable {
    /// Which side of a card plain text is looked for on.
    public enum Side: String, Hashable, Sendable { case either, front, back }

    /// `is:` states.
    public enum State: String, Hashable, Sendable, CaseIterable {
        case new, learn, review, due, suspended, buried, leech, overdue
    }

    /// `prop:` properties.
    public enum Property: String, Hashable, Sendable, CaseIterable {
        /// Interval in days.
        case ivl
        /// Days from today to the due day (negative: overdue).
        case due
        /// Stability in days.
        case s
        /// Difficulty, 1-10.
        case d
        /// Retrievability now, 0-1.
        case r
        case lapses, reps

        /// Whether the value is a whole number.
        var isWhole: Bool { [.ivl, .due, .lapses, .reps].contains(self) }
    }

    /// `prop:` comparison operators.
    public enum Comparison: String, Hashable, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .equal: a == b
            case .notEqual: a != b
            case .less: a < b
            case .lessOrEqual: a <= b
            case .greater: a > b
            case .greaterOrEqual: a >= b
            }
        }
    }

    /// Words or a phrase in the question and/or answer.
    case text(SearchPattern, side: Side)
    /// The deck or one of its sub-decks.
    case deck(SearchPattern)
    /// A tag or one of its child tags (`tag:lang` matches `lang::swift`).
    case tag(SearchPattern)
    /// The deck file, relative to the collection, or a folder holding it.
    case file(SearchPattern)
    /// One card, by the 16 hex digits of its id.
    case cardID(CardID)
    case state(State)
    case property(Property, Comparison, Double)
    /// Answered in the last `days` study days (today = 1), with `rating` if given.
    case rated(days: Int, rating: Rating?)
    /// First answered (since it was last new) in the last `days` study days.
    case introduced(days: Int)
    /// First seen in a deck file in the last `days` study days.
    case added(days: Int)
}
