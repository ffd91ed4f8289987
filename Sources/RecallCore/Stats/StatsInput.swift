import Foundation

/// Everything `recall stats` computes from: the collection's reviews (annotated by the
/// scheduler's replay), the current state of each card, the study calendar and the time.
///
/// Pure data: the command line builds it from the store and the scheduler's replay, tests build
/// it by hand.
public struct StatsInput: Sendable {
    /// Every review that counts (undone reviews already removed), in log order.
    public var reviews: [StatsReview]
    /// Every card of the collection with its current state.
    public var cards: [StatsCard]
    /// Turns instants into study days (time zone and day-start hour).
    public var calendar: StudyCalendar
    public var now: Date
    /// The retention the scheduler aims for (0…1), shown next to the true retention.
    public var desiredRetention: Double
    /// The whole collection's reviews before ``reviews``, already summed up; then
    /// ``reviews`` holds only the later ones. Usable only for stats without a deck or tag
    /// selection (``StatsReport/compute(_:filter:)`` needs the reviews themselves for one).
    public var prefixSummary: StatsSummary?

    public init(reviews: [StatsReview], cards: [StatsCard], calendar: StudyCalendar, now: Date,
                desiredRetention: Double) {
        self.reviews = reviews
        self.cards = cards
        self.calendar = calendar
        self.now = now
        self.desiredRetention = desiredRetention
    }
}

/// One review as the stats need it: what was answered, when, and what the scheduler knew
/// just before.
public struct StatsReview: Sendable, Hashable {
    public var card: CardID
    public var time: Date
    public var rating: Rating
    /// Time spent answering, in milliseconds (0 when unknown).
    public var durationMs: Int
    /// The card's state just before this review.
    public var stateBefore: CardState
    /// The scheduler's predicted recall probability at the moment of review; `nil` for a card
    /// with no memory state yet.
    public var retrievabilityBefore: Double?
    /// Study days since the card's previous review (0 for the first review or same day).
    public var elapsedDays: Int
    /// The interval, in days, the card was scheduled with before this review; "young" below
    /// 21 days, "mature" from 21 days on.
    public var scheduledDaysBefore: Int

    public init(card: CardID, time: Date, rating: Rating, durationMs: Int = 0,
                stateBefore: CardState, retrievabilityBefore: Double? = nil,
                elapsedDays: Int = 0, scheduledDaysBefore: Int = 0) {
        self.card = card
        self.time = time
        self.rating = rating
        self.durationMs = durationMs
        self.stateBefore = stateBefore
        self.retrievabilityBefore = retrievabilityBefore
        self.elapsedDays = elapsedDays
        self.scheduledDaysBefore = scheduledDaysBefore
    }
}

/// One card of the collection as the stats need it: where it lives and how it stands now.
public struct StatsCard: Sendable, Hashable {
    public var id: CardID
    /// Full deck name with `::` between levels.
    public var deck: String
    /// Tags without the leading `#`.
    public var tags: [String]
    public var source: SourceLocation
    /// The question side, for lists of cards (may be shortened by the renderer).
    public var question: String
    public var state: CardState
    public var suspended: Bool
    /// Buried through today's study day.
    public var buried: Bool
    /// New again after a `forget`, with reviews before it (a never-studied card is not).
    public var forgotten: Bool
    /// FSRS stability in days; `nil` without a memory state.
    public var stability: Double?
    /// FSRS difficulty, 1…10; `nil` without a memory state.
    public var difficulty: Double?
    /// When the card is next due; `nil` for new cards.
    public var due: Date?
    /// How many times the card was forgotten after it had graduated.
    public var lapses: Int
    /// The predicted recall probability now; `nil` without a memory state.
    public var retrievability: Double?
    /// Suspended and tagged as a leech after reaching the leech threshold's lapses.
    public var isLeech: Bool

    public init(id: CardID, deck: String, tags: [String] = [], source: SourceLocation,
                question: String = "", state: CardState, suspended: Bool = false,
                stability: Double? = nil, difficulty: Double? = nil, due: Date? = nil,
                lapses: Int = 0, retrievability: Double? = nil, isLeech: Bool = false,
                buried: Bool = false, forgotten: Bool = false) {
        self.buried = buried
        self.forgotten = forgotten
        self.id = id
        self.deck = deck
        self.tags = tags
        self.source = source
        self.question = question
        self.state = state
        self.suspended = suspended
        self.stability = stability
        self.difficulty = difficulty
        self.due = due
        self.lapses = lapses
        self.retrievability = retrievability
        self.isLeech = isLeech
    }
}

/// Which part of the collection the stats cover.
public enum StatsFilter: Sendable, Hashable {
    case all
    /// A deck and its sub-decks (`Lang` covers `Lang` and `Lang::French`), ignoring case.
    case deck(String)
    /// Cards carrying a tag (without `#`) or one of its sub-tags, ignoring case.
    case tag(String)

    /// Parses the command-line form: `#tag` is a tag, anything else a deck name.
    public init(argument: String?) {
        guard let argument, !argument.isEmpty else { self = .all; return }
        if argument.hasPrefix("#") {
            self = .tag(String(argument.dropFirst()))
        } else {
            self = .deck(argument)
        }
    }

    /// Whether `card` belongs to the selection.
    public func matches(_ card: StatsCard) -> Bool {
        switch self {
        case .all:
            return true
        case .deck(let name):
            return Self.isSelfOrChild(card.deck, of: name)
        case .tag(let tag):
            return card.tags.contains { Self.isSelfOrChild($0, of: tag) }
        }
    }

    private static func isSelfOrChild(_ name: String, of parent: String) -> Bool {
        let n = name.lowercased(), p = parent.lowercased()
        return n == p || n.hasPrefix(p + "::")
    }
}
