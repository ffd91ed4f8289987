import Foundation

/// One card given another due day by postpone, advance or break, and what it does to the
/// predicted chance of recall at the card's review.
public struct DueMove: Sendable, Hashable {
    public var card: CardID
    /// The study day the card would have been reviewed on: its due day, or today if overdue.
    public var fromDay: Int
    public var toDay: Int
    /// Predicted recall at review on ``fromDay`` and on ``toDay``.
    public var retrievabilityBefore: Double
    public var retrievabilityAfter: Double

    public init(card: CardID, fromDay: Int, toDay: Int, retrievabilityBefore: Double, retrievabilityAfter: Double) {
        self.card = card
        self.fromDay = fromDay
        self.toDay = toDay
        self.retrievabilityBefore = retrievabilityBefore
        self.retrievabilityAfter = retrievabilityAfter
    }

    /// A move of `card` from `fromDay` to `toDay`, with its retrievability on both.
    static func of(_ card: MovableCard, from fromDay: Int, to toDay: Int, replay: CollectionReplay) -> DueMove {
        DueMove(card: card.id, fromDay: fromDay, toDay: toDay,
                retrievabilityBefore: card.retrievability(onDay: fromDay, replay: replay),
                retrievabilityAfter: card.retrievability(onDay: toDay, replay: replay))
    }
}

/// What a set of moves costs: the mean predicted recall at review before and after.
public struct RetentionCost: Sendable, Hashable {
    public var cards: Int
    /// Mean predicted recall at review as planned before the moves (0-1).
    public var before: Double
    /// Mean predicted recall at review after the moves (0-1).
    public var after: Double

    /// Percentage points lost (negative: gained), `before - after` in points.
    public var points: Double { (before - after) * 100 }

    public init(_ moves: [DueMove]) {
        cards = moves.count
        let n = Double(max(moves.count, 1))
        before = moves.reduce(0) { $0 + $1.retrievabilityBefore } / n
        after = moves.reduce(0) { $0 + $1.retrievabilityAfter } / n
    }
}

extension Array where Element == DueMove {
    /// The `setdue` log entries that make the moves, all stamped `time` (so they can be taken
    /// back together) by `device`; each card due at the start of its new study day.
    public func entries(calendar: StudyCalendar, time: Date, device: String) -> [ReviewLogEntry] {
        map { ReviewLogEntry(event: .setdue, card: $0.card, time: time, device: device,
                             target: calendar.startOfDay($0.toDay)) }
    }
}
