import Foundation

extension CollectionSettings {
    /// FSRS-6 parameters of one deck (and of its sub-decks that have none of their own).
    ///
    /// Card states are replayed from the log without the deck files, so the parameters come
    /// with the ids of the cards they schedule, as of the last time Recall read the decks
    /// (``refreshDeckParameterCards(_:)``); a card that is in no list uses ``parameters``.
    public struct DeckParameters: Sendable, Equatable, Hashable {
        /// FSRS-6 weights w0…w20.
        public var parameters: [Double]
        /// The cards they apply to, sorted.
        public var cards: [CardID]

        public init(parameters: [Double], cards: [CardID] = []) {
            self.parameters = parameters
            self.cards = cards.sorted()
        }
    }

    /// The parameters that schedule the cards of `deck`: its own, else those of its nearest
    /// ancestor that has some, else the collection's.
    public func parameters(forDeck deck: String) -> [Double] {
        var parts = deck.components(separatedBy: "::")
        while !parts.isEmpty {
            if let own = deckParameters[parts.joined(separator: "::")] { return own.parameters }
            parts.removeLast()
        }
        return parameters
    }

    /// The deck with parameters that `deck` takes them from (itself or an ancestor), if any.
    public func deckWithParameters(containing deck: String) -> String? {
        var parts = deck.components(separatedBy: "::")
        while !parts.isEmpty {
            let name = parts.joined(separator: "::")
            if deckParameters[name] != nil { return name }
            parts.removeLast()
        }
        return nil
    }

    /// Sets each deck's card list from `cards` (the collection's deck cards): a card belongs
    /// to the innermost deck with parameters that is its deck or an ancestor. Returns whether
    /// any list changed.
    @discardableResult
    public mutating func refreshDeckParameterCards(_ cards: [Card]) -> Bool {
        guard !deckParameters.isEmpty else { return false }
        var lists: [String: [CardID]] = [:]
        var owners: [String: String?] = [:]
        for card in cards {
            let owner: String?
            if let known = owners[card.deck] { owner = known } else {
                owner = deckWithParameters(containing: card.deck)
                owners[card.deck] = owner
            }
            if let owner { lists[owner, default: []].append(card.id) }
        }
        var changed = false
        for (deck, own) in deckParameters {
            let fresh = (lists[deck] ?? []).sorted()
            if fresh != own.cards {
                deckParameters[deck]?.cards = fresh
                changed = true
            }
        }
        return changed
    }

    /// Problems with the per-deck parameters, as ``validate()`` reports them.
    func checkDeckParameters() -> [String] {
        var problems: [String] = []
        var owner: [CardID: String] = [:]
        for (deck, own) in deckParameters.sorted(by: { $0.key < $1.key }) {
            if own.parameters.count != 21 {
                problems.append("parameters for deck '\(deck)' has \(own.parameters.count) values, expected 21 (FSRS-6)")
            } else if let i = own.parameters.indices.first(where: { !Self.parameterRanges[$0].contains(own.parameters[$0]) }) {
                let range = Self.parameterRanges[i]
                problems.append("parameter w\(i) for deck '\(deck)' is \(Self.format(own.parameters[i])), expected "
                    + "\(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))")
            }
            if let card = own.cards.first(where: { owner[$0] != nil }), let other = owner[card] {
                problems.append("card \(card) is listed for both deck '\(other)' and deck '\(deck)'")
            }
            for card in own.cards { owner[card] = deck }
        }
        return problems
    }
}
