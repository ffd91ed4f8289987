import Foundation

extension CollectionReplay {
    /// The log entry for answering `card` (whose record is `record`, nil when new) with
    /// `rating` at `time` (already stamped): a review that records the interval it decides
    /// when the card goes to review, its day chosen by `workload` (see
    /// ``Scheduler/next(_:rating:at:calendar:fuzzSeed:workload:)``), so that the due date is
    /// kept whatever the settings later become.
    public func answerEntry(_ card: CardID, _ rating: Rating, at time: Date, durationMs: Int = 0,
                            device: String, record: CardRecord?, workload: Workload?) -> ReviewLogEntry {
        var entry = ReviewLogEntry.review(card, rating, at: time, durationMs: durationMs, device: device)
        let schedule = record?.schedule ?? scheduler.newCard(createdAt: time)
        let seed = IntervalFuzz.seed(card: card, reviewCount: record?.reviewCount ?? 0)
        let outcome = scheduler(for: card).next(schedule, rating: rating, at: time, calendar: calendar,
                                                fuzzSeed: seed, workload: workload)
        if outcome.state == .review { entry.scheduledDays = outcome.scheduledDays }
        return entry
    }
}
