import Foundation

/// One review as the optimizer sees it: which card history it belongs to, when, and the rating.
public struct OptimizerReview: Sendable, Equatable {
    /// Identifies one card history (a card reset with `forget` starts a new one).
    public var sequence: Int
    /// Unix seconds; orders reviews and decides the train/test split.
    public var time: Double
    /// The study day the review falls on (days between reviews are differences of these).
    public var day: Int
    public var rating: Rating

    public init(sequence: Int, time: Double, day: Int, rating: Rating) {
        self.sequence = sequence
        self.time = time
        self.day = day
        self.rating = rating
    }
}

/// Card histories as flat arrays, the way fsrs-rs builds its training items.
///
/// Per card, reviews are sorted by time; `deltaDays` is the difference of study days to the
/// previous review (0 for the first). Reviews on a later day (`deltaDays > 0`) are *scored*:
/// the model predicts them from the history before them. Same-day reviews are not scored but
/// feed the short-term stability terms. Scored reviews are split by time: the earliest
/// `1 − testFraction` are for training, the later ones are held out for evaluation.
public struct TrainingSet: Sendable {
    /// Role of a review in the loss.
    public enum Role: UInt8, Sendable {
        case unscored = 0, train = 1, test = 2
    }

    /// Rating 1…4 of every review, card by card.
    public private(set) var ratings: [UInt8] = []
    /// Days since the card's previous review (0 for its first review).
    public private(set) var deltaDays: [Double] = []
    /// ``Role`` raw values.
    public internal(set) var roles: [UInt8] = []
    /// Recency weight of each training review (0.25 + 0.75·(i/(n−1))³ in time order), else 0.
    public internal(set) var weights: [Double] = []
    /// Card `c` holds reviews `starts[c] ..< starts[c + 1]`.
    public private(set) var starts: [Int] = [0]
    /// One past the card's last training review (`starts[c]` when it has none).
    public internal(set) var trainEnds: [Int] = []
    public internal(set) var trainCount = 0
    public private(set) var testCount = 0
    /// The training reviews' indices in time order (what the recency weights are ranked by).
    var trainOrder: [Int] = []

    /// Number of card histories.
    public var cardCount: Int { starts.count - 1 }
    /// Number of reviews, scored or not.
    public var reviewCount: Int { ratings.count }

    /// Builds the set from reviews in any order; `testFraction` of the scored reviews (the
    /// latest ones) are held out.
    public init(reviews: [OptimizerReview], testFraction: Double = 0.2) {
        let sorted = reviews.sorted {
            ($0.sequence, $0.time, $0.rating.rawValue) < ($1.sequence, $1.time, $1.rating.rawValue)
        }
        var scoredTimes: [(time: Double, index: Int)] = []
        ratings.reserveCapacity(sorted.count)
        deltaDays.reserveCapacity(sorted.count)
        var previous: OptimizerReview?
        for review in sorted {
            let first = previous?.sequence != review.sequence
            if first, !ratings.isEmpty { starts.append(ratings.count) }
            let delta = first ? 0 : max(0, review.day - (previous?.day ?? review.day))
            if delta > 0 { scoredTimes.append((review.time, ratings.count)) }
            ratings.append(UInt8(review.rating.rawValue))
            deltaDays.append(Double(delta))
            previous = review
        }
        if !ratings.isEmpty { starts.append(ratings.count) }
        assignRoles(scoredTimes, testFraction: testFraction)
    }

    private mutating func assignRoles(_ scored: [(time: Double, index: Int)], testFraction: Double) {
        roles = [UInt8](repeating: Role.unscored.rawValue, count: ratings.count)
        weights = [Double](repeating: 0, count: ratings.count)
        let ordered = scored.sorted { ($0.time, $0.index) < ($1.time, $1.index) }
        let fraction = min(max(testFraction, 0), 1)
        testCount = Int((Double(ordered.count) * fraction).rounded(.down))
        trainCount = ordered.count - testCount
        trainOrder = ordered.prefix(trainCount).map(\.index)
        for item in ordered.dropFirst(trainCount) { roles[item.index] = Role.test.rawValue }
        for index in trainOrder { roles[index] = Role.train.rawValue }
        weighTraining()
        trainEnds = (0..<cardCount).map { card in
            var end = starts[card]
            for i in starts[card]..<starts[card + 1] where roles[i] == Role.train.rawValue { end = i + 1 }
            return end
        }
    }

    /// Gives the training reviews in `trainOrder` their recency weights by rank.
    mutating func weighTraining() {
        trainCount = trainOrder.count
        for (rank, index) in trainOrder.enumerated() {
            let x = trainCount > 1 ? Double(rank) / Double(trainCount - 1) : 1
            weights[index] = 0.25 + 0.75 * x * x * x
        }
    }
}

extension TrainingSet {
    /// The training reviews of a collection's log: undone reviews are dropped, a `forget`
    /// starts a new history for the card, and days are study days of `calendar`.
    public static func reviews(from log: [ReviewLogEntry], calendar: StudyCalendar,
                               including include: (CardID) -> Bool = { _ in true }) -> [OptimizerReview] {
        let sorted = CollectionReplay.isSorted(log) ? log : log.sorted(by: ReviewLogEntry.order)
        let counted = CollectionReplay.droppingUndone(sorted).counted
        var sequenceOf: [CardID: Int] = [:]
        var next = 0
        var result: [OptimizerReview] = []
        for entry in counted where include(entry.card) {
            switch entry.event {
            case .forget:
                sequenceOf[entry.card] = nil
            case .review:
                guard let rating = entry.rating else { continue }
                let sequence = sequenceOf[entry.card] ?? next
                if sequence == next { sequenceOf[entry.card] = next; next += 1 }
                result.append(OptimizerReview(sequence: sequence, time: entry.time.timeIntervalSince1970,
                                              day: calendar.dayNumber(entry.time), rating: rating))
            default:
                continue
            }
        }
        return result
    }
}
