import Foundation

/// `recall advance`: makes `count` review cards that are not due yet due today, following
/// the FSRS community's rule (the FSRS Helper add-on's advance): the cards that lose least
/// by being seen early are those closest to their due day, as a share of the interval
/// their memory deserves (ties: the more stable card goes first).
public struct AdvancePlan: Sendable {
    public var today: Int
    /// Cards that could be advanced (not due yet, not reviewed today).
    public var candidates: Int
    public var moves: [DueMove]

    /// Predicted recall at review: as planned (on the due day) and today.
    public var cost: RetentionCost { RetentionCost(moves) }

    /// Mean days by which the moved cards are seen early.
    public var meanDaysEarly: Double {
        moves.isEmpty ? 0 : Double(moves.reduce(0) { $0 + $1.fromDay - $1.toDay }) / Double(moves.count)
    }

    /// The plan for the `cards` a query selected, advancing at most `count` of them.
    public init(cards: [MovableCard], today: Int, count: Int, replay: CollectionReplay) {
        self.today = today
        let waiting = cards.filter { $0.dueDay > today && $0.lastReviewDay < today }
        candidates = waiting.count
        let order = waiting.sorted { a, b in
            let (x, y) = (1 - a.overdueness(onDay: today), 1 - b.overdueness(onDay: today))
            if x != y { return x < y }
            if a.stability != b.stability { return a.stability > b.stability }
            return a.id < b.id
        }
        moves = order.prefix(max(count, 0)).map { .of($0, from: $0.dueDay, to: today, replay: replay) }
    }
}
