import Foundation

/// How many studied cards are due today and over the coming week: what `recall reschedule`
/// reports before and after it moves cards.
public struct DueOutlook: Equatable, Sendable {
    /// Cards due today, overdue ones included.
    public var today: Int
    /// Cards due today or in the next 6 study days.
    public var week: Int

    public init(today: Int, week: Int) {
        self.today = today
        self.week = week
    }

    /// Counts `records` (new and suspended cards are left out) on study day `day`.
    public init(records: CardRecords, calendar: StudyCalendar, day: Int) {
        var today = 0, week = 0
        for (_, record) in records where !record.suspended && record.schedule.state != .new {
            let due = calendar.dayNumber(record.schedule.due)
            if due <= day { today += 1 }
            if due <= day + 6 { week += 1 }
        }
        self.init(today: today, week: week)
    }
}
