import Foundation

/// Simulates a learner whose memory follows FSRS-6 with given parameters, studying every
/// day at a desired retention, to compare the workload of different retentions.
///
/// New cards arrive `newPerDay` a day; a due card is recalled with probability R (then rated
/// Hard/Good/Easy 15/75/10 %) or forgotten (Again, then one same-day relearning Good). The
/// interval is the one that brings R down to the desired retention, at least one day.
/// Deterministic for a seed.
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
    public var cards = 1000
    public var days = 365
    public var newPerDay = 10
    public var costs = Costs()
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
        let model = FSRSGradient(parameters: parameters)
        let multiplier = (pow(retention, 1 / model.decay) - 1) / model.factor
        var rng = SplitMix64(seed: seed)
        var stability = [Double](repeating: 0, count: cards)
        var difficulty = stability
        var last = [Int](repeating: -1, count: cards)
        var due = [Int](repeating: Int.max, count: cards)
        var introduced = 0, reviews = 0, seconds = 0.0
        for day in 0..<days {
            for card in 0..<introduced where due[card] == day {
                let r = model.retrievability(days: Double(day - last[card]), stability: stability[card])
                var s = stability[card], d = difficulty[card]
                if Double.random(in: 0..<1, using: &rng) < r {
                    (s, d) = model.nextState(s: s, d: d, rating: Self.recallRating(&rng), days: Double(day - last[card]))
                    seconds += costs.recalled
                } else {
                    (s, d) = model.nextState(s: s, d: d, rating: 1, days: Double(day - last[card]))
                    (s, d) = model.nextState(s: s, d: d, rating: 3, days: 0)
                    seconds += costs.forgotten
                    reviews += 1
                }
                reviews += 1
                (stability[card], difficulty[card], last[card]) = (s, d, day)
                due[card] = day + Self.interval(s * multiplier)
            }
            for _ in 0..<min(newPerDay, cards - introduced) {
                let card = introduced
                introduced += 1
                let rating = Self.firstRating(&rng)
                (stability[card], difficulty[card]) = model.initialState(rating: rating)
                last[card] = day
                due[card] = day + Self.interval(stability[card] * multiplier)
                seconds += costs.firstReview
                reviews += 1
            }
        }
        var remembered = 0.0
        for card in 0..<introduced {
            remembered += model.retrievability(days: Double(days - last[card]), stability: stability[card])
        }
        return Row(desiredRetention: retention, reviews: reviews, seconds: seconds, remembered: remembered)
    }

    private static func interval(_ raw: Double) -> Int {
        guard raw.isFinite else { return 36500 }
        return min(max(Int(raw.rounded()), 1), 36500)
    }

    private static func recallRating(_ rng: inout SplitMix64) -> Int {
        let u = Double.random(in: 0..<1, using: &rng)
        return u < 0.15 ? 2 : (u < 0.90 ? 3 : 4)
    }

    private static func firstRating(_ rng: inout SplitMix64) -> Int {
        let u = Double.random(in: 0..<1, using: &rng)
        return u < 0.2 ? 1 : (u < 0.3 ? 2 : (u < 0.9 ? 3 : 4))
    }
}
