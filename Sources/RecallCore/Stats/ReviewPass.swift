import Foundation

/// The single pass over the review log behind ``StatsReport/compute(_:filter:)``: per-day
/// totals (today's counts, reviews per day, the retention table come from them), the
/// calibration bins and the per-card counters they need, without allocating per review.
///
/// Its state for the whole collection is a ``StatsSummary``: a pass can start from one and
/// go on with later reviews.
struct ReviewPass {
    let today: Int
    private var dayCache: DayCache
    /// Dense index per card, so per-card counters live in arrays.
    private var index = CardIDSet(minimumCapacity: 1024)
    private var cardIDs: [CardID] = []
    private var selected: [Bool] = []
    /// Per card: reviews a day or more after the previous one, and Again ratings among them.
    private var longTermReviews: [Int32] = []
    private var longTermLapses: [Int32] = []
    private var unknownSelected = true

    private(set) var total = 0
    private(set) var calibration = CalibrationAccumulator()
    /// Per study day, in the order first seen; `dayIndex` finds a day's entry.
    private var dayTotals: [StatsSummary.Day] = []
    private var dayIndex: [Int: Int] = [:]
    private var lastDay = Int.min, lastDaySlot = -1

    init(today: Int, calendar: StudyCalendar) {
        self.today = today
        self.dayCache = DayCache(calendar: calendar)
    }

    /// A pass that goes on from `summary` (the whole collection's earlier reviews).
    init(today: Int, calendar: StudyCalendar, resuming summary: StatsSummary) {
        self.init(today: today, calendar: calendar)
        index = CardIDSet(minimumCapacity: summary.cards.count + 1024)
        cardIDs.reserveCapacity(summary.cards.count)
        for counts in summary.cards where index.insert(counts.card).inserted {
            cardIDs.append(counts.card)
            selected.append(true)
            longTermReviews.append(counts.longTermReviews)
            longTermLapses.append(counts.longTermLapses)
        }
        total = summary.total
        dayTotals = summary.days
        for (i, day) in dayTotals.enumerated() { dayIndex[day.day] = i }
        calibration = CalibrationAccumulator(bins: summary.bins)
    }

    /// The state of the pass, for going on later (meaningful without a selection only).
    var summary: StatsSummary {
        StatsSummary(total: total, days: dayTotals, bins: calibration.bins,
                     cards: cardIDs.indices.map {
                         StatsSummary.CardCounts(card: cardIDs[$0], longTermReviews: longTermReviews[$0],
                                                 longTermLapses: longTermLapses[$0])
                     })
    }

    /// Indexes the collection's cards and marks those the filter selects.
    mutating func register(_ cards: [StatsCard], filter: StatsFilter) {
        if index.count == 0 { index = CardIDSet(minimumCapacity: cards.count + 1024) }
        let all = filter == .all
        cards.withUnsafeBufferPointer { cards in
            for i in cards.indices where index.insert(cards[i].id).inserted {
                cardIDs.append(cards[i].id)
                selected.append(all || filter.matches(cards[i]))
                longTermReviews.append(0)
                longTermLapses.append(0)
            }
        }
        if case .all = filter { unknownSelected = true } else { unknownSelected = false }
    }

    /// Counts one review.
    mutating func add(_ review: StatsReview) {
        let card = slot(review.card)
        guard selected[card] else { return }
        total += 1
        let d = daySlot(dayCache.day(review.time))
        dayTotals[d].reviews += 1
        if review.stateBefore == .new { dayTotals[d].new += 1 }
        if review.rating == .again { dayTotals[d].again += 1 }
        dayTotals[d].milliseconds += max(0, review.durationMs)
        let passed = review.rating.isSuccess
        if review.stateBefore == .review {
            if review.scheduledDaysBefore >= RetentionTable.matureDays {
                dayTotals[d].mature.reviews += 1
                if passed { dayTotals[d].mature.passed += 1 }
            } else {
                dayTotals[d].young.reviews += 1
                if passed { dayTotals[d].young.passed += 1 }
            }
        }
        if review.elapsedDays >= 1 {
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

    /// Today's reviews, new cards, Again presses and time (``TodayStats/due`` is left 0).
    var todayStats: TodayStats {
        var stats = TodayStats()
        guard let i = dayIndex[today] else { return stats }
        let day = dayTotals[i]
        stats.reviewed = day.reviews
        stats.new = day.new
        stats.again = day.again
        stats.seconds = (day.milliseconds + 500) / 1000
        return stats
    }

    /// The true retention over the periods of ``RetentionTable/periods`` ending today.
    var retention: [RetentionTable.Row] {
        var rows = RetentionTable.periods.map { RetentionTable.Row(days: $0) }
        for day in dayTotals where day.day <= today {
            for i in rows.indices where today - day.day < rows[i].days {
                rows[i].young.reviews += day.young.reviews
                rows[i].young.passed += day.young.passed
                rows[i].mature.reviews += day.mature.reviews
                rows[i].mature.passed += day.mature.passed
            }
        }
        return rows
    }

    /// Days with reviews, sorted, one entry per day.
    func studyDays() -> [(day: Int, count: Int)] {
        dayTotals.map { (day: $0.day, count: $0.reviews) }.sorted { $0.day < $1.day }
    }

    private mutating func slot(_ id: CardID) -> Int {
        let (isNew, i) = index.insert(id)
        guard isNew else { return i }
        cardIDs.append(id)
        selected.append(unknownSelected)
        longTermReviews.append(0)
        longTermLapses.append(0)
        return i
    }

    /// The entry of `day` in ``dayTotals``, made if new (reviews mostly come day by day).
    private mutating func daySlot(_ day: Int) -> Int {
        if day == lastDay { return lastDaySlot }
        let slot: Int
        if let found = dayIndex[day] {
            slot = found
        } else {
            slot = dayTotals.count
            dayTotals.append(StatsSummary.Day(day: day))
            dayIndex[day] = slot
        }
        lastDay = day
        lastDaySlot = slot
        return slot
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
