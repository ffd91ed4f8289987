import Foundation

/// Derives every card's state by folding the review log through the scheduler.
///
/// The log is the truth; this is the only place it turns into card states. Switching
/// algorithm is replaying the whole log with a ``CollectionReplay`` made from the other
/// settings.
public struct CollectionReplay: Sendable {
    /// The collection's scheduler (``CollectionSettings/parameters``).
    public let scheduler: Scheduler
    public let calendar: StudyCalendar
    /// Schedulers with the settings of decks that have a scheduling preset (see
    /// ``DeckPreset``), and which card uses which.
    private let deckSchedulers: [Scheduler]
    private let deckSchedulerOf: [CardID: Int]

    /// What a replay produced.
    public struct Result: Sendable {
        public var records: CardRecords
        /// Cards that reached the leech threshold during this replay (and were suspended),
        /// in log order.
        public var newLeeches: [CardID]
        /// Every counted review annotated for stats, in log order; empty unless asked for.
        public var reviews: [ReviewRecord]
        /// Undo entries whose review was not among the entries replayed. After an incremental
        /// ``apply(_:to:annotate:)`` this means the caller must replay the whole log.
        public var unmatchedUndos: [ReviewLogEntry]
    }

    /// `counting` is `.studyDays` in the product and `.whole24HourPeriods` for conformance.
    public init(settings: CollectionSettings, calendar: StudyCalendar,
                counting: DayCounting = .studyDays) {
        scheduler = Scheduler(settings: settings, counting: counting)
        self.calendar = calendar
        var schedulers: [Scheduler] = []
        var of: [CardID: Int] = [:]
        // Sorted, so that a card listed twice (a hand-edited file) goes to the deeper deck.
        for (deck, preset) in settings.deckPresets.sorted(by: { $0.key < $1.key }) where !preset.cards.isEmpty {
            for card in preset.cards { of[card] = schedulers.count }
            schedulers.append(Scheduler(settings: settings.settings(forDeck: deck), counting: counting))
        }
        deckSchedulers = schedulers
        deckSchedulerOf = of
    }

    /// Whether some cards are scheduled with settings of their deck.
    public var hasDeckPresets: Bool { !deckSchedulerOf.isEmpty }

    /// The scheduler of `card`: with its deck's preset if it has one, else the collection's.
    public func scheduler(for card: CardID) -> Scheduler {
        guard !deckSchedulerOf.isEmpty, let i = deckSchedulerOf[card] else { return scheduler }
        return deckSchedulers[i]
    }

    /// Replays the whole log (sorted here by ``ReviewLogEntry/order(_:_:)`` if it is not).
    ///
    /// With `annotate`, also returns one ``ReviewRecord`` per counted review.
    public func replay(_ log: [ReviewLogEntry], annotate: Bool = false) -> Result {
        apply(log, to: [:], annotate: annotate)
    }

    /// Applies further entries (a log tail, later in log order than what `records` was made
    /// from) to existing records. Undone reviews inside `entries` are dropped; an undo whose
    /// review is not in `entries` is returned in ``Result/unmatchedUndos`` and otherwise ignored.
    public func apply(_ entries: [ReviewLogEntry], to records: CardRecords,
                      annotate: Bool = false) -> Result {
        let sorted = CollectionReplay.isSorted(entries) ? entries
            : entries.sorted(by: ReviewLogEntry.order)
        let (counted, unmatched) = CollectionReplay.droppingUndone(sorted)
        var result = Result(records: records, newLeeches: [], reviews: [],
                            unmatchedUndos: unmatched)
        if annotate { result.reviews.reserveCapacity(counted.count) }
        if records.isEmpty { result.records.reserveCapacity(counted.count / 8) }
        for entry in counted {
            let annotated = annotate && entry.event == .review && entry.rating != nil
            // Updated in place: one hash lookup per entry.
            let (leech, review) = update(&result.records[entry.card, default: CardRecord(
                schedule: scheduler.newCard(createdAt: entry.time))], with: entry,
                annotate: annotated)
            if leech { result.newLeeches.append(entry.card) }
            if let review { result.reviews.append(review) }
        }
        return result
    }

    private func update(_ record: inout CardRecord, with entry: ReviewLogEntry,
                        annotate: Bool) -> (leech: Bool, review: ReviewRecord?) {
        let before = record.schedule
        let leech = fold(entry, into: &record)
        return (leech, annotate ? annotation(entry, before, record.schedule) : nil)
    }

