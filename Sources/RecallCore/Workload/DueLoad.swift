import Foundation

/// Review cards due per study day, as the forecast in `recall stats` counts them (overdue
/// cards count on today): the load that moves are spread against.
public struct DueLoad: Sendable, Equatable {
    private var counts: [Int: Int]

    /// The load of `cards` seen from study day `today`; `excluding` cards are left out (the
    /// ones about to move).
    public init(_ cards: [MovableCard], today: Int, excluding: Set<CardID> = []) {
        var counts: [Int: Int] = [:]
        for card in cards where !excluding.contains(card.id) {
            counts[Swift.max(card.dueDay, today), default: 0] += 1
        }
        self.counts = counts
    }

    /// Reviews due on `day`.
    public subscript(day: Int) -> Int {
        get { counts[day] ?? 0 }
        set { counts[day] = newValue }
    }

    /// The mean load over `days`, rounded up; 0 for no days.
    public func mean<S: Collection>(over days: S) -> Int where S.Element == Int {
        guard !days.isEmpty else { return 0 }
        let total = days.reduce(0) { $0 + self[$1] }
        return (total + days.count - 1) / days.count
    }

    /// The largest load on any of `days` (0 for none).
    public func max<S: Sequence>(over days: S) -> Int where S.Element == Int {
        days.reduce(0) { Swift.max($0, self[$1]) }
    }
}
