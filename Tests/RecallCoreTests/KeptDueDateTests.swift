import Foundation
import Testing
@testable import RecallCore

/// Due dates recorded in the log are kept whatever the settings become; memory follows
/// the current parameters.
@Suite struct KeptDueDateTests {
    let calendar = StudyCalendar.utcMidnight
    let a = CardID(rawValue: 0xa)

    func at(_ days: Double) -> Date { Date(timeIntervalSince1970: 1_764_000_000 + days * 86400) }

    func replay(retention: Double, _ log: [ReviewLogEntry], parameters: [Double]? = nil) -> CardRecord? {
        var s = CollectionSettings()
        s.desiredRetention = retention
        if let parameters { s.parameters = parameters }
        return CollectionReplay(settings: s, calendar: calendar).replay(log).records[a]
    }

    func review(_ rating: Rating, _ day: Double, ivl: Int? = nil) -> ReviewLogEntry {
        var e = ReviewLogEntry.review(a, rating, at: at(day), device: "d1")
        e.scheduledDays = ivl
        return e
    }

    @Test func aRecordedIntervalKeepsTheDueDate() {
        let log = [review(.good, 0), review(.good, 0.01, ivl: 3), review(.good, 3, ivl: 11)]
        let low = replay(retention: 0.9, log)
        let high = replay(retention: 0.97, log)
        #expect(low?.schedule.due == calendar.startOfDay(calendar.dayNumber(at(3)) + 11))
        #expect(high?.schedule.due == low?.schedule.due)
        #expect(high?.schedule.scheduledDays == 11)
        // Memory follows the parameters of now.
        var other = CollectionSettings.defaultParameters
        other[2] = 5
        let refit = replay(retention: 0.9, log, parameters: other)
        #expect(refit?.schedule.due == low?.schedule.due)
        #expect(refit?.schedule.memory != low?.schedule.memory)
    }

    @Test func oldEntriesFollowTheSettingsOfNow() {
        let log = [review(.good, 0), review(.good, 0.01), review(.good, 3)]
        let low = replay(retention: 0.9, log)
        let high = replay(retention: 0.97, log)
        #expect(low != nil && high != nil)
        #expect(high!.schedule.due < low!.schedule.due)
    }

    @Test func aRecordedIntervalWinsOverChangedSteps() {
        // Graduated under steps '1m 10m'; replayed with three steps it stays graduated.
        let log = [review(.good, 0), review(.good, 0.01, ivl: 2)]
        var s = CollectionSettings()
        s.learningSteps = [60, 600, 3600]
        let record = CollectionReplay(settings: s, calendar: calendar).replay(log).records[a]
        #expect(record?.schedule.state == .review && record?.schedule.scheduledDays == 2)
    }

    @Test func aRescheduleWithAnIntervalCountsFromTheLastReview() {
        let reschedule = ReviewLogEntry(event: .reschedule, card: a, time: at(5), device: "d1", scheduledDays: 7)
        let record = replay(retention: 0.97, [review(.good, 0), review(.good, 0.01, ivl: 3), review(.good, 3, ivl: 11), reschedule])
        #expect(record?.schedule.due == calendar.startOfDay(calendar.dayNumber(at(3)) + 7))
        #expect(record?.schedule.scheduledDays == 7)
        // An undo takes the reschedule back.
        let undo = ReviewLogEntry(event: .undo, card: a, time: at(6), device: "d1", target: at(5))
        let undone = replay(retention: 0.97, [review(.good, 0), review(.good, 0.01, ivl: 3), review(.good, 3, ivl: 11), reschedule, undo])
        #expect(undone?.schedule.scheduledDays == 11)
    }

