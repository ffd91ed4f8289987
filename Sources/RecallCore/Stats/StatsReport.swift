/// All the numbers behind `recall stats`, computed by ``StatsReport/compute(_:filter:)``.
///
/// Days are study days: counts of days since 1970-01-01 in the user's time zone, starting at
/// the day-start hour (see ``StudyCalendar/dayNumber(_:)``).
public struct StatsReport: Sendable, Equatable {
    /// The study day of `now`.
    public var today: Int
    public var todayStats: TodayStats
    public var streak: StreakStats
    public var heatmap: HeatmapStats
    /// Review cards due on each of the next 30 days, today first; today includes overdue cards.
    public var forecast: [Int]
    public var retention: RetentionTable
    public var collection: CollectionStats
    public var calibration: CalibrationStats
    /// Up to ten cards with the most lapses (at least one), leeches or not.
    public var mostLapses: [RankedCard]
    /// Up to ten leeches (cards suspended for reaching the leech threshold), most lapses first.
    public var leeches: [RankedCard]
    /// Up to ten cards with the highest difficulty.
    public var hardest: [RankedCard]
    /// Reviews in the selection, all time.
    public var totalReviews: Int

    /// How many days the forecast covers.
    public static let forecastDays = 30
    /// How many cards the lapse, leech and hardest lists hold at most.
    public static let rankedLimit = 10
}

/// What happened on the current study day.
public struct TodayStats: Sendable, Equatable {
    /// Reviews made today (every rating, new cards included).
    public var reviewed = 0
    /// Cards seen for the first time today (reviews of cards that were new).
    public var new = 0
    /// Reviews rated Again today.
    public var again = 0
    /// Time spent answering today, in whole seconds (rounded).
    public var seconds = 0
    /// Cards still due today: not new, not suspended, due before the next day starts.
    public var due = 0

    public init() {}
}

/// Runs of study days with at least one review.
public struct StreakStats: Sendable, Equatable {
    /// Days in the run that ends today, or yesterday when today has no review yet.
    public var current = 0
    public var longest = 0
    /// Days with at least one review, all time.
    public var daysStudied = 0

    public init() {}
}

/// Review counts per day for the heatmap: 52 whole weeks plus the current partial week,
/// each week Monday to Sunday.
public struct HeatmapStats: Sendable, Equatable {
    /// The Monday that starts the first column.
    public var firstDay: Int
    /// Today, the last day shown.
    public var lastDay: Int
    /// Reviews on each day from `firstDay` through `lastDay`.
    public var counts: [Int]
    /// Quartiles (25th, 50th and 75th percentile, nearest rank) of the non-zero counts in the
    /// window; they split the shades (see ``level(_:)``).
    public var thresholds: [Int]
    /// The largest count in the window.
    public var maximum: Int

    /// Number of week columns (53).
    public static let weeks = 53

    /// Reviews on study day `day` (0 outside the window).
    public func count(day: Int) -> Int {
        guard day >= firstDay, day <= lastDay else { return 0 }
        return counts[day - firstDay]
    }

    /// Shade level 0…4: 0 for no review, 4 for the busiest day, otherwise 1 plus the number of
    /// quartiles the count is above.
    public func level(_ count: Int) -> Int {
        guard count > 0 else { return 0 }
        if count >= maximum { return 4 }
        return min(4, 1 + thresholds.filter { count > $0 }.count)
    }
}

/// The true retention table: pass rates of reviews of cards in the review state.
public struct RetentionTable: Sendable, Equatable {
    /// One row: a period ending today.
    public struct Row: Sendable, Equatable {
        /// Length of the period in days (1 = today).
        public var days: Int
        /// Interval under 21 days.
        public var young = PassCount()
        /// Interval of 21 days or more.
        public var mature = PassCount()
        public var total: PassCount { PassCount(passed: young.passed + mature.passed,
                                                reviews: young.reviews + mature.reviews) }

        public init(days: Int, young: PassCount = PassCount(), mature: PassCount = PassCount()) {
            self.days = days
            self.young = young
            self.mature = mature
        }
    }

    public var rows: [Row]
    /// The desired retention the scheduler aims for.
    public var desired: Double

    public init(rows: [Row], desired: Double) {
        self.rows = rows
        self.desired = desired
    }

    /// The periods of the table: today, the last 7, 30 and 365 days.
    public static let periods = [1, 7, 30, 365]
    /// Intervals of at least this many days are mature.
    public static let matureDays = 21
}

/// Passed reviews out of all reviews.
public struct PassCount: Sendable, Equatable {
    public var passed = 0
    public var reviews = 0

    public init(passed: Int = 0, reviews: Int = 0) {
        self.passed = passed
        self.reviews = reviews
    }

    /// `passed / reviews`, or `nil` with no reviews.
    public var rate: Double? { reviews == 0 ? nil : Double(passed) / Double(reviews) }
}

/// The cards of the selection now.
public struct CollectionStats: Sendable, Equatable {
    /// Cards by state; a suspended card counts only as suspended, a buried one only as
    /// buried, and a new card that was studied before a `forget` as forgotten, not new.
    public var new = 0, learning = 0, review = 0, relearning = 0, suspended = 0, buried = 0, forgotten = 0
    /// Mean predicted recall now over cards with a memory state; `nil` if there are none.
    public var averageRetrievability: Double?
    /// Cards per difficulty bin; see ``CollectionStats/difficultyBins``.
    public var difficulty = [Int](repeating: 0, count: CollectionStats.difficultyBins.count)
    /// Cards per stability bin; see ``CollectionStats/stabilityBins``.
    public var stability = [Int](repeating: 0, count: CollectionStats.stabilityBins.count)

    public var total: Int { new + learning + review + relearning + suspended + buried + forgotten }

    /// Difficulty bins: ten equal slices of 1…10, labelled by their lower bound.
    public static let difficultyBins: [Double] = (0..<10).map { 1 + 0.9 * Double($0) }
    /// Stability bins by lower bound in days.
    public static let stabilityBins: [Double] = [0, 1, 3, 7, 14, 30, 90, 180, 365, 730]

    public init() {}
}

/// A card in the leech or hardest list.
public struct RankedCard: Sendable, Equatable {
    public var id: CardID
    public var deck: String
    public var source: SourceLocation
    public var question: String
    public var lapses: Int
    public var difficulty: Double?
}
