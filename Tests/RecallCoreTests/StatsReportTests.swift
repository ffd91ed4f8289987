import Foundation
import Testing
@testable import RecallCore

@Suite struct StatsReportTests {
    let report = StatsReport.compute(StatsFixture.input)
    let today = StatsFixture.today

    @Test func todayCountsReviewsNewAgainTimeAndDue() {
        let t = report.todayStats
        #expect(t.reviewed == 4)
        #expect(t.new == 1)
        #expect(t.again == 2)
        #expect(t.seconds == 27)  // 26.5 s rounds up
        #expect(t.due == 2)  // B overdue-ish this morning, F later today; E is suspended
        #expect(report.today == today)
        #expect(report.totalReviews == 33)
    }

    @Test func streakCountsRunsOfStudyDays() {
        #expect(report.streak.current == 11)  // ten days before today, and today
        #expect(report.streak.longest == 13)
        #expect(report.streak.daysStudied == 30)
    }

    @Test func heatmapCoversFiftyThreeWeeksFromAMonday() {
        let h = report.heatmap
        #expect(StatsFixture.calendar.dateString(day: h.firstDay) == "2025-03-10")
        #expect(StudyCalendar.weekday(day: h.firstDay) == 0)
        #expect(h.lastDay == today)
        #expect(h.counts.count == 366)
        #expect(h.count(day: today) == 4)
        #expect(h.count(day: today - 1) == 1)
        #expect(h.count(day: today - 11) == 0)
        #expect(h.count(day: today - 400) == 0)  // before the window
        #expect(h.counts.reduce(0, +) == 32)
        #expect(h.thresholds == [1, 1, 1])
        #expect(h.maximum == 4)
        #expect(h.level(0) == 0 && h.level(1) == 1 && h.level(4) == 4)
    }

    @Test func forecastPutsOverdueCardsToday() {
        var expected = [Int](repeating: 0, count: 30)
        expected[0] = 2
        expected[2] = 1
        #expect(report.forecast == expected)
    }

    @Test func retentionSplitsYoungAndMatureReviewCards() {
        let rows = report.retention.rows
        #expect(rows.map(\.days) == [1, 7, 30, 365])
        #expect(rows[0].young == PassCount(passed: 1, reviews: 1))
        #expect(rows[0].mature == PassCount(passed: 0, reviews: 1))
        #expect(rows[1].young == PassCount(passed: 5, reviews: 6))
        #expect(rows[1].mature == PassCount(passed: 1, reviews: 2))
        #expect(rows[2].young == PassCount(passed: 9, reviews: 10))
        #expect(rows[2].mature == PassCount(passed: 1, reviews: 2))
        #expect(rows[3].young == PassCount(passed: 9, reviews: 10))
        #expect(rows[3].mature == PassCount(passed: 2, reviews: 3))
        #expect(rows[3].total == PassCount(passed: 11, reviews: 13))
        #expect(report.retention.desired == 0.9)
        #expect(PassCount().rate == nil)
    }

    @Test func collectionCountsStatesAndHistograms() {
        let c = report.collection
        let states: [Int] = [c.new, c.learning, c.review, c.relearning, c.suspended]
        #expect(states == [1, 1, 2, 1, 1])
        #expect(abs((c.averageRetrievability ?? 0) - 0.796) < 1e-12)
        #expect(c.difficulty == [0, 1, 0, 0, 1, 0, 0, 2, 0, 1])
        #expect(c.stability == [1, 1, 1, 0, 0, 1, 1, 0, 0, 0])
    }

