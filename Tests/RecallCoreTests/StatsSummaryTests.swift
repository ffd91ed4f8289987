import Foundation
import Testing
@testable import RecallCore

/// Summing up the first part of the reviews (``StatsSummary``) and adding the rest gives the
/// same report as going through all of them, wherever the log is cut.
@Suite struct StatsSummaryTests {
    /// Seeded reviews over 400 study days (some today, some on a future day, days out of order
    /// now and then), of 60 cards of which 10 are in no deck.
    static func reviews(seed: UInt64) -> [StatsReview] {
        var rng = SplitMix64(seed: seed)
        let states = CardState.allCases
        var out: [StatsReview] = []
        var time = StatsFixture.day(-400)
        for _ in 0..<3_000 {
            time = time.addingTimeInterval(Double.random(in: 0..<(7 * 3_600), using: &rng))
            if Int.random(in: 0..<500, using: &rng) == 0 { time = time.addingTimeInterval(-86_400 * 2) }
            let when = min(time, StatsFixture.day(1))
            out.append(StatsReview(card: CardID(rawValue: UInt64.random(in: 1...60, using: &rng)), time: when,
                                   rating: Rating(rawValue: Int.random(in: 1...4, using: &rng)) ?? .good,
                                   durationMs: Int.random(in: -500...20_000, using: &rng),
                                   stateBefore: states[Int.random(in: 0..<states.count, using: &rng)],
                                   retrievabilityBefore: Bool.random(using: &rng) ? Double.random(in: 0.3...1, using: &rng) : nil,
                                   elapsedDays: Int.random(in: 0...60, using: &rng),
                                   scheduledDaysBefore: Int.random(in: 0...50, using: &rng)))
        }
        return out
    }

    static let cards: [StatsCard] = (1...50).map {
        StatsCard(id: CardID(rawValue: UInt64($0)), deck: $0 % 2 == 0 ? "Even" : "Odd",
                  source: SourceLocation(file: "x.txt", line: $0), state: .review, due: StatsFixture.day($0 % 9))
    }

    static func input(_ reviews: [StatsReview], prefix: StatsSummary? = nil) -> StatsInput {
        var input = StatsInput(reviews: reviews, cards: cards, calendar: StatsFixture.calendar,
                               now: StatsFixture.now, desiredRetention: 0.9)
        input.prefixSummary = prefix
        return input
    }

    @Test(arguments: [0, 1, 777, 1_500, 2_999, 3_000])
    func aSummaryAndTheRestGiveTheWholeReport(cut: Int) {
        let all = Self.reviews(seed: 11)
        let expected = StatsReport.compute(Self.input(all))
        #expect(expected.totalReviews == all.count)
        #expect(expected.todayStats.reviewed > 0)
        let summary = StatsSummary(reviews: Array(all[..<cut]), calendar: StatsFixture.calendar)
        #expect(summary.total == cut)
        let resumed = StatsReport.compute(Self.input(Array(all[cut...]), prefix: summary))
        #expect(resumed == expected)
    }

    @Test func aSummaryOfEverythingNeedsNoReviews() {
        let all = Self.reviews(seed: 5)
        let summary = StatsSummary(reviews: all, calendar: StatsFixture.calendar)
        #expect(StatsReport.compute(Self.input([], prefix: summary)) == StatsReport.compute(Self.input(all)))
        // The summary of nothing changes nothing.
        let empty = StatsSummary(reviews: [], calendar: StatsFixture.calendar)
        #expect(StatsReport.compute(Self.input(all, prefix: empty)) == StatsReport.compute(Self.input(all)))
    }
}
