import RecallCore

extension StatsJSON {
    init(_ r: StatsReport, scope: String) {
        let t = r.todayStats
        let (y, m, d) = StudyCalendar.civil(fromDays: r.today)
        date = String(format: "%04d-%02d-%02d", y, m, d)
        self.scope = scope
        today = Today(reviewed: t.reviewed, new: t.new, again: t.again, seconds: t.seconds, due: t.due)
        streak = Streak(current: r.streak.current, longest: r.streak.longest,
                        daysStudied: r.streak.daysStudied)
        heatmap = Self.heatmap(r.heatmap)
        forecast = r.forecast
        retention = Self.retention(r.retention)
        let c = r.collection
        cards = Cards(new: c.new, learning: c.learning, review: c.review, relearning: c.relearning,
                      suspended: c.suspended, buried: c.buried, forgotten: c.forgotten, total: c.total)
        collection = Collection(
            averageRetrievability: c.averageRetrievability,
            difficulty: zip(CollectionStats.difficultyBins, c.difficulty).map {
                HistogramBin(from: ($0 * 10).rounded() / 10, cards: $1) },
            stability: zip(CollectionStats.stabilityBins, c.stability).map {
                HistogramBin(from: $0, cards: $1) })
        calibration = Calibration(
            bins: r.calibration.bins.map {
                let ranges = CalibrationRanges($0.key)
                let span = { (s: CalibrationRanges.Span) in Span(from: s.low, to: s.high) }
                return Bin(intervalDays: span(ranges.intervalDays), cardReviews: span(ranges.cardReviews),
                           cardLapses: span(ranges.cardLapses), reviews: $0.reviews, passed: $0.passed,
                           predicted: $0.predicted, actual: $0.actual)
            },
            reviews: r.calibration.reviews, rmse: r.calibration.rmse)
        mostLapses = r.mostLapses.map(Self.ranked)
        leeches = r.leeches.map(Self.ranked)
        hardest = r.hardest.map(Self.ranked)
        totalReviews = r.totalReviews
    }

    private static func heatmap(_ h: HeatmapStats) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, n) in h.counts.enumerated() where n > 0 {
            let (y, m, d) = StudyCalendar.civil(fromDays: h.firstDay + i)
            out[String(format: "%04d-%02d-%02d", y, m, d)] = n
        }
        return out
    }

    private static func retention(_ table: RetentionTable) -> Retention {
        func row(_ days: Int) -> RetentionRow {
            let r = table.rows.first { $0.days == days } ?? RetentionTable.Row(days: days)
            return RetentionRow(young: Pass(r.young), mature: Pass(r.mature), all: Pass(r.total))
        }
        return Retention(desired: table.desired, today: row(1), last7: row(7), last30: row(30),
                         last365: row(365))
    }

    private static func ranked(_ card: RankedCard) -> Ranked {
        Ranked(id: card.id.description, deck: card.deck, source: card.source.description,
               question: card.question, lapses: card.lapses, difficulty: card.difficulty)
    }
}
