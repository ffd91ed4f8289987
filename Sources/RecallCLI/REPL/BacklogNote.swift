import Foundation
import RecallCore

/// The offer to spread a backlog after an unplanned absence, shown by the shell's greeting
/// and at the start of `recall review` (see ``BacklogAdvice``).
enum BacklogNote {
    /// The offer's text, or `nil` when there is no backlog; it names postpone as the user
    /// runs it where the note is shown (``TypedCommand``).
    static func text(_ data: StudyData, now: Date) -> String? {
        let today = data.calendar.dayNumber(now)
        // Most days end here: studied yesterday or today.
        guard let last = BacklogAdvice.lastReviewDay(data.records, calendar: data.calendar),
              today - last >= BacklogAdvice.minimumAbsence else { return nil }
        let replay = CollectionReplay(settings: data.settings, calendar: data.calendar)
        let cards = MovableCard.collect(data.cards, records: data.records, replay: replay)
        guard let advice = BacklogAdvice(cards: cards, today: today, lastReviewDay: last,
                                         breaks: data.settings.plannedBreaks, replay: replay) else { return nil }
        let plan = advice.plan
        let points = String(format: "%.1f", max(0, plan.cost.points))
        let command = TypedCommand.text("postpone")
        return "\(advice.due) reviews are due after \(advice.daysAway) days away. '\(command)' spreads them "
            + "over the next \(plan.days) days: the \(plan.keptToday) most overdue stay today, at most "
            + "\(plan.busiestDay) a day, predicted recall of the moved cards \(points) points lower "
            + "('\(command) --dry-run' shows it first)."
    }
}
