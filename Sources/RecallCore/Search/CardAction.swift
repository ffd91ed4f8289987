import Foundation

/// A change `recall cards` makes to the cards a query selects, written to the log as one
/// event per card that it changes.
public enum CardAction: Hashable, Sendable {
    case suspend, unsuspend
    /// Hidden until the next study day.
    case bury
    case unbury
    /// Back to new; the history stays in the log.
    case forget
    /// Due on a study day `days` from today, a day drawn from the range for each card
    /// (seeded by the card's id and `seed`); new cards are left as they are.
    case setDue(ClosedRange<Int>, seed: UInt64)
    /// A review card's due date recomputed from its memory state and the current settings.
    case reschedule

    /// The log event this action writes.
    public var event: ReviewLogEntry.Event {
        switch self {
        case .suspend: .suspend
        case .unsuspend: .unsuspend
        case .bury: .bury
        case .unbury: .unbury
        case .forget: .forget
        case .setDue: .setdue
        case .reschedule: .reschedule
        }
    }

    /// The entries that apply this action to `cards` at `time` (already rounded to the
    /// millisecond) on `device`: one per card that it changes; cards it would leave as they
    /// are get none. `records` are the cards' current records (missing: new). A
    /// ``reschedule`` with a `workload` picks each card's day within its fuzz range as the
    /// load balancer and easy days do (never a day before today), counting the cards it
    /// has moved already.
    public func entries(for cards: [CardID], records: CardRecords, replay: CollectionReplay,
                        time: Date, device: String, workload: Workload? = nil) -> [ReviewLogEntry] {
        var workload = workload
        var out: [ReviewLogEntry] = []
        out.reserveCapacity(cards.count)
        for id in cards {
            let before = records[id]
            if self == .forget {
                // A card that is new already: forgetting would only restamp its creation time.
                guard let before, before.schedule.state != .new || before.isLeech || before.buriedUntilDay != nil else { continue }
            }
            var entry = ReviewLogEntry(event: event, card: id, time: time, device: device,
                                       target: target(for: id, replay: replay, time: time))
            if self == .reschedule, let before {
                entry.scheduledDays = Self.rescheduledDays(id, before, replay: replay, today: replay.calendar.dayNumber(time),
                                                           workload: workload)
            }
            let start = before ?? CardRecord(schedule: replay.scheduler.newCard(createdAt: time))
            var after = start
            replay.fold(entry, into: &after)
            if after != start {
                out.append(entry)
                workload?.move(from: start, to: after)
            }
        }
        return out
    }

    /// The interval a reschedule gives a review card now, from its memory state and the
    /// current settings (fuzzed with the seed of its last review), counted from its last
    /// review; recorded in the entry so that it is kept. `nil` for other cards.
    /// With a `workload`, the day is chosen within the fuzz range (from `today` on, study
    /// day numbers) by the load balancer and easy days.
    static func rescheduledDays(_ card: CardID, _ record: CardRecord, replay: CollectionReplay, today: Int,
                                workload: Workload?) -> Int? {
        guard record.schedule.state == .review, let last = record.schedule.lastReview else { return nil }
        let seed = IntervalFuzz.seed(card: card, reviewCount: max(0, record.reviewCount - 1))
        let scheduler = replay.scheduler(for: card)
        var days = scheduler.rescheduled(record.schedule, calendar: replay.calendar, fuzzSeed: seed).scheduledDays
        if let workload, workload.movesDays, scheduler.settings.enableFuzz, scheduler.counting == .studyDays {
            var plain = scheduler.settings
            plain.enableFuzz = false
            let unfuzzed = Scheduler(settings: plain, counting: scheduler.counting)
                .rescheduled(record.schedule, calendar: replay.calendar, fuzzSeed: seed).scheduledDays
            let range = IntervalFuzz.range(for: unfuzzed, maximumInterval: scheduler.settings.boundedMaximumInterval)
            let lastDay = replay.calendar.dayNumber(last)
            let from = max(range.lowerBound, today - lastDay)
            if unfuzzed >= 3, from <= range.upperBound {
                days = workload.interval(in: from...range.upperBound, reviewDay: lastDay, seed: seed)
            }
        }
        return days >= 1 ? days : nil
    }

    /// The due time a ``setDue(_:seed:)`` gives `card`: the start of the drawn study day.
    func target(for card: CardID, replay: CollectionReplay, time: Date) -> Date? {
        guard case .setDue(let range, let seed) = self else { return nil }
        var rng = SplitMix64(seed: seed ^ card.rawValue)
        let days = range.lowerBound == range.upperBound ? range.lowerBound : Int.random(in: range, using: &rng)
        return replay.calendar.startOfDay(replay.calendar.dayNumber(time) + days)
    }
}
