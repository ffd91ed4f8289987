import Foundation

extension CollectionSettings {
    /// `deck` and its ancestors, innermost first (`A::B::C`, `A::B`, `A`).
    static func lineage(_ deck: String) -> [String] {
        var names: [String] = []
        var parts = deck.components(separatedBy: "::")
        while !parts.isEmpty {
            names.append(parts.joined(separator: "::"))
            parts.removeLast()
        }
        return names
    }

    /// The presets of `deck` and of its ancestors that have one, innermost first.
    public func presetChain(for deck: String) -> [(deck: String, preset: DeckPreset)] {
        guard !deckPresets.isEmpty else { return [] }
        return Self.lineage(deck).compactMap { name in deckPresets[name].map { (name, $0) } }
    }

    /// The value of a preset key for `deck` and the deck it comes from (itself or its
    /// nearest ancestor that sets it); nil when it comes from the collection.
    public func deckSetting<Value>(_ key: KeyPath<DeckPreset, Value?>, forDeck deck: String)
        -> (value: Value, deck: String)? {
        for (name, preset) in presetChain(for: deck) {
            if let value = preset[keyPath: key] { return (value, name) }
        }
        return nil
    }

    /// The settings that schedule the cards of `deck`: each preset key from its nearest deck
    /// that sets it, the rest the collection's. Carries no presets itself.
    public func settings(forDeck deck: String) -> CollectionSettings {
        var s = self
        s.deckPresets = [:]
        for (_, preset) in presetChain(for: deck).reversed() { s = preset.applied(to: s) }
        return s
    }

    /// The parameters that schedule the cards of `deck`: its own, else those of its nearest
    /// ancestor that has some, else the collection's.
    public func parameters(forDeck deck: String) -> [Double] {
        deckSetting(\.parameters, forDeck: deck)?.value ?? parameters
    }

    /// The deck with parameters that `deck` takes them from (itself or an ancestor), if any.
    public func deckWithParameters(containing deck: String) -> String? {
        deckSetting(\.parameters, forDeck: deck)?.deck
    }

    /// The innermost deck (`deck` or an ancestor) whose preset changes how cards are
    /// scheduled: the one whose card list holds the cards of `deck`.
    public func schedulingPresetDeck(containing deck: String) -> String? {
        presetChain(for: deck).first { $0.preset.schedules }?.deck
    }

    /// The decks whose preset names no deck in `decks` (every deck and parent, as
    /// ``DeckName/withParents(_:)`` gives them), sorted: presets are kept by deck name, so a
    /// deck file renamed or removed leaves its preset applying to no card.
    public func presetsMatchingNoDeck(_ decks: Set<String>) -> [String] {
        deckPresets.keys.filter { !decks.contains($0) }.sorted()
    }

    /// Whether some preset changes how cards are scheduled.
    public var hasSchedulingPresets: Bool { deckPresets.values.contains { $0.schedules } }

    /// The cards (as listed in the presets) that take `key` from `deck`'s preset.
    public func cards<Value>(taking key: KeyPath<DeckPreset, Value?>, from deck: String) -> [CardID] {
        deckPresets.filter { !$0.value.cards.isEmpty && deckSetting(key, forDeck: $0.key)?.deck == deck }
            .flatMap(\.value.cards).sorted()
    }

    /// The cards scheduled with parameters of a deck rather than the collection's.
    public var cardsWithDeckParameters: Set<CardID> {
        Set(deckPresets.filter { !$0.value.cards.isEmpty && deckWithParameters(containing: $0.key) != nil }
            .flatMap(\.value.cards))
    }

    /// Sets each preset's card list from `cards` (the collection's deck cards): a card belongs
    /// to the innermost deck with a scheduling preset that is its deck or an ancestor.
    /// Returns whether any list changed.
    @discardableResult
    public mutating func refreshDeckPresetCards(_ cards: [Card]) -> Bool {
        guard !deckPresets.isEmpty else { return false }
        var lists: [String: [CardID]] = [:]
        if hasSchedulingPresets {
            var owners: [String: String?] = [:]
            for card in cards {
                let owner: String?
                if let known = owners[card.deck] { owner = known } else {
                    owner = schedulingPresetDeck(containing: card.deck)
                    owners[card.deck] = owner
                }
                if let owner { lists[owner, default: []].append(card.id) }
            }
        }
        var changed = false
        for (deck, preset) in deckPresets {
            let fresh = (lists[deck] ?? []).sorted()
            if fresh != preset.cards {
                deckPresets[deck]?.cards = fresh
                changed = true
            }
        }
        return changed
    }

    /// Makes the card lists consistent without the deck files (after a merge of two
    /// versions): a card listed for two decks stays with the deeper one (the name later in
    /// order when equally deep), and the cards of a preset that no longer schedules go to
    /// its nearest ancestor that does. The next ``refreshDeckPresetCards(_:)`` makes them exact.
    public mutating func settleDeckPresetCards() {
        var owner: [CardID: String] = [:]
        let order = { (a: String, b: String) in
            let (da, db) = (a.components(separatedBy: "::").count, b.components(separatedBy: "::").count)
            return da != db ? da < db : a < b
        }
        for (deck, preset) in deckPresets.sorted(by: { order($0.key, $1.key) }) where !preset.cards.isEmpty {
            let target = preset.schedules ? deck
                : Self.lineage(deck).dropFirst().first { deckPresets[$0]?.schedules == true }
            for card in preset.cards {
                if let target, owner[card].map({ order($0, target) }) ?? true { owner[card] = target }
            }
        }
        var lists: [String: [CardID]] = [:]
        for (card, deck) in owner { lists[deck, default: []].append(card) }
        for deck in deckPresets.keys { deckPresets[deck]?.cards = (lists[deck] ?? []).sorted() }
        deckPresets = deckPresets.filter { !$0.value.isEmpty }
    }
}
