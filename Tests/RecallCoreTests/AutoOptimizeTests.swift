import Foundation
import RecallCore
import Testing

@Suite struct AutoOptimizeTests {
    static let day = 86400.0
    static let start = Date(timeIntervalSince1970: 1_700_000_000)
    static let metrics = PredictionMetrics(logLoss: 0.3, rmseBins: 0.05, auc: 0.6, count: 100)

    static func record(daysAfterStart days: Double, reviews: Int) -> AutoOptimize.Record {
        AutoOptimize.Record(fittedAt: start.addingTimeInterval(days * day), reviews: reviews, result: .kept,
                            current: metrics, fitted: metrics, scoredReviews: reviews / 2)
    }

    /// (last fit: days after start and reviews then, reviews now, days now, due?)
    @Test(arguments: [
        // Never fitted: 30 days since the first review and the optimizer's minimum history.
        (nil, 400, 30.0, true), (nil, 399, 90.0, false), (nil, 5000, 29.9, false),
        // Fitted on day 0 with 1000 reviews: both 30 days and 10 % more are needed.
        ((0.0, 1000), 1100, 30.0, true), ((0.0, 1000), 1099, 60.0, false), ((0.0, 1000), 2000, 29.0, false),
        // A history that shrank (a log replaced by an older copy) waits until it grows again.
        ((0.0, 1000), 900, 90.0, false),
    ] as [((Double, Int)?, Int, Double, Bool)])
    func dueRule(last: (Double, Int)?, reviews: Int, days: Double, due: Bool) {
        let record = last.map { Self.record(daysAfterStart: $0.0, reviews: $0.1) }
        #expect(AutoOptimize.isDue(last: record, reviews: reviews, firstReview: Self.start,
                                   now: Self.start.addingTimeInterval(days * Self.day)) == due)
    }

    @Test func neverFittedWithoutAFirstReviewIsNotDue() {
        #expect(!AutoOptimize.isDue(last: nil, reviews: 1000, firstReview: nil, now: Self.start))
    }

    @Test func recordOfAnOutcomeSaysWhatHappened() {
        let worse = PredictionMetrics(logLoss: 0.31, rmseBins: 0.04, auc: 0.6, count: 100)
        let better = PredictionMetrics(logLoss: 0.29, rmseBins: 0.04, auc: 0.6, count: 100)
        func outcome(_ fitted: PredictionMetrics, enough: Bool = true) -> FSRSOptimizer.Outcome {
            FSRSOptimizer.Outcome(parameters: CollectionSettings.defaultParameters, current: Self.metrics,
                                  fitted: fitted, trainCount: 300, testCount: 80, hasEnoughData: enough)
        }
        #expect(AutoOptimize.Record(outcome(better), at: Self.start, reviews: 500).result == .adopted)
        // Lower RMSE(bins) but higher log loss: the optimizer's one rule keeps the parameters.
        #expect(AutoOptimize.Record(outcome(worse), at: Self.start, reviews: 500).result == .kept)
        let tooLittle = AutoOptimize.Record(outcome(better, enough: false), at: Self.start, reviews: 500)
        #expect(tooLittle.result == .tooLittleHistory)
        #expect(tooLittle.scoredReviews == 380 && tooLittle.reviews == 500 && !tooLittle.announced)
    }

    @Test func adoptsOnlyIntoTheSettingsItWasComparedAgainst() {
        let before = CollectionSettings()
        var retention = before
        retention.desiredRetention = 0.85
        #expect(AutoOptimize.canAdopt(fittedWith: before, into: retention))
        var saved = before
        saved.parameters[0] = 0.5
        #expect(!AutoOptimize.canAdopt(fittedWith: before, into: saved))
        var sm2 = before
        sm2.scheduler = .sm2
        #expect(!AutoOptimize.canAdopt(fittedWith: before, into: sm2))
        var off = before
        off.autoOptimize = false
        #expect(!AutoOptimize.canAdopt(fittedWith: before, into: off))
        var deck = before
        deck.deckParameters["Languages"] = .init(parameters: CollectionSettings.defaultParameters)
        #expect(!AutoOptimize.canAdopt(fittedWith: before, into: deck))
    }
}
