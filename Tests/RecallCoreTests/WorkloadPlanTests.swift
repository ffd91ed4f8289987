import Foundation
import Testing
@testable import RecallCore

/// The pure planners behind postpone, advance and break, on hand-made cards.
@Suite struct WorkloadPlanTests {
    let replay = CollectionReplay(settings: CollectionSettings(), calendar: .utcMidnight)
    let today = 20_000

    /// A review card last reviewed `ago` days before today, due `due` days from today, with
    /// stability `s`.
    func card(_ n: UInt64, ago: Int, due: Int, s: Double) -> MovableCard {
        let calendar = replay.calendar
        let schedule = CardSchedule(state: .review, step: nil, memory: MemoryState(stability: s, difficulty: 5),
                                    due: calendar.startOfDay(today + due), lastReview: calendar.startOfDay(today - ago),
                                    reps: 3, lapses: 0, scheduledDays: ago + due)
        return MovableCard.collect([(key: CardID(rawValue: n), value: CardRecord(schedule: schedule))], replay: replay)[0]
    }

    /// A card deleted from its deck keeps its record, but postpone, advance, break and the
    /// backlog offer leave it out.
    @Test func cardsNoLongerInADeckAreNotMovable() {
        let calendar = replay.calendar
        let schedule = CardSchedule(state: .review, step: nil, memory: MemoryState(stability: 5, difficulty: 5),
                                    due: calendar.startOfDay(today), lastReview: calendar.startOfDay(today - 5),
                                    reps: 3, lapses: 0, scheduledDays: 5)
        let kept = makeCard("Capital of France?", "Paris"), deleted = makeCard("Capital of Peru?", "Lima")
        let records: CardRecords = [kept.id: CardRecord(schedule: schedule), deleted.id: CardRecord(schedule: schedule)]
        #expect(MovableCard.collect([kept], records: records, replay: replay).map(\.id) == [kept.id])
    }

    @Test func postponeKeepsTheMostOverdueTodayAndSpreadsTheRest() {
        // Ten cards due today: the first ones barely due with long intervals, the last very late.
        let cards = (1...10).map { card(UInt64($0), ago: 10 + 3 * $0, due: 0, s: 40 - 3 * Double($0)) }
        let plan = PostponePlan(cards: cards, all: cards, today: today, days: 4, replay: replay)
        #expect(plan.backlog == 10)
        #expect(plan.moves.count == 8)
        #expect(plan.busiestDay == 2)
        let kept = Set(cards.map(\.id)).subtracting(plan.moves.map(\.card))
        #expect(kept == [CardID(rawValue: 9), CardID(rawValue: 10)])
        // The least overdue wait longest.
        #expect(plan.moves.first { $0.card == CardID(rawValue: 1) }?.toDay == today + 4)
        #expect(plan.moves.allSatisfy { $0.retrievabilityAfter < $0.retrievabilityBefore })
        #expect(plan.cost.points > 0)
    }

    @Test func postponeAndBreaksGiveNoCardsToTheDaysOfAPlannedBreak() {
        let cards = (1...10).map { card(UInt64($0), ago: 10 + 3 * $0, due: 0, s: 40 - 3 * Double($0)) }
        let time = Date(timeIntervalSince1970: 1_795_000_000)
        let away = PlannedBreaks([PlannedBreak(firstDay: today + 2, lastDay: today + 3, query: "", planned: time, device: "a")])
        let plan = PostponePlan(cards: cards, all: cards, today: today, days: 4, breaks: away, replay: replay)
        #expect(plan.moves.allSatisfy { !away.isBreakDay($0.toDay) })
        #expect(plan.moves.count == 8)
        #expect(plan.busiestDay == 4)  // ten cards on today and the two open days
        let soon = (1...30).map { card(UInt64($0), ago: 10, due: 8 + $0 % 3, s: 11) }
        let second = BreakPlan(firstDay: today + 8, lastDay: today + 10, cards: soon, all: soon, today: today,
                               breaks: PlannedBreaks([PlannedBreak(firstDay: today + 11, lastDay: today + 12, query: "",
                                                                   planned: time, device: "a")]), replay: replay)
        #expect(second.moves.count == 30)
        #expect(second.moves.allSatisfy { ![today + 8, today + 9, today + 10, today + 11, today + 12].contains($0.toDay) })
    }

