import Foundation

/// After an unplanned absence: whether today's reviews are a backlog worth spreading with
/// `recall postpone`, and what the default postpone would do.
///
/// A backlog is at least ``minimumBacklog`` due review cards, more than twice the usual
/// load (the mean due per day over the next four weeks), after ``minimumAbsence`` or more
/// study days without a review that no planned break covers.
public struct BacklogAdvice: Sendable {
    public var due: Int
    public var usualLoad: Int
    /// Study days since the last review.
    public var daysAway: Int
    /// What `recall postpone --days` ``PostponePlan/defaultDays`` would do now.
    public var plan: PostponePlan

    public static let minimumBacklog = 50
    public static let minimumAbsence = 2

    /// The advice for `cards` (every review card) on study day `today`, or `nil` when there
    /// is no backlog. `lastReviewDay` is the study day of the last review in the collection.
    public init?(cards: [MovableCard], today: Int, lastReviewDay: Int?, breaks: PlannedBreaks,
                 replay: CollectionReplay) {
        guard let lastReviewDay, today - lastReviewDay >= Self.minimumAbsence else { return nil }
        // Away on a planned break: its cards were moved already; what is due is planned.
        if ((lastReviewDay + 1)..<today).contains(where: { day in breaks.all.contains { $0.covers(day) } }) {
            return nil
        }
        let due = cards.filter { $0.dueDay <= today }.count
        let usual = DueLoad(cards, today: today).mean(over: (today + 1)...(today + 28))
        guard due >= Self.minimumBacklog, due > 2 * usual else { return nil }
        self.due = due
        usualLoad = usual
        daysAway = today - lastReviewDay
        plan = PostponePlan(cards: cards, all: cards, today: today, days: PostponePlan.defaultDays,
                            breaks: breaks, replay: replay)
    }
}

extension BacklogAdvice {
    /// The study day of the latest review among `records`; `nil` when nothing was studied.
    public static func lastReviewDay(_ records: CardRecords, calendar: StudyCalendar) -> Int? {
        var latest: Date?
        for (_, record) in records {
            guard let last = record.schedule.lastReview else { continue }
            if latest.map({ last > $0 }) ?? true { latest = last }
        }
        return latest.map(calendar.dayNumber)
    }
}

extension PostponePlan {
    /// The days `recall postpone` spreads over when not told: a week.
    public static let defaultDays = 7
}
