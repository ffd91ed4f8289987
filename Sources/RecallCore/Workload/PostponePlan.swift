import Foundation

/// `recall postpone`: spreads the review cards due today (overdue ones included) over today
/// and the next ``days`` days, following the FSRS community's rule (the FSRS Helper
/// add-on's postpone): the cards whose recall suffers least from waiting wait, the most
/// overdue stay today.
///
/// "Suffers least" is measured as the add-on does: how late the card would be after
/// waiting, as a share of the interval its memory deserves (ties: the more stable card
/// waits). Cards are spread so that the busiest of those days is as light as it can be,
/// counting what is already due on each; the least overdue go furthest.
public struct PostponePlan: Sendable {
    public var today: Int
    public var days: Int
    /// Cards that would be due today before the plan (the backlog).
    public var backlog: Int
    public var moves: [DueMove]
    /// The most reviews due on any one day from today through `today + days`, after.
    public var busiestDay: Int

    public var cost: RetentionCost { RetentionCost(moves) }
    /// Backlog cards left due today.
    public var keptToday: Int { backlog - moves.count }

    /// The plan for the `cards` a query selected, with `all` (every review card of the
    /// collection) giving the load on the days ahead. `days` is at least 1. No card moves
    /// into a planned break (`breaks`).
    public init(cards: [MovableCard], all: [MovableCard], today: Int, days: Int,
                breaks: PlannedBreaks = PlannedBreaks(), replay: CollectionReplay) {
        self.today = today
        self.days = max(days, 1)
        let due = cards.filter { $0.dueDay <= today }
        backlog = due.count
        let dueIDs = Set(due.map(\.id))
        var load = DueLoad(all, today: today, excluding: dueIDs)
        let span = today...(today + self.days)
        let open = span.filter { $0 == today || !breaks.isBreakDay($0) }
        // The lowest daily level that takes the whole backlog.
        var level = 0
        var room = 0
        while room < due.count {
            level += 1
            room = open.reduce(0) { $0 + max(0, level - load[$1]) }
        }
        let last = today + self.days
        let order = due.sorted { a, b in
            let (x, y) = (a.overdueness(onDay: last), b.overdueness(onDay: last))
            if x != y { return x < y }
            if a.stability != b.stability { return a.stability > b.stability }
            return a.id < b.id
        }
        var moves: [DueMove] = []
        var next = 0
        for day in open.reversed() where day > today {
            var free = max(0, level - load[day])
            while free > 0, next < order.count {
                let card = order[next]
                moves.append(.of(card, from: today, to: day, replay: replay))
                load[day] += 1
                free -= 1
                next += 1
            }
        }
        load[today] += order.count - next
        self.moves = moves.sorted { ($0.toDay, $0.card) < ($1.toDay, $1.card) }
        busiestDay = load.max(over: span)
    }
}