    @Test func advanceTakesTheCardsNearestTheirDueDay() {
        let cards = [card(1, ago: 5, due: 20, s: 30), card(2, ago: 28, due: 1, s: 30), card(3, ago: 10, due: 3, s: 12)]
        let plan = AdvancePlan(cards: cards, today: today, count: 2, replay: replay)
        #expect(plan.moves.map(\.card) == [CardID(rawValue: 2), CardID(rawValue: 3)])
        #expect(plan.moves.allSatisfy { $0.toDay == today })
        #expect(plan.cost.points < 0)
    }

    @Test func aBreakEmptiesItsDaysAndKeepsTheDaysAroundUnderTheCap() {
        var cards: [MovableCard] = []
        for i in 0..<60 { cards.append(card(UInt64(i + 1), ago: 10, due: 1 + i % 20, s: 11)) }
        let plan = BreakPlan(firstDay: today + 8, lastDay: today + 12, cards: cards, all: cards, today: today, replay: replay)
        #expect(plan.moves.count == 15)
        #expect(plan.moves.allSatisfy { !(today + 8...today + 12).contains($0.toDay) })
        #expect(plan.busiestDay <= plan.usualLoad + plan.margin)
        #expect(!plan.movedBefore.isEmpty && !plan.movedAfter.isEmpty)
    }

    @Test func breakDaysAreAskedInOnePlace() {
        let time = Date(timeIntervalSince1970: 1_795_000_000)
        let whole = PlannedBreak(firstDay: 100, lastDay: 104, query: "", planned: time, device: "a")
        let deck = PlannedBreak(firstDay: 200, lastDay: 201, query: "deck:Work", planned: time, device: "b")
        let breaks = PlannedBreaks([whole, deck])
        #expect(breaks.isBreakDay(100) && breaks.isBreakDay(104))
        #expect(!breaks.isBreakDay(99) && !breaks.isBreakDay(105))
        #expect(!breaks.isBreakDay(200))
        #expect(breaks.matching(id: whole.id, firstDay: nil) == [whole])
        #expect(breaks.matching(id: "2026-01-01", firstDay: 200) == [deck])
        #expect(whole.id.count == 6 && whole.id != deck.id)
        // A due day chosen in a break goes just before it, or after it when before is too soon.
        #expect(breaks.dayOutsideBreaks(102, earliest: 90) == 99)
        #expect(breaks.dayOutsideBreaks(102, earliest: 100) == 105)
        #expect(breaks.dayOutsideBreaks(98, earliest: 90) == 98)
        let back = PlannedBreaks([whole, PlannedBreak(firstDay: 105, lastDay: 106, query: "", planned: time.addingTimeInterval(1), device: "a")])
        #expect(back.dayOutsideBreaks(101, earliest: 100) == 107)
    }

    @Test func breakDatesReadOnlyRealDays() {
        #expect(PlannedBreakDate.day("2026-12-24").map(PlannedBreakDate.text) == "2026-12-24")
        for bad in ["2026-02-30", "2026-13-01", "26-12-24", "2026-1-5", "today", "２０２６-12-24"] {
            #expect(PlannedBreakDate.day(bad) == nil, "\(bad)")
        }
    }

    @Test func anUndoTakesBackAMoveOfDueDatesAndReplayForgetsIt() {
        let card = CardID(rawValue: 7)
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let review = ReviewLogEntry.review(card, .good, at: t0, device: "a")
        let move = ReviewLogEntry(event: .setdue, card: card, time: t0.addingTimeInterval(3600), device: "a",
                                  target: t0.addingTimeInterval(86400 * 30))
        let plain = replay.replay([review]).records[card]?.schedule.due
        #expect(replay.replay([review, move]).records[card]?.schedule.due == move.target)
        let undo = DueMoveUndo.takingBack(move.time, device: "a", in: [review, move], time: t0.addingTimeInterval(7200), writer: "b")
        #expect(undo.entries.count == 1 && undo.changedSince == 0)
        // The undo comes from another device and still takes the move back, in either order.
        #expect(replay.replay([review, move] + undo.entries).records[card]?.schedule.due == plain)
        #expect(replay.replay(undo.entries + [move, review]).records[card]?.schedule.due == plain)
        #expect(DueMoveUndo.latestBatch(in: [review, move] + undo.entries, device: "a") == nil)
        // A card answered after the move is left as it is.
        let later = ReviewLogEntry.review(card, .good, at: t0.addingTimeInterval(5000), device: "a")
        let none = DueMoveUndo.takingBack(move.time, device: "a", in: [review, move, later], time: t0.addingTimeInterval(7200), writer: "a")
        #expect(none.entries.isEmpty && none.changedSince == 1)
    }
}
