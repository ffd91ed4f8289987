/// A topic quiz: a handful of cards picked by deck, tag or text, asked once each, scored.
///
/// Pure: the RNG is a parameter. A quiz never touches the schedule by itself; the caller
/// logs answers as reviews only when asked to (`--record`).
public struct Quiz: Sendable {
    /// How questions are asked and judged.
    public enum Mode: String, Sendable, CaseIterable {
        /// The user reveals the answer and says whether they knew it.
        case flip
        /// The user types the answer; it is judged by ``AnswerMatcher``.
        case typed
        /// The right answer among up to three distractors; keys 1-4.
        case choice
    }

    /// One asked card and how it went.
    public struct Result: Hashable, Sendable {
        public var card: Card
        public var correct: Bool
        /// What the user typed or chose, if anything.
        public var response: String?
    }

    public let mode: Mode
    /// The cards to ask, in order.
    public let cards: [Card]
    public private(set) var results: [Result] = []

    public init(mode: Mode, cards: [Card]) {
        self.mode = mode
        self.cards = cards
    }

    /// The card being asked, or `nil` when the quiz is over.
    public var current: Card? { results.count < cards.count ? cards[results.count] : nil }
    /// 1-based number of the current question.
    public var position: Int { results.count + 1 }
    public var isFinished: Bool { results.count >= cards.count }
    /// Correct answers so far.
    public var score: Int { results.filter(\.correct).count }
    /// Cards answered wrongly, in the order asked.
    public var missed: [Card] { results.filter { !$0.correct }.map(\.card) }

    /// Records the answer to the current card and moves on.
    public mutating func answer(correct: Bool, response: String? = nil) {
        guard let card = current else { return }
        results.append(Result(card: card, correct: correct, response: response))
    }

    /// Picks up to `count` cards matching any of `topics` (all cards when `topics` is
    /// empty), in random order, dealt in rounds of one card per note: a cloze's other
    /// deletions (or a card's reverse) would give its answer away, so a note's second card
    /// comes only after every note has had one, its third after every second, and so on.
    /// See ``matches(_:topic:)``.
    public static func pick(from cards: [Card], topics: [String], count: Int,
                            using rng: inout some RandomNumberGenerator) -> [Card] {
        let pool = topics.isEmpty ? cards : cards.filter { card in topics.contains { matches(card, topic: $0) } }
        // Each round takes the notes in the order their first card came up, so that a note's
        // cards are as far apart as the others allow.
        var notes: [CardID: (order: Int, dealt: Int)] = [:]
        var rounds: [[(order: Int, card: Card)]] = []
        for card in pool.shuffled(using: &rng) {
            let note = notes[card.noteID] ?? (notes.count, 0)
            notes[card.noteID] = (note.order, note.dealt + 1)
            if note.dealt == rounds.count { rounds.append([]) }
            rounds[note.dealt].append((note.order, card))
        }
        return Array(rounds.flatMap { $0.sorted { $0.order < $1.order }.map(\.card) }.prefix(max(0, count)))
    }

    /// A card matches a topic when the topic (case-insensitive) is `#tag` for one of its
    /// tags, names its deck or a parent deck, is one of its tags, or appears in its deck
    /// name, question or answer.
    public static func matches(_ card: Card, topic: String) -> Bool {
        let t = topic.lowercased()
        if t.hasPrefix("#") { return card.tags.contains { $0.lowercased() == t.dropFirst() } }
        let deck = card.deck.lowercased()
        if deck == t || deck.hasPrefix(t + "::") { return true }
        if card.tags.contains(where: { $0.lowercased() == t }) { return true }
        return deck.contains(t) || card.question.lowercased().contains(t)
            || card.answer.lowercased().contains(t)
    }
}
