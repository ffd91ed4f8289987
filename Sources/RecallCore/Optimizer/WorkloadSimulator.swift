import Foundation

/// Simulates a learner whose memory follows FSRS-6 with given parameters, studying every
/// day at a desired retention, to compare the workload of different retentions.
///
/// The simulation starts from ``start`` (a collection's studied cards, each with its memory
/// state and due day) and ``cards`` new cards, introduced ``newPerDay`` a day. A due card is
/// recalled with probability R (then rated Hard/Good/Easy as ``ratings`` says) or forgotten
/// (Again, then one same-day relearning Good); at most ``reviewsPerDay`` cards are reviewed a
/// day, the rest wait for the next. The interval is the one that brings R down to the
/// desired retention, from one day to ``maximumInterval``. Cards keep the due day they start
/// with (as they do when the desired retention is changed); what follows is scheduled at the
/// retention simulated. Deterministic for a seed.
public struct WorkloadSimulator: Sendable {
    /// Seconds spent per kind of review.
    public struct Costs: Sendable, Equatable {
        public var firstReview: Double
        public var recalled: Double
        public var forgotten: Double

        public init(firstReview: Double = 20, recalled: Double = 8, forgotten: Double = 25) {
            self.firstReview = firstReview
            self.recalled = recalled
            self.forgotten = forgotten
        }
    }

    /// How the learner rates: the first rating of a new card, and the rating of a recalled one.
    public struct Ratings: Sendable, Equatable {
        /// Shares of Again, Hard, Good, Easy at a card's first review.
        public var first: [Double]
        /// Shares of Hard, Good, Easy when a due card is recalled.
        public var recalled: [Double]

        public init(first: [Double] = [0.2, 0.1, 0.6, 0.1], recalled: [Double] = [0.15, 0.75, 0.10]) {
            self.first = first
            self.recalled = recalled
        }
    }

    /// A studied card as the simulation starts it.
    public struct StartingCard: Sendable, Equatable {
        public var stability: Double
        public var difficulty: Double
        /// The study day of its last review, relative to the first simulated day (0 or less).
        public var lastReviewDay: Int
        /// The study day it is due, relative to the first simulated day (overdue: 0 or less).
        public var dueDay: Int
        /// Which parameters its memory follows: 0 for ``WorkloadSimulator/parameters``, k for
        /// `otherParameters[k - 1]` (a deck with parameters of its own).
        public var parameterSet: Int

        public init(stability: Double, difficulty: Double, lastReviewDay: Int, dueDay: Int, parameterSet: Int = 0) {
            self.stability = stability
            self.difficulty = difficulty
            self.lastReviewDay = lastReviewDay
            self.dueDay = dueDay
            self.parameterSet = parameterSet
        }
    }

    /// The outcome at one desired retention.
    public struct Row: Sendable, Equatable {
        public var desiredRetention: Double
        public var reviews: Int
        /// Total study time in seconds.
        public var seconds: Double
        /// Expected number of cards remembered on the last day (sum of R).
        public var remembered: Double
        public init(desiredRetention: Double, reviews: Int, seconds: Double, remembered: Double) {
            self.desiredRetention = desiredRetention
            self.reviews = reviews
            self.seconds = seconds
            self.remembered = remembered
        }

        /// Study seconds per remembered card; lower is better.
        public var secondsPerRemembered: Double { remembered > 0 ? seconds / remembered : .infinity }
    }

    public var parameters: [Double]
    /// Parameters of decks with their own (see ``StartingCard/parameterSet``).
    public var otherParameters: [[Double]] = []
    /// Studied cards the simulation starts from.
    public var start: [StartingCard] = []
    /// New cards available.
    public var cards = 1000
    public var days = 365
    public var newPerDay = 10
    public var reviewsPerDay = Int.max
    public var maximumInterval = 36500
    public var costs = Costs()
    public var ratings = Ratings()
    public var seed: UInt64 = 1
    /// Independent runs averaged per retention (seeds `seed`, `seed + 1`, …), to smooth noise.
    public var repetitions = 4

    public init(parameters: [Double]) { self.parameters = parameters }