    @Test func aBalancedRescheduleAvoidsDaysOffAndThePast() {
        var settings = CollectionSettings()
        settings.desiredRetention = 0.8
        settings.easyDays = EasyDays(percentages: [100, 100, 100, 100, 100, 0, 0])
        let replay = CollectionReplay(settings: settings, calendar: calendar)
        var records: CardRecords = [:]
        var ids: [CardID] = []
        for i in 0..<60 {
            let id = CardID(rawValue: UInt64(0x100 + i))
            ids.append(id)
            let log = [ReviewLogEntry.review(id, .good, at: at(0), device: "d1"),
                       ReviewLogEntry(event: .review, card: id, time: at(0.01), rating: .good, device: "d1", scheduledDays: 3),
                       ReviewLogEntry(event: .review, card: id, time: at(3), rating: .easy, device: "d1", scheduledDays: 20)]
            records[id] = replay.replay(log).records[id]
        }
        let time = at(4)
        let workload = Workload(records: records, calendar: calendar, settings: settings)
        let entries = CardAction.reschedule.entries(for: ids, records: records, replay: replay, time: time,
                                                    device: "d1", workload: workload)
        #expect(entries.count == 60)
        let today = calendar.dayNumber(time), lastDay = calendar.dayNumber(at(3))
        for e in entries {
            let day = lastDay + (e.scheduledDays ?? 0)
            #expect(day >= today)
            #expect(StudyCalendar.weekday(day: day) < 5)
        }
        // Without a workload, the plain fuzz: the same as before balancing existed.
        let plain = CardAction.reschedule.entries(for: ids, records: records, replay: replay, time: time, device: "d1")
        #expect(plain.map(\.scheduledDays) == ids.map { id in
            records[id].map { replay.scheduler.rescheduled($0.schedule, calendar: calendar,
                                                           fuzzSeed: IntervalFuzz.seed(card: id, reviewCount: 2)).scheduledDays }
        })
    }

    @Test func mergedLogsGiveTheSameDueDatesInEitherOrder() {
        var other = review(.easy, 1, ivl: 9)
        other.device = "d2"
        let mine = [review(.good, 0), review(.good, 0.01, ivl: 3)]
        let one = (mine + [other]).sorted(by: ReviewLogEntry.order)
        let two = ([other] + mine).sorted(by: ReviewLogEntry.order)
        #expect(one == two)
        #expect(replay(retention: 0.9, one) == replay(retention: 0.9, two))
        #expect(replay(retention: 0.95, one)?.schedule.due == replay(retention: 0.8, two)?.schedule.due)
    }

    @Test func theSessionRecordsWhatThePreviewShows() {
        var settings = CollectionSettings()
        settings.easyDays = EasyDays(percentages: [100, 100, 100, 100, 100, 0, 0])
        let replay = CollectionReplay(settings: settings, calendar: calendar)
        let card = makeCard("q", "a")
        let log = [review(.good, 0), review(.good, 0.01, ivl: 3), review(.good, 3, ivl: 12)].map { e -> ReviewLogEntry in
            var e = e
            e.card = card.id
            return e
        }
        let base = replay.replay(log).records
        var session = ReviewSession(queue: [card], records: base, replay: replay, device: "d1", now: at(15))
        _ = session.nextCard(at: at(15))
        let preview = session.preview(at: at(15))
        for rating in [Rating.hard, .good, .easy] {
            let entry = session.answerEntry(rating, at: at(15))
            #expect(entry?.scheduledDays == preview?[rating].scheduledDays)
            let day = calendar.dayNumber(at(15)) + (entry?.scheduledDays ?? 0)
            #expect(StudyCalendar.weekday(day: day) < 5)
        }
    }

    @Test func answersNeverFallDueInsideAPlannedBreak() {
        // A card answered "good" on day 3 after intervals of 3 and 11 days has its whole fuzz
        // range inside a month-long break, and smaller intervals partly inside a short one.
        for (first, last) in [(4, 60), (10, 14)] {
            for balance in [true, false] {
                var settings = CollectionSettings()
                settings.loadBalance = balance
                let start = calendar.dayNumber(at(3))
                settings.plannedBreaks = PlannedBreaks([PlannedBreak(firstDay: start + first, lastDay: start + last, query: "",
                                                                     planned: at(2), device: "d1")])
                let replay = CollectionReplay(settings: settings, calendar: calendar)
                for i in 0..<40 {
                    let id = CardID(rawValue: UInt64(0x200 + i))
                    let log = [ReviewLogEntry.review(id, .good, at: at(0), device: "d1"),
                               ReviewLogEntry(event: .review, card: id, time: at(0.01), rating: .good, device: "d1", scheduledDays: 3)]
                    guard let record = replay.replay(log).records[id] else { Issue.record("no record"); continue }
                    var records: CardRecords = [:]
                    records[id] = record
                    let workload = Workload(records: records, calendar: calendar, settings: settings)
                    #expect(workload != nil)
                    for rating in [Rating.hard, .good, .easy] {
                        let next = replay.scheduler(for: id).next(record.schedule, rating: rating, at: at(3), calendar: calendar,
                                                                  fuzzSeed: UInt64(i), workload: workload)
                        let day = calendar.dayNumber(next.due)
                        #expect(!settings.plannedBreaks.isBreakDay(day), "day \(day - start) after break \(first)...\(last)")
                        #expect(day > start)
                    }
                }
            }
        }
    }
}
