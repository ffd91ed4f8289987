import Foundation

/// The single pass over the review log behind ``StatsReport/compute(_:filter:)``: today's
/// counts, reviews per day, the retention table and the calibration bins, without allocating
/// per review.
struct ReviewPass {
    let today: Int
    private var days: DayCache
    /// Dense index per card, so per-card counters live in arrays.
    private var index = CardIndexTable(capacity: 1024)
    private var selected: [Bool] = []
    /// Per card: reviews a day or more after the previous one, and Again ratings among them.
    private var longTermReviews: [Int32] = []
    private var longTermLapses: [Int32] = []
    private var unknownSelected = true

    private(set) var todayStats = TodayStats()
    private var todayMs = 0
    private(set) var total = 0
    private(set) var retention = RetentionTable.periods.map { RetentionTable.Row(days: $0) }
    private(set) var calibration = CalibrationAccumulator()
    /// Reviews per day, run-length encoded in log order.
    private var runs: [(day: Int, count: Int)] = []
    private var sortedRuns = true

    init(today: Int, calendar: StudyCalendar) {
        self.today = today
        self.days = DayCache(calendar: calendar)
    }

    /// Indexes the collection's cards and marks those the filter selects.
    mutating func register(_ cards: [StatsCard], filter: StatsFilter) {
        index = CardIndexTable(capacity: cards.count + 1024)
        for card in cards where index.index(of: card.id).isNew {
            selected.append(filter.matches(card))
        }
        longTermReviews = [Int32](repeating: 0, count: selected.count)
        longTermLapses = longTermReviews
        if case .all = filter { unknownSelected = true } else { unknownSelected = false }
    }

    /// Counts one review.
    mutating func add(_ review: StatsReview) {
        let card = slot(review.card)
        guard selected[card] else { return }
        let day = days.day(review.time)
        total += 1
        countDay(day)
        if day == today { countToday(review) }
        if review.stateBefore == .review, day <= today { countRetention(review, day: day) }
        if review.elapsedDays >= 1 {
            let passed = review.rating.isSuccess
            longTermReviews[card] += 1
            if review.stateBefore != .new, let predicted = review.retrievabilityBefore {
                let bin = CalibrationStats.Exponents(elapsedDays: review.elapsedDays,
                                                     longTermReviews: Int(longTermReviews[card]),
                                                     lapses: Int(longTermLapses[card]))
                calibration.add(bin, predicted: predicted, passed: passed)
            }
            if !passed { longTermLapses[card] += 1 }
        }
    }

    /// Days with reviews, sorted, one entry per day.
    func studyDays() -> [(day: Int, count: Int)] {
        if sortedRuns { return runs }
        var merged: [(day: Int, count: Int)] = []
        for run in runs.sorted(by: { $0.day < $1.day }) {
            if let last = merged.last, last.day == run.day {
                merged[merged.count - 1].count += run.count
            } else {
                merged.append(run)
            }
        }
        return merged
    }

    private mutating func slot(_ id: CardID) -> Int {
        let (i, isNew) = index.index(of: id)
        guard isNew else { return i }
        selected.append(unknownSelected)
        longTermReviews.append(0)
        longTermLapses.append(0)
        return i
    }

    private mutating func countDay(_ day: Int) {
        if let last = runs.last, last.day == day {
            runs[runs.count - 1].count += 1
            return
        }
        if let last = runs.last, last.day > day { sortedRuns = false }
        runs.append((day, 1))
    }

    private mutating func countToday(_ review: StatsReview) {
        todayStats.reviewed += 1
        if review.stateBefore == .new { todayStats.new += 1 }
        if review.rating == .again { todayStats.again += 1 }
        todayMs += max(0, review.durationMs)
        todayStats.seconds = (todayMs + 500) / 1000
    }
    private mutating func countRetention(_ review: StatsReview, day: Int) {
        let mature = review.scheduledDaysBefore >= RetentionTable.matureDays
        let passed = review.rating.isSuccess ? 1 : 0
        for i in retention.indices where today - day < retention[i].days {
            if mature {
                retention[i].mature.reviews += 1
                retention[i].mature.passed += passed
            } else {
                retention[i].young.reviews += 1
                retention[i].young.passed += passed
            }
        }
    }
}

/// Maps instants to study days, remembering the bounds of the last day so that a sorted log
/// needs a time-zone lookup only when the day changes.
struct DayCache {
    let calendar: StudyCalendar
    private var start = Double.infinity
    private var end = -Double.infinity
    private var current = 0

    init(calendar: StudyCalendar) { self.calendar = calendar }

    mutating func day(_ date: Date) -> Int {
        let t = date.timeIntervalSince1970
        if t >= start && t < end { return current }
        current = calendar.dayNumber(date)
        start = calendar.startOfDay(current).timeIntervalSince1970
        end = calendar.startOfDay(current + 1).timeIntervalSince1970
        // Guard against an odd time-zone transition making the bounds disagree.
        if !(t >= start && t < end) { start = t; end = t }
        return current
    }
}
