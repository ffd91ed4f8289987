import Foundation

/// What the scheduler needs to pick a review card's day: how many cards are already due on
/// each study day, whether to balance that load, and the easy days.
///
/// Built from the collection's records when a session starts and kept up to date as cards
/// are answered (``move(from:to:)``).
public struct Workload: Sendable {
    /// Studied cards that are not suspended, by the study day they are due (earlier days
    /// included: they are due today).
    public private(set) var dueCounts: [Int: Int]
    /// Whether to even out the load (`config load_balance`).
    public var balance: Bool
    public var easyDays: EasyDays
    /// Days off planned with `recall break`: days with no capacity, which no review card's
    /// due day may fall on.
    public var breaks: PlannedBreaks
    public let calendar: StudyCalendar

    public init(records: CardRecords, calendar: StudyCalendar, balance: Bool, easyDays: EasyDays,
                breaks: PlannedBreaks = PlannedBreaks()) {
        self.calendar = calendar
        self.balance = balance
        self.easyDays = easyDays
        self.breaks = breaks
        var counts: [Int: Int] = [:]
        if balance {
            for (_, record) in records where !record.suspended && record.schedule.state != .new {
                counts[calendar.dayNumber(record.schedule.due), default: 0] += 1
            }
        }
        dueCounts = counts
    }

    /// The workload of `settings` for `records` (nil when neither balancing, easy days nor
    /// a planned break can move a card).
    public init?(records: CardRecords, calendar: StudyCalendar, settings: CollectionSettings) {
        guard settings.loadBalance || !settings.easyDays.isNormal || !settings.plannedBreaks.isEmpty else { return nil }
        self.init(records: records, calendar: calendar, balance: settings.loadBalance,
                  easyDays: settings.easyDays, breaks: settings.plannedBreaks)
    }

    /// Whether it picks a day within a card's fuzz range (balancing, easy days or breaks).
    public var movesDays: Bool { balance || !easyDays.isNormal || !breaks.isEmpty }

    /// Accounts for a card whose schedule changed from `old` (nil: it was new) to `new`.
    public mutating func move(from old: CardRecord?, to new: CardRecord) {
        guard balance else { return }
        if let old, !old.suspended, old.schedule.state != .new {
            let day = calendar.dayNumber(old.schedule.due)
            if let n = dueCounts[day] { dueCounts[day] = n > 1 ? n - 1 : nil }
        }
        if !new.suspended, new.schedule.state != .new {
            dueCounts[calendar.dayNumber(new.schedule.due), default: 0] += 1
        }
    }

    /// The interval from `range` for a card reviewed on study day `reviewDay`
    /// (see ``LoadBalancer/interval(in:dueCounts:capacities:seed:)``).
    public func interval(in range: ClosedRange<Int>, reviewDay: Int, seed: UInt64) -> Int {
        let days = range.map { reviewDay + $0 }
        let counts = balance ? days.map { dueCounts[$0] ?? 0 } : []
        let capacities = easyDays.isNormal && breaks.isEmpty ? []
            : days.map { breaks.isBreakDay($0) ? 0 : easyDays.capacity(day: $0) }
        return LoadBalancer.interval(in: range, dueCounts: counts, capacities: capacities, seed: seed)
    }
}
