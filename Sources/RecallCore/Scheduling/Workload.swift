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
    public let calendar: StudyCalendar

    public init(records: CardRecords, calendar: StudyCalendar, balance: Bool, easyDays: EasyDays) {
        self.calendar = calendar
        self.balance = balance
        self.easyDays = easyDays
        var counts: [Int: Int] = [:]
        if balance {
            for (_, record) in records where !record.suspended && record.schedule.state != .new {
                counts[calendar.dayNumber(record.schedule.due), default: 0] += 1
            }
        }
        dueCounts = counts
    }

    /// The workload of `settings` for `records` (nil when neither balancing nor easy days
    /// can move a card).
    public init?(records: CardRecords, calendar: StudyCalendar, settings: CollectionSettings) {
        guard settings.loadBalance || !settings.easyDays.isNormal else { return nil }
        self.init(records: records, calendar: calendar, balance: settings.loadBalance,
                  easyDays: settings.easyDays)
    }

    /// Whether it can move a card's day at all.
    public var movesDays: Bool { balance || !easyDays.isNormal }

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
        let capacities = easyDays.isNormal ? [] : days.map { easyDays.capacity(day: $0) }
        return LoadBalancer.interval(in: range, dueCounts: counts, capacities: capacities, seed: seed)
    }
}
