import Foundation

/// `recall break FROM TO`: moves the review cards that would fall due in a break to days
/// just before or after it, each to the side that costs least retention, without any day
/// around the break getting more than the usual load plus a margin.
///
/// - The days around the break are the ``window`` days before it (from tomorrow at the
///   earliest) and after it; more days after it are taken when those cannot hold the cards.
/// - The usual load is the mean of what is due on those days without the moved cards,
///   rounded up; the margin is ``marginPercent`` of it, at least ``minimumMargin`` cards.
/// - A move's cost is how far it takes the card's predicted recall at review from what it
///   was: up when seen early, down when seen late. Cards with the shortest intervals (the
///   most sensitive) choose first; each takes the cheapest day that still has room and
///   comes after its last review.
public struct BreakPlan: Sendable {
    public var firstDay: Int
    public var lastDay: Int
    public var moves: [DueMove]
    /// The usual daily load around the break and the margin allowed on top of it.
    public var usualLoad: Int
    public var margin: Int
    /// The days the cards were spread over (before and after the break).
    public var daysBefore: ClosedRange<Int>?
    public var daysAfter: ClosedRange<Int>
    /// The most reviews due on a day around the break, before and after the plan.
    public var busiestDayBefore: Int
    public var busiestDay: Int
    /// The most reviews due on a day that was given moved cards (at most usual + margin,
    /// unless the stretch after the break hit its limit).
    public var fullestDayGivenCards: Int

    public static let window = 7
    public static let defaultMarginPercent = 25
    public static let minimumMargin = 5

    public var cost: RetentionCost { RetentionCost(moves) }
    public var movedBefore: [DueMove] { moves.filter { $0.toDay < firstDay } }
    public var movedAfter: [DueMove] { moves.filter { $0.toDay > lastDay } }

    /// Plans a break from `firstDay` to `lastDay` (study days, `firstDay` ≥ `today`) for
    /// the `cards` a query selected; `all` (every review card) gives the load.
    /// Days of other planned breaks (`breaks`) are given no cards.
    public init(firstDay: Int, lastDay: Int, cards: [MovableCard], all: [MovableCard], today: Int,
                marginPercent: Int = BreakPlan.defaultMarginPercent, breaks: PlannedBreaks = PlannedBreaks(),
                replay: CollectionReplay) {
        self.firstDay = firstDay
        self.lastDay = lastDay
        let inBreak = cards.filter { $0.dueDay <= lastDay && max($0.dueDay, today) >= firstDay }
        let moving = Set(inBreak.map(\.id))
        var load = DueLoad(all, today: today, excluding: moving)
        let width = max(Self.window, lastDay - firstDay + 1)
        // Not today: what is due today is settled, and may be a backlog of its own.
        let before = firstDay > today + 1 ? max(today + 1, firstDay - width)...(firstDay - 1) : nil
        daysBefore = before
        var afterEnd = lastDay + width
        let beforeDays = before.map(Array.init) ?? []
        let around = beforeDays + Array((lastDay + 1)...afterEnd)
        usualLoad = load.mean(over: around)
        margin = max(Self.minimumMargin, (usualLoad * max(marginPercent, 0) + 99) / 100)
        busiestDayBefore = DueLoad(all, today: today).max(over: around)
        let cap = usualLoad + margin
        let closed = { (day: Int) in breaks.isBreakDay(day) }
        func room(_ days: [Int]) -> Int { days.reduce(0) { $0 + (closed($1) ? 0 : max(0, cap - load[$1])) } }
        // Later days hold fewer cards already; a long enough stretch after always has room.
        while room(beforeDays + Array((lastDay + 1)...afterEnd)) < inBreak.count,
              afterEnd < lastDay + 3650 {
            afterEnd += 1
        }
        daysAfter = (lastDay + 1)...afterEnd
        let days = beforeDays + Array(daysAfter)
        let order = inBreak.sorted { ($0.idealInterval, $0.id) < ($1.idealInterval, $1.id) }
        var moves: [DueMove] = []
        for card in order {
            let from = max(card.dueDay, today)
            let planned = card.retrievability(onDay: from, replay: replay)
            var best: (cost: Double, day: Int)?
            for day in days where day > card.lastReviewDay && load[day] < cap && !closed(day) {
                let cost = abs(card.retrievability(onDay: day, replay: replay) - planned)
                if let b = best, cost >= b.cost { continue }
                best = (cost, day)
            }
            // No room anywhere (only when the stretch after hit its limit): the first open day after.
            let day = best?.day ?? breaks.dayOutsideBreaks(lastDay + 1, earliest: lastDay + 1)
            load[day] += 1
            moves.append(.of(card, from: from, to: day, replay: replay))
        }
        self.moves = moves.sorted { ($0.toDay, $0.card) < ($1.toDay, $1.card) }
        busiestDay = load.max(over: days)
        fullestDayGivenCards = load.max(over: Set(moves.map(\.toDay)))
    }
}