    /// Applies one entry (never an undo) to a card's record. Returns `true` if this review
    /// made the card a leech (it is then suspended).
    @discardableResult
    public func fold(_ entry: ReviewLogEntry, into record: inout CardRecord) -> Bool {
        switch entry.event {
        case .review:
            guard let rating = entry.rating else { return false }
            return review(rating, at: entry.time, card: entry.card, keeping: entry.scheduledDays,
                          record: &record)
        case .undo:
            return false
        case .suspend:
            record.suspended = true
        case .unsuspend:
            record.suspended = false
        case .bury:
            record.buriedUntilDay = calendar.dayNumber(entry.time)
        case .unbury:
            record.buriedUntilDay = nil
        case .setdue:
            guard record.schedule.state != .new, let due = entry.target else { return false }
            record.schedule.due = due
        case .reschedule:
            if let days = entry.scheduledDays {
                guard record.schedule.state == .review, let last = record.schedule.lastReview else { return false }
                record.schedule = record.schedule.kept(days: days, after: last, calendar: calendar,
                                                       counting: scheduler.counting)
            } else {
                record.schedule = scheduler(for: entry.card).rescheduled(
                    record.schedule, calendar: calendar,
                    fuzzSeed: IntervalFuzz.seed(card: entry.card, reviewCount: max(0, record.reviewCount - 1)))
            }
        case .forget:
            record.schedule = scheduler.newCard(createdAt: entry.time)
            record.isLeech = false
            record.buriedUntilDay = nil
            record.introduced = nil
            record.lastReviewAsReview = nil
        }
        return false
    }

    /// `kept`: the interval recorded with the answer, which decides the due date (the
    /// memory state still follows the current parameters).
    private func review(_ rating: Rating, at time: Date, card: CardID, keeping kept: Int?,
                        record: inout CardRecord) -> Bool {
        let before = record.schedule
        if before.state == .new { record.introduced = time }
        if before.state == .review { record.lastReviewAsReview = time }
        let seed = IntervalFuzz.seed(card: card, reviewCount: record.reviewCount)
        // The collection's scheduler directly when no deck has a preset: the hot path of
        // every replay stays as it was.
        if deckSchedulerOf.isEmpty {
            record.schedule = scheduler.next(before, rating: rating, at: time, calendar: calendar,
                                             fuzzSeed: seed)
        } else {
            record.schedule = scheduler(for: card).next(before, rating: rating, at: time,
                                                        calendar: calendar, fuzzSeed: seed)
        }
        if let kept {
            record.schedule = record.schedule.kept(days: kept, after: time, calendar: calendar,
                                                   counting: scheduler.counting)
        }
        record.reviewCount += 1
        let threshold = scheduler.settings.leechThreshold
        let lapses = record.schedule.lapses
        guard threshold > 0, lapses > before.lapses, lapses >= threshold else { return false }
        let step = max(1, threshold / 2)
        guard (lapses - threshold) % step == 0 else { return false }
        record.isLeech = true
        record.suspended = true
        return true
    }

    private func annotation(_ entry: ReviewLogEntry, _ before: CardSchedule,
                            _ after: CardSchedule) -> ReviewRecord {
        let elapsed = before.lastReview.map {
            scheduler.counting.elapsedDays(from: $0, to: entry.time, calendar: calendar)
        }
        return ReviewRecord(
            entry: entry, stateBefore: before,
            retrievabilityBefore: elapsed.flatMap {
                scheduler(for: entry.card).retrievability(of: before, elapsedDays: $0)
            },
            elapsedDays: elapsed, scheduledDaysBefore: before.scheduledDays, scheduleAfter: after)
    }

    static func isSorted(_ entries: [ReviewLogEntry]) -> Bool {
        var i = 1
        while i < entries.count {
            if ReviewLogEntry.order(entries[i], entries[i - 1]) { return false }
            i += 1
        }
        return true
    }

    /// Removes undo entries and the entries they take back. Each undo takes back the most
    /// recent earlier review (or reschedule) of its card made on the same device at its
    /// `target` time (to the millisecond) that is not already undone; failing that, a
    /// `setdue` of its card made at that time on any device (a move of due dates taken back,
    /// see ``DueMoveUndo``).
    public static func droppingUndone(_ entries: [ReviewLogEntry])
        -> (counted: [ReviewLogEntry], unmatched: [ReviewLogEntry]) {
        guard entries.contains(where: { $0.event == .undo }) else { return (entries, []) }
        var undone = [Bool](repeating: false, count: entries.count)
        var reviewsByCard: [CardID: [Int]] = [:]
        var movesByCard: [CardID: [Int]] = [:]
        var unmatched: [ReviewLogEntry] = []
        for (i, entry) in entries.enumerated() {
            switch entry.event {
            case .review, .reschedule:
                reviewsByCard[entry.card, default: []].append(i)
            case .setdue:
                movesByCard[entry.card, default: []].append(i)
            case .undo:
                undone[i] = true
                let target = entry.target ?? entry.time
                let at = { (j: Int) in abs(entries[j].time.timeIntervalSince(target)) < 0.0005 }
                let match = reviewsByCard[entry.card]?.last(where: {
                    !undone[$0] && entries[$0].device == entry.device && at($0)
                }) ?? movesByCard[entry.card]?.last(where: { !undone[$0] && at($0) })
                if let match { undone[match] = true } else { unmatched.append(entry) }
            default:
                break
            }
        }
        let counted = entries.indices.filter { !undone[$0] }.map { entries[$0] }
        return (counted, unmatched)
    }
}
