import Foundation

/// One review sitting: which card is up, what answering it does, undo, and the summary.
///
/// Pure: every method takes the time, and nothing is written. Each change is described by a
/// ``ReviewLogEntry`` that the caller appends to the log (with fsync) and then hands to
/// ``apply(_:)``, so the log and the session never disagree.
///
/// Order: learning cards whose step is due come first, then the queue in the order given,
/// then, when nothing else is left, a learning card due within ``learnAhead`` (Anki's
/// learn-ahead limit) is shown at once rather than waiting.
public struct ReviewSession: Sendable {
    /// One answer that ``undoLastAnswer(at:)`` can take back.
    struct AnswerRecord: Sendable {
        var card: Card
        var entry: ReviewLogEntry
        var recordBefore: CardRecord?
        var wasLearningQueued: Bool
    }

    public let replay: CollectionReplay
    /// Written into every log entry.
    public let device: String
    public let startedAt: Date
    /// How far ahead a learning card may be shown when nothing else is left, in seconds.
    public let learnAhead: TimeInterval

    /// States of the session's cards, as replayed from the log and updated by each applied
    /// entry. Only the queue's cards are kept, so answering never copies a large table.
    public internal(set) var records: CardRecords
    /// The card on screen, if any. Set by ``nextCard(at:)``.
    public internal(set) var current: Card?
    /// When the current card was shown (for the answer's duration).
    public internal(set) var shownAt: Date?
    /// Cards not yet shown, in queue order.
    public internal(set) var pending: [Card]
    /// Learning cards coming back later in this session, with their due times.
    public internal(set) var learning: [(card: Card, due: Date)] = []
    public internal(set) var counts = SessionCounts()
    /// Time of the last entry applied; new entries are stamped at least 1 ms after it, so
    /// that the log's order (time first) is the order things happened in.
    public internal(set) var lastEntryTime: Date?
    /// The collection's reviews per day, for the load balancer and easy days (nil when they
    /// are off); kept up to date as cards are answered.
    public internal(set) var workload: Workload?
    var answers: [AnswerRecord] = []

    /// - Parameters:
    ///   - queue: today's cards in the order to show them. Learning cards due later today are
    ///     held back until their step is due.
    ///   - records: card states replayed from the log (cards without one are new): the whole
    ///     collection's, which the load balancer counts.
    public init(queue: [Card], records: CardRecords, replay: CollectionReplay,
                device: String, now: Date, learnAheadMinutes: Int? = nil) {
        self.replay = replay
        self.device = device
        self.startedAt = now
        var own: CardRecords = [:]
        own.reserveCapacity(queue.count)
        for card in queue { own[card.id] = records[card.id] }
        self.records = own
        self.learnAhead = Double(learnAheadMinutes ?? replay.scheduler.settings.learnAheadMinutes) * 60
        workload = Workload(records: records, calendar: replay.calendar, settings: replay.scheduler.settings)
        pending = []
        for card in queue {
            if let schedule = records[card.id]?.schedule, schedule.isLearning, schedule.due > now {
                learning.append((card, schedule.due))
            } else {
                pending.append(card)
            }
        }
    }

    /// Cards answered so far (undone answers excluded).
    public var answeredCount: Int { answers.count }
    /// Cards left, including the current one and learning cards still to come back.
    public var remainingCount: Int { pending.count + learning.count + (current == nil ? 0 : 1) }
    /// The cards left in this session by what they are now, the current one included: new,
    /// learning (and relearning, including those coming back later) and reviews due. Sums to
    /// ``remainingCount``.
    public var left: QueueCounts {
        var counts = QueueCounts()
        func add(_ card: Card) {
            switch records[card.id]?.schedule.state {
            case nil, .new?: counts.new += 1
            case .learning?, .relearning?: counts.learning += 1
            case .review?: counts.review += 1
            }
        }
        if let current { add(current) }
        for card in pending { add(card) }
        for item in learning { add(item.card) }
        return counts
    }
    /// True while there are answers ``undoLastAnswer(at:)`` can take back.
    public var canUndo: Bool { !answers.isEmpty }

    /// The state of `card` (a new card's if it has none yet).
    public func schedule(of card: Card, at now: Date) -> CardSchedule {
        records[card.id]?.schedule ?? replay.scheduler.newCard(createdAt: now)
    }

