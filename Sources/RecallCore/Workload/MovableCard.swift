import Foundation

/// A review card that postpone, advance and break may give another due day: what they
/// need of it, in study days (see ``StudyCalendar/dayNumber(_:)``).
public struct MovableCard: Sendable, Hashable {
    public var id: CardID
    /// The study day it is due (overdue cards: a day before today).
    public var dueDay: Int
    /// The study day of its last review.
    public var lastReviewDay: Int
    /// The interval its memory deserves at the desired retention, in days (FSRS: from its
    /// stability; SM-2: the interval it was given). At least 1.
    public var idealInterval: Int
    /// FSRS stability in days; the ideal interval under SM-2. Breaks ties: a card that
    /// forgets slowly suffers less from a move.
    public var stability: Double
    /// The card's schedule, for its retrievability on other days.
    public var schedule: CardSchedule

    /// The review cards among `cards` (the collection's, in its decks) by their `records`:
    /// a card deleted from its deck keeps its record in the log, but is no longer due and
    /// is never moved. See ``collect(_:replay:)``.
    public static func collect(_ cards: [Card], records: CardRecords, replay: CollectionReplay) -> [MovableCard] {
        let inDecks = Set(cards.map(\.id))
        return collect(records.lazy.filter { inDecks.contains($0.key) }, replay: replay)
    }

    /// The review cards among `records` (not suspended, with a last review); others are
    /// left out. `replay` gives each card's scheduler and the calendar.
    public static func collect<S: Sequence>(_ records: S, replay: CollectionReplay) -> [MovableCard]
    where S.Element == (key: CardID, value: CardRecord) {
        var out: [MovableCard] = []
        for (id, record) in records {
            let s = record.schedule
            guard s.state == .review, !record.suspended, let last = s.lastReview else { continue }
            let scheduler = replay.scheduler(for: id)
            let ideal: Int
            var stability = Double(max(s.scheduledDays, 1))
            if case .fsrs(let fsrs) = scheduler.algorithm, let memory = s.memory {
                ideal = fsrs.nextInterval(stability: memory.stability)
                stability = memory.stability
            } else {
                ideal = max(s.scheduledDays, 1)
            }
            out.append(MovableCard(id: id, dueDay: replay.calendar.dayNumber(s.due),
                                   lastReviewDay: replay.calendar.dayNumber(last),
                                   idealInterval: max(ideal, 1), stability: stability, schedule: s))
        }
        return out.sorted { $0.id < $1.id }
    }

    /// The predicted chance of recall if the card is reviewed on study day `day`.
    public func retrievability(onDay day: Int, replay: CollectionReplay) -> Double {
        replay.scheduler(for: id).retrievability(of: schedule, elapsedDays: max(0, day - lastReviewDay)) ?? 1
    }

    /// How late a review on `day` is, as a share of the ideal interval (1: on time).
    public func overdueness(onDay day: Int) -> Double {
        Double(day - lastReviewDay) / Double(idealInterval)
    }
}
