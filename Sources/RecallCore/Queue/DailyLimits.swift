import Foundation

/// What is left of today's new-card and review limits, for the collection and for each deck
/// whose preset sets one, as Anki's v3 scheduler counts them: a deck's limit covers the
/// cards of its sub-decks, so a card is shown only while its deck's limit, every ancestor's
/// and the collection's all allow (a sub-deck studied on its own included).
///
/// A deck without a limit of its own inherits its nearest ancestor's (or the collection's),
/// which that ancestor's own count already enforces: only decks that set one are counted.
///
/// As in v3 by default, the review limit caps new cards too: a new card introduced today
/// counts against both limits, so a day's reviews never go past `reviews_per_day` in all.
struct DailyLimits: Sendable {
    private var newLeft: Int
    private var reviewsLeft: Int
    private var deckNewLeft: [String: Int] = [:]
    private var deckReviewsLeft: [String: Int] = [:]
    private let limited: Bool
    private var chains: [String: [String]] = [:]

    /// Today's full limits, before anything studied today is counted (``countStudied``).
    init(settings: CollectionSettings) {
        newLeft = settings.newPerDay
        reviewsLeft = settings.reviewsPerDay
        for (deck, preset) in settings.deckPresets {
            if let n = preset.newPerDay { deckNewLeft[deck] = n }
            if let n = preset.reviewsPerDay { deckReviewsLeft[deck] = n }
        }
        limited = !deckNewLeft.isEmpty || !deckReviewsLeft.isEmpty
    }

    /// Counts a card of `deck` that was introduced (`new`) and/or reviewed in review state
    /// (`review`) earlier today against the limits.
    mutating func countStudied(new: Bool, review: Bool, deck: String) {
        if new { spend(new: true, deck: deck) }
        if review { spend(new: false, deck: deck) }
    }

    /// Whether the collection's limit for new cards (or reviews) is used up for today.
    func isSpent(new: Bool) -> Bool { reviewsLeft <= 0 || (new && newLeft <= 0) }

    /// Takes one new card or review from `deck` if every limit on it allows.
    mutating func take(new: Bool, deck: String) -> Bool {
        guard !isSpent(new: new) else { return false }
        for name in chain(deck) {
            if (deckReviewsLeft[name] ?? 1) <= 0 || (new && (deckNewLeft[name] ?? 1) <= 0) { return false }
        }
        spend(new: new, deck: deck)
        return true
    }

    /// A review spends the review limits; a new card the new-card limits and the review
    /// limits.
    private mutating func spend(new: Bool, deck: String) {
        reviewsLeft -= 1
        if new { newLeft -= 1 }
        for name in chain(deck) {
            if new, let n = deckNewLeft[name] { deckNewLeft[name] = n - 1 }
            if let n = deckReviewsLeft[name] { deckReviewsLeft[name] = n - 1 }
        }
    }

    /// `deck` and its ancestors that set a limit, innermost first.
    private mutating func chain(_ deck: String) -> [String] {
        guard limited else { return [] }
        if let cached = chains[deck] { return cached }
        let chain = CollectionSettings.lineage(deck).filter { deckNewLeft[$0] != nil || deckReviewsLeft[$0] != nil }
        chains[deck] = chain
        return chain
    }
}