    /// One row per retention in `retentions`.
    public func table(_ retentions: [Double]) -> [Row] {
        retentions.map { retention in
            let runs = (0..<max(1, repetitions)).map { simulate(retention, seed: seed &+ UInt64($0)) }
            let n = Double(runs.count)
            return Row(desiredRetention: retention, reviews: runs.map(\.reviews).reduce(0, +) / runs.count,
                       seconds: runs.map(\.seconds).reduce(0, +) / n,
                       remembered: runs.map(\.remembered).reduce(0, +) / n)
        }
    }

    /// The row with the least time per remembered card.
    public static func recommended(_ rows: [Row]) -> Row? {
        rows.min { $0.secondsPerRemembered < $1.secondsPerRemembered }
    }

    /// Simulates `days` days at `retention` with random numbers from `seed`.
    public func simulate(_ retention: Double, seed: UInt64) -> Row {
        let models = ([parameters] + otherParameters).map(FSRSGradient.init(parameters:))
        let multipliers = models.map { (pow(retention, 1 / $0.decay) - 1) / $0.factor }
        var rng = SplitMix64(seed: seed)
        let total = start.count + max(0, cards)
        var stability = [Double](repeating: 0, count: total)
        var difficulty = stability
        var last = [Int](repeating: 0, count: total)
        var model = [Int](repeating: 0, count: total)
        var dueOn = [[Int]](repeating: [], count: max(0, days))
        for (index, card) in start.enumerated() {
            (stability[index], difficulty[index], last[index]) = (card.stability, card.difficulty, card.lastReviewDay)
            model[index] = models.indices.contains(card.parameterSet) ? card.parameterSet : 0
            if max(card.dueDay, 0) < days { dueOn[max(card.dueDay, 0)].append(index) }
        }
        var introduced = 0, reviews = 0, seconds = 0.0
        let longest = max(maximumInterval, 1)
        func schedule(_ card: Int, stability s: Double, on day: Int, _ dueOn: inout [[Int]]) {
            let next = day + min(Self.interval(s * multipliers[model[card]]), longest)
            if next < days { dueOn[next].append(card) }
        }
        for day in 0..<days {
            var today = dueOn[day]
            dueOn[day] = []
            if today.count > reviewsPerDay {
                if day + 1 < days { dueOn[day + 1].append(contentsOf: today[max(reviewsPerDay, 0)...]) }
                today = Array(today.prefix(max(reviewsPerDay, 0)))
            }
            for card in today {
                let m = models[model[card]]
                let elapsed = Double(day - last[card])
                var (s, d) = (stability[card], difficulty[card])
                if Double.random(in: 0..<1, using: &rng) < m.retrievability(days: elapsed, stability: s) {
                    (s, d) = m.nextState(s: s, d: d, rating: 2 + Self.pick(ratings.recalled, &rng), days: elapsed)
                    seconds += costs.recalled
                } else {
                    (s, d) = m.nextState(s: s, d: d, rating: 1, days: elapsed)
                    (s, d) = m.nextState(s: s, d: d, rating: 3, days: 0)
                    seconds += costs.forgotten
                    reviews += 1
                }
                reviews += 1
                (stability[card], difficulty[card], last[card]) = (s, d, day)
                schedule(card, stability: s, on: day, &dueOn)
            }
            for _ in 0..<max(0, min(newPerDay, cards - introduced)) {
                let card = start.count + introduced
                introduced += 1
                (stability[card], difficulty[card]) = models[0].initialState(rating: 1 + Self.pick(ratings.first, &rng))
                last[card] = day
                schedule(card, stability: stability[card], on: day, &dueOn)
                seconds += costs.firstReview
                reviews += 1
            }
        }
        var remembered = 0.0
        for card in 0..<(start.count + introduced) {
            remembered += models[model[card]].retrievability(days: Double(days - last[card]), stability: stability[card])
        }
        return Row(desiredRetention: retention, reviews: reviews, seconds: seconds, remembered: remembered)
    }

    private static func interval(_ raw: Double) -> Int {
        guard raw.isFinite else { return 36500 }
        return min(max(Int(raw.rounded()), 1), 36500)
    }

    /// An index into `shares` drawn with those weights (0 when they are empty or all zero).
    private static func pick(_ shares: [Double], _ rng: inout SplitMix64) -> Int {
        let sum = shares.reduce(0, +)
        guard sum > 0 else { return 0 }
        var u = Double.random(in: 0..<sum, using: &rng)
        for (index, share) in shares.enumerated() {
            if u < share { return index }
            u -= share
        }
        return shares.count - 1
    }
}
