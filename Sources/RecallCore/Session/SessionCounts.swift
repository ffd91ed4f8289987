import Foundation

/// Running totals of a review session, for its summary.
public struct SessionCounts: Hashable, Sendable {
    /// Answers given (undone ones excluded).
    public var answered = 0
    public var again = 0
    /// Answers to cards that were new before the answer.
    public var new = 0
    /// Answers to cards in review state (these make up the retention figure).
    public var reviewAnswers = 0
    /// Review-state answers rated Hard, Good or Easy.
    public var reviewPassed = 0
    /// Time spent answering, in milliseconds (each answer capped, see ``ReviewSession``).
    public var durationMs = 0
    public var buried = 0
    public var suspended = 0

    public init() {}

    mutating func count(_ rating: Rating, previousState: CardState, durationMs ms: Int) {
        tally(rating, previousState, ms, sign: 1)
    }

    mutating func uncount(_ rating: Rating, previousState: CardState, durationMs ms: Int) {
        tally(rating, previousState, ms, sign: -1)
    }

    private mutating func tally(_ rating: Rating, _ state: CardState, _ ms: Int, sign: Int) {
        answered += sign
        durationMs += sign * ms
        if rating == .again { again += sign }
        if state == .new { new += sign }
        if state == .review {
            reviewAnswers += sign
            if rating.isSuccess { reviewPassed += sign }
        }
    }

    /// Share of review-state answers that passed, or `nil` when there were none.
    public var retention: Double? {
        reviewAnswers > 0 ? Double(reviewPassed) / Double(reviewAnswers) : nil
    }
}

extension ReviewSession {
    /// Cards of `cards` due by the end of tomorrow's study day: not suspended, not new, not
    /// buried tomorrow. Pass the cards to count (a session's deck or query, or the whole
    /// collection) as they are in the decks now, with the collection's records; records of
    /// cards no longer in a deck do not count.
    public static func dueTomorrow(cards: [Card], records: CardRecords, calendar: StudyCalendar,
                                   now: Date) -> Int {
        let tomorrow = calendar.dayNumber(now) + 1
        var count = 0
        for card in cards {
            guard let record = records[card.id] else { continue }
            if !record.suspended && record.schedule.state != .new
                && !record.isBuried(onDay: tomorrow) && calendar.dayNumber(record.schedule.due) <= tomorrow {
                count += 1
            }
        }
        return count
    }
}
