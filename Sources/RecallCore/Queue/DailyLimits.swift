import Foundation

/// What is left of today's new-card and review limits, overall and per deck (a deck's
/// limit covers its subdecks).
struct DailyLimits: Sendable {
    private var newLeft: Int
    private var reviewsLeft: Int
    private var deckNewLeft: [String: Int] = [:]
    private var deckReviewsLeft: [String: Int] = [:]
    private let settings: CollectionSettings
    private var chains: [String: [(deck: String, limits: CollectionSettings.DeckLimits)]] = [:]

    /// Today's full limits, before anything studied today is counted (``countStudied``).
    init(settings: CollectionSettings) {
        self.settings = settings
        newLeft = settings.newPerDay
        reviewsLeft = settings.reviewsPerDay
        for (deck, limits) in settings.deckLimits {
            if let n = limits.newPerDay { deckNewLeft[deck] = n }
            if let n = limits.reviewsPerDay { deckReviewsLeft[deck] = n }
        }
    }

    /// Counts a card of `deck` that was introduced (`new`) and/or reviewed in review state
    /// (`review`) earlier today against the limits.
    mutating func countStudied(new: Bool, review: Bool, deck: String) {
        if new { spend(new: true, deck: deck) }
        if review { spend(new: false, deck: deck) }
    }

    /// Whether the overall limit for new cards (or reviews) is used up for today.
    func isSpent(new: Bool) -> Bool { (new ? newLeft : reviewsLeft) <= 0 }

    /// Takes one new card or review from `deck` if every limit on it allows.
    mutating func take(new: Bool, deck: String) -> Bool {
        guard (new ? newLeft : reviewsLeft) > 0 else { return false }
        for (name, _) in chain(deck) where ((new ? deckNewLeft : deckReviewsLeft)[name] ?? 1) <= 0 {
            return false
        }
        spend(new: new, deck: deck)
        return true
    }

    private mutating func spend(new: Bool, deck: String) {
        if new { newLeft -= 1 } else { reviewsLeft -= 1 }
        for (name, _) in chain(deck) {
            if new {
                if let n = deckNewLeft[name] { deckNewLeft[name] = n - 1 }
            } else if let n = deckReviewsLeft[name] {
                deckReviewsLeft[name] = n - 1
            }
        }
    }

    private mutating func chain(_ deck: String) -> [(deck: String, limits: CollectionSettings.DeckLimits)] {
        if settings.deckLimits.isEmpty { return [] }
        if let cached = chains[deck] { return cached }
        let chain = settings.limitChain(for: deck)
        chains[deck] = chain
        return chain
    }
}