    @Test func leechesAndHardestAreRanked() {
        #expect(report.mostLapses.map(\.id) == [StatsFixture.e, StatsFixture.a, StatsFixture.f, StatsFixture.c])
        #expect(report.mostLapses.first?.source.description == "Math.txt:30")
        #expect(report.leeches.map(\.id) == [StatsFixture.e])
        #expect(report.hardest.map(\.id) == [StatsFixture.e, StatsFixture.f, StatsFixture.a,
                                             StatsFixture.b, StatsFixture.c])
    }

    @Test func calibrationUsesBenchmarkBins() throws {
        let cal = report.calibration
        let keys = cal.bins.map { [$0.key.intervalBin, $0.key.lengthBin, $0.key.lapseBin] }
        #expect(keys == [[248, 4, 0], [248, 7, 0], [248, 13, 0], [248, 13, 2], [898, 7, 0],
                         [3250, 4, 0], [3250, 7, 0], [11765, 4, 0]])
        #expect(cal.bins.map(\.reviews) == [3, 4, 2, 3, 1, 1, 1, 1])
        #expect(cal.bins.map(\.passed) == [3, 4, 1, 3, 1, 0, 1, 1])
        #expect(abs(cal.bins[1].predicted - 0.9125) < 1e-12)
        #expect(cal.reviews == 16)
        let rmse = try #require(cal.rmse)
        #expect(abs(rmse - 0.2688468817623395) < 1e-12)
    }

    @Test func deckFilterKeepsDeckAndSubDecks() {
        let lang = StatsReport.compute(StatsFixture.input, filter: StatsFilter(argument: "lang"))
        #expect(lang.collection.total == 3)
        #expect(lang.todayStats.reviewed == 4)
        #expect(lang.totalReviews == 8)
        let math = StatsReport.compute(StatsFixture.input, filter: .deck("Math"))
        #expect(math.totalReviews == 24)
        #expect(math.todayStats.reviewed == 0)
        #expect(math.streak.current == 0)  // last studied two days ago
        #expect(math.streak.longest == 13)
        #expect(math.forecast.reduce(0, +) == 0)
    }

    @Test func tagFilterMatchesSubTags() {
        let verbs = StatsReport.compute(StatsFixture.input, filter: StatsFilter(argument: "#Verbs"))
        #expect(verbs.collection.total == 2)
        #expect(verbs.mostLapses.map(\.id) == [StatsFixture.a, StatsFixture.f])
        #expect(verbs.leeches.isEmpty)
        #expect(StatsFilter(argument: nil) == .all)
        #expect(StatsFilter(argument: "#x") == .tag("x"))
    }
}

@Suite struct StatsStreakTests {
    private func days(_ list: [Int]) -> [(day: Int, count: Int)] { list.map { ($0, 1) } }

    @Test(arguments: [
        ([98, 99], 2, 2),  // today not studied yet: the run up to yesterday still counts
        ([97, 98, 99, 100], 4, 4),
        ([90, 91, 92, 98], 0, 3),  // last study two days ago
        ([], 0, 0),
        ([100], 1, 1),
        ([80, 81, 82, 83, 84, 99, 100], 2, 5),
        ([100, 101], 1, 1),  // a day in the future is ignored
    ])
    func streaks(list: [Int], current: Int, longest: Int) {
        let s = StatsReport.streak(days: days(list), today: 100)
        #expect(s.current == current)
        #expect(s.longest == longest)
    }

    @Test func unsortedLogIsMerged() {
        var input = StatsFixture.input
        input.reviews.reverse()
        let report = StatsReport.compute(input)
        #expect(report.streak.current == 11)
        #expect(report.heatmap.count(day: StatsFixture.today) == 4)
    }

    @Test func emptyCollection() {
        let input = StatsInput(reviews: [], cards: [], calendar: StatsFixture.calendar,
                               now: StatsFixture.now, desiredRetention: 0.9)
        let report = StatsReport.compute(input)
        #expect(report.calibration.rmse == nil)
        #expect(report.collection.averageRetrievability == nil)
        #expect(report.heatmap.maximum == 0)
        #expect(report.mostLapses.isEmpty)
        #expect(report.leeches.isEmpty)
        #expect(report.forecast.count == 30)
    }
}
