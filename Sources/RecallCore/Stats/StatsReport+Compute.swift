import Foundation

extension StatsReport {
    /// Computes every number of `recall stats` for the cards that `filter` selects, in one pass
    /// over the reviews. Reviews of cards missing from `input.cards` count only without a filter.
    ///
    /// An input with a ``StatsInput/prefixSummary`` is for `.all` only: its summed-up reviews
    /// cannot be split by deck or tag.
    public static func compute(_ input: StatsInput, filter: StatsFilter = .all) -> StatsReport {
        let today = input.calendar.dayNumber(input.now)
        var pass = if let summary = input.prefixSummary {
            ReviewPass(today: today, calendar: input.calendar, resuming: summary)
        } else {
            ReviewPass(today: today, calendar: input.calendar)
        }
        pass.register(input.cards, filter: filter)
        for review in input.reviews { pass.add(review) }
        let days = pass.studyDays()
        // The whole collection needs no copy of its cards.
        let selectedCards = filter == .all ? input.cards : input.cards.filter(filter.matches)
        let forecast = forecastCounts(selectedCards, calendar: input.calendar, today: today)
        var todayStats = pass.todayStats
        todayStats.due = forecast[0]
        return StatsReport(
            today: today,
            todayStats: todayStats,
            streak: streak(days: days, today: today),
            heatmap: heatmap(days: days, today: today),
            forecast: forecast,
            retention: RetentionTable(rows: pass.retention, desired: input.desiredRetention),
            collection: collection(selectedCards),
            calibration: pass.calibration.result(),
            mostLapses: mostLapses(selectedCards, leechesOnly: false),
            leeches: mostLapses(selectedCards, leechesOnly: true),
            hardest: hardest(selectedCards),
            totalReviews: pass.total)
    }

    /// Due review cards per day for the next ``forecastDays`` days; overdue ones count today.
    static func forecastCounts(_ cards: [StatsCard], calendar: StudyCalendar, today: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: forecastDays)
        cards.withUnsafeBufferPointer { cards in  // no copies of the cards
            for i in cards.indices where !cards[i].suspended && cards[i].state != .new {
                guard let due = cards[i].due else { continue }
                let offset = max(0, calendar.dayNumber(due) - today)
                if offset < forecastDays { counts[offset] += 1 }
            }
        }
        return counts
    }

    /// Current and longest runs of consecutive study days; `days` is sorted, one entry per day.
    static func streak(days: [(day: Int, count: Int)], today: Int) -> StreakStats {
        var result = StreakStats()
        result.daysStudied = days.count
        var run = 0
        var previous = Int.min
        for (day, _) in days where day <= today {
            run = previous != Int.min && day == previous + 1 ? run + 1 : 1
            previous = day
            result.longest = max(result.longest, run)
        }
        // `run` is the run ending on the last study day up to today.
        if previous == today || previous == today - 1 { result.current = run }
        return result
    }

    /// The heatmap window (53 week columns ending with today's week) and its shading.
    static func heatmap(days: [(day: Int, count: Int)], today: Int) -> HeatmapStats {
        let monday = today - StudyCalendar.weekday(day: today)
        let first = monday - (HeatmapStats.weeks - 1) * 7
        var counts = [Int](repeating: 0, count: today - first + 1)
        for (day, count) in days where day >= first && day <= today {
            counts[day - first] = count
        }
        let nonZero = counts.filter { $0 > 0 }.sorted()
        let thresholds = [0.25, 0.5, 0.75].map { p -> Int in
            guard !nonZero.isEmpty else { return 0 }
            let rank = Int((p * Double(nonZero.count)).rounded(.up))
            return nonZero[max(0, rank - 1)]
        }
        return HeatmapStats(firstDay: first, lastDay: today, counts: counts,
                            thresholds: thresholds, maximum: nonZero.last ?? 0)
    }
}
