import Foundation

extension TrainingSet {
    /// The set without fsrs-rs's outliers in its training part (`filter_outlier` in fsrs-rs).
    ///
    /// Cards are grouped by first rating and by the days until their first review on a later
    /// day (when that review is a training review). Per first rating, the smallest groups are
    /// dropped until at least max(20, 5%) of the cards are gone; of the rest, groups of fewer
    /// than 6 cards or with an interval over 100 days (365 after Easy) are dropped too. A
    /// dropped card keeps its held-out reviews but trains nothing; the remaining training
    /// reviews are re-weighted by recency.
    public func withoutOutliers() -> TrainingSet {
        var groups: [[Double: [Int]]] = Array(repeating: [:], count: 4)
        for card in 0..<cardCount {
            guard let first = firstLaterDayReview(card) else { continue }
            groups[Int(ratings[starts[card]]) - 1][deltaDays[first], default: []].append(card)
        }
        var dropped = Set<Int>()
        for (rating, group) in groups.enumerated() {
            // Smallest groups first; among equal sizes, the shorter interval first.
            let ordered = group.sorted { ($0.value.count, $0.key) < ($1.value.count, $1.key) }
            let total = group.values.reduce(0) { $0 + $1.count }
            let longest = rating == 3 ? 365.0 : 100.0
            var removed = 0
            for (days, cards) in ordered {
                if removed + cards.count < max(20, total / 20) {
                    removed += cards.count
                    dropped.formUnion(cards)
                } else if cards.count < 6 || days > longest {
                    dropped.formUnion(cards)
                }
            }
        }
        guard !dropped.isEmpty else { return self }
        var out = self
        for card in dropped {
            for i in starts[card]..<trainEnds[card] where out.roles[i] == Role.train.rawValue {
                out.roles[i] = Role.unscored.rawValue
                out.weights[i] = 0
            }
            out.trainEnds[card] = starts[card]
        }
        out.trainOrder = trainOrder.filter { out.roles[$0] == Role.train.rawValue }
        out.weighTraining()
        return out
    }

    /// The card's first review on a later day than its first review, if it is a training review.
    func firstLaterDayReview(_ card: Int) -> Int? {
        var i = starts[card] + 1
        while i < trainEnds[card], deltaDays[i] == 0 { i += 1 }
        return i < trainEnds[card] && roles[i] == Role.train.rawValue ? i : nil
    }
}