    /// Picks the next card (keeps the current one if there is one); `nil` when the session
    /// is over. Learning cards beyond the learn-ahead limit do not keep it open.
    public mutating func nextCard(at now: Date) -> Card? {
        if let current { return current }
        learning.sort { $0.due < $1.due }
        if let first = learning.first, first.due <= now {
            learning.removeFirst()
            return show(first.card, at: now)
        }
        if !pending.isEmpty { return show(pending.removeFirst(), at: now) }
        if let first = learning.first, first.due <= now.addingTimeInterval(learnAhead) {
            learning.removeFirst()
            return show(first.card, at: now)
        }
        return nil
    }

    private mutating func show(_ card: Card, at now: Date) -> Card {
        current = card
        shownAt = now
        return card
    }

    /// The four possible outcomes for the current card, for the grade prompt.
    public func preview(at now: Date) -> SchedulingPreview? {
        guard let card = current else { return nil }
        return replay.scheduler(for: card.id).preview(schedule(of: card, at: now), at: now,
                                                      calendar: replay.calendar, fuzzSeed: fuzzSeed(card),
                                                      workload: workload)
    }

    private func fuzzSeed(_ card: Card) -> UInt64 {
        IntervalFuzz.seed(card: card.id, reviewCount: records[card.id]?.reviewCount ?? 0)
    }

    /// The log entry for answering the current card with `rating` at `now` (time rounded to
    /// the millisecond, as the log keeps it; duration capped at ``maximumAnswerMs``).
    public func answerEntry(_ rating: Rating, at now: Date) -> ReviewLogEntry? {
        guard let card = current else { return nil }
        let elapsed = shownAt.map { now.timeIntervalSince($0) * 1000 } ?? 0
        let ms = min(ReviewSession.maximumAnswerMs, max(0, Int(elapsed.rounded())))
        // The due date is decided now and kept: a later change of settings leaves it alone.
        return replay.answerEntry(card.id, rating, at: stamp(now), durationMs: ms, device: device,
                                  record: records[card.id], workload: workload)
    }

    /// Longest time counted for one answer (60 s, as in Anki): a card left on screen during a
    /// coffee break should not count as an hour of study.
    public static let maximumAnswerMs = 60_000

    /// The log entry for taking back the latest answer, or `nil` if there is none.
    public func undoEntry(at now: Date) -> ReviewLogEntry? {
        guard let last = answers.last else { return nil }
        return ReviewLogEntry(event: .undo, card: last.card.id, time: stamp(now),
                              device: device, target: last.entry.time)
    }

    /// The log entry to bury (`.bury`), suspend (`.suspend`) or forget (`.forget`) the
    /// current card.
    public func flagEntry(_ event: ReviewLogEntry.Event, at now: Date) -> ReviewLogEntry? {
        guard let card = current, [.bury, .suspend, .forget].contains(event) else { return nil }
        return ReviewLogEntry(event: event, card: card.id, time: stamp(now), device: device)
    }

    /// The log entry making the current card due `days` study days from today (0: today);
    /// `nil` for a card never studied, which has no due date to set.
    public func setDueEntry(days: Int, at now: Date) -> ReviewLogEntry? {
        guard let card = current, let state = records[card.id]?.schedule.state, state != .new else { return nil }
        let calendar = replay.calendar
        return ReviewLogEntry(event: .setdue, card: card.id, time: stamp(now), device: device,
                              target: calendar.startOfDay(calendar.dayNumber(now) + days))
    }

    /// `now` rounded to the millisecond, and at least 1 ms after the last applied entry.
    func stamp(_ now: Date) -> Date {
        ReviewSession.stamp(now, after: lastEntryTime)
    }

    /// `date` rounded to the millisecond (as the log keeps it), and at least 1 ms after
    /// `previous` when given.
    public static func stamp(_ date: Date, after previous: Date?) -> Date {
        var ms = (date.timeIntervalSince1970 * 1000).rounded()
        if let previous { ms = max(ms, (previous.timeIntervalSince1970 * 1000).rounded() + 1) }
        return Date(timeIntervalSince1970: ms / 1000)
    }
}
