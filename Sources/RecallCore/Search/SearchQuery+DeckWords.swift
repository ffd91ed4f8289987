extension SearchQuery {
    /// The decks of `decks` that a word of the query, searched in the cards' text, names
    /// as it is written (case and accents aside): `recall cards Swift` looks for "swift" in
    /// the text, as Anki does, where `review Swift` takes the deck, so the user may have
    /// meant `deck:Swift`. Words under a `-` are left out: excluding text is deliberate.
    public func decksNamedByWords(_ decks: some Sequence<String>) -> [String] {
        let byFolded = Dictionary(decks.map { (SearchPattern.fold($0), $0) }, uniquingKeysWith: min)
        return decksNamed(byFolded)
    }

    private func decksNamed(_ byFolded: [String: String]) -> [String] {
        switch self {
        case .term(.text(let pattern, side: .either)):
            guard pattern.parts.count == 1, let deck = byFolded[pattern.parts[0]] else { return [] }
            return [deck]
        case .and(let queries), .or(let queries):
            return queries.flatMap { $0.decksNamed(byFolded) }
        case .all, .term, .not:
            return []
        }
    }
}
