import ArgumentParser
import Foundation
import RecallCore

/// `recall-bench balance`: the load balancer's effect on a simulated year of study.
struct Balance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "Simulate a year of study with the load balancer off and on, and compare the next days' workload.",
        discussion: """
            A learner studies every day: NEW new cards a day until the collection is used up, \
            and every review that is due (no daily limit), recalling each card with its FSRS \
            retrievability (ratings as 'recall-bench generate' draws them). After DAYS days, \
            the next FORECAST days go on the same way; the figures are over those days: the \
            standard deviation of the number of reviews a day, and the mean predicted \
            retention at review. Each seed runs with load_balance off, then on; the figures are \
            averaged over RUNS seeds.

            Examples:
              recall-bench balance --cards 10000 --new-per-day 20 --days 365 --forecast 90 --seed 1
            """
    )

    @Option(help: "How many cards.") var cards = 10_000
    @Option(name: .customLong("new-per-day"), help: "New cards a day.") var newPerDay = 20
    @Option(help: "Days simulated before the figures are taken.") var days = 365
    @Option(help: "Days the figures are taken over.") var forecast = 90
    @Option(help: "Seed for the learner's answers (runs use SEED, SEED+1, …).") var seed: UInt64 = 1
    @Option(help: "Independent runs, averaged: one run's standard deviation is itself noisy.") var runs = 5

    func run() throws {
        func pct(_ x: Double) -> String { String(format: "%.2f%%", x * 100) }
        print("\(cards) cards, \(newPerDay) new a day, figures over days \(days + 1)-\(days + forecast), seeds \(seed)-\(seed + UInt64(max(runs, 1) - 1))")
        var sum = [false: StudySimulation.Figures(mean: 0, deviation: 0, retention: 0), true: StudySimulation.Figures(mean: 0, deviation: 0, retention: 0)]
        for run in 0..<max(runs, 1) {
            for balance in [false, true] {
                let r = StudySimulation(cards: cards, newPerDay: newPerDay, days: days, forecast: forecast,
                                        seed: seed &+ UInt64(run), balance: balance).run()
                print("seed \(seed &+ UInt64(run)), load balancer \(balance ? "on: " : "off:") reviews a day mean \(String(format: "%.1f", r.mean)), standard deviation \(String(format: "%.2f", r.deviation)), predicted retention at review \(pct(r.retention))")
                sum[balance]?.mean += r.mean
                sum[balance]?.deviation += r.deviation
                sum[balance]?.retention += r.retention
            }
        }
        let off = sum[false] ?? .init(mean: 0, deviation: 0, retention: 0), on = sum[true] ?? off
        let n = Double(max(runs, 1))
        print("mean standard deviation of daily reviews: off \(String(format: "%.2f", off.deviation / n)), on \(String(format: "%.2f", on.deviation / n))")
        print("standard deviation on/off: \(pct(on.deviation / off.deviation)) (at most 70% asked)")
        print("predicted retention at review: off \(pct(off.retention / n)), on \(pct(on.retention / n)), on - off \(String(format: "%+.2f", (on.retention - off.retention) / n * 100)) percentage points (within 0.5 asked)")
    }
}

/// One simulated learner (see ``Balance``), answering through Recall's own scheduler and
/// replay: each answer's interval is chosen (and recorded) as `recall review` does.
struct StudySimulation {
    let cards: Int
    let newPerDay: Int
    let days: Int
    let forecast: Int
    let seed: UInt64
    let balance: Bool

    struct Figures {
        var mean: Double
        var deviation: Double
        var retention: Double
    }

    func run() -> Figures {
        var settings = CollectionSettings()
        settings.loadBalance = balance
        let calendar = StudyCalendar(timeZone: TimeZone(identifier: "UTC") ?? .current, dayStartHour: 4)
        let replay = CollectionReplay(settings: settings, calendar: calendar)
        let ids = (0..<cards).map { CardID(fields: ["balance", String($0)]) }
        var records: CardRecords = [:]
        var workload = Workload(records: [:], calendar: calendar, balance: balance, easyDays: .normal)
        var buckets: [Int: [Int]] = [:]
        var rng = SplitMix64(seed: seed)
        var introduced = 0
        var reviewsPerDay: [Int] = []
        var retentionSum = 0.0, retentionCount = 0
        let firstDay = calendar.dayNumber(Date(timeIntervalSince1970: 1_735_722_000))  // 2025-01-01 09:00 UTC
        for d in 0..<(days + forecast) {
            let day = firstDay + d
            var queue = (buckets.removeValue(forKey: day) ?? []).filter {
                records[ids[$0]].map { calendar.dayNumber($0.schedule.due) == day } ?? false
            }
            let fresh = min(newPerDay, cards - introduced)
            queue += introduced..<(introduced + fresh)
            introduced += fresh
            var reviews = 0
            var clock = calendar.startOfDay(day).addingTimeInterval(5 * 3600)
            while !queue.isEmpty {
                var later: [Int] = []
                for i in queue {
                    let id = ids[i]
                    let before = records[id]
                    let schedule = before?.schedule ?? replay.scheduler.newCard(createdAt: clock)
                    clock = clock.addingTimeInterval(8)
                    if schedule.isLearning, schedule.due > clock { clock = schedule.due }
                    let r = replay.scheduler.retrievability(of: schedule, at: clock, calendar: calendar)
                    if schedule.state == .review {
                        reviews += 1
                        if d >= days, let r { retentionSum += r; retentionCount += 1 }
                    }
                    let rating = answer(r, rng: &rng)
                    let entry = replay.answerEntry(id, rating, at: clock, device: "bench", record: before,
                                                   workload: balance ? workload : nil)
                    var record = before ?? CardRecord(schedule: schedule)
                    replay.fold(entry, into: &record)
                    records[id] = record
                    workload.move(from: before, to: record)
                    let dueDay = calendar.dayNumber(record.schedule.due)
                    if dueDay <= day { later.append(i) } else { buckets[dueDay, default: []].append(i) }
                }
                queue = later
            }
            if d >= days { reviewsPerDay.append(reviews) }
        }
        let n = Double(max(reviewsPerDay.count, 1))
        let mean = Double(reviewsPerDay.reduce(0, +)) / n
        let variance = reviewsPerDay.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / n
        return Figures(mean: mean, deviation: variance.squareRoot(),
                       retention: retentionCount > 0 ? retentionSum / Double(retentionCount) : 0)
    }

    /// The learner's answer given the predicted chance of recall (nil: a new card).
    private func answer(_ r: Double?, rng: inout SplitMix64) -> Rating {
        let u = Double(rng.next() >> 11) * 0x1p-53
        guard u < (r ?? 0.8) else { return .again }
        let v = rng.next() % 100
        return v < 15 ? .hard : v < 90 ? .good : .easy
    }
}
