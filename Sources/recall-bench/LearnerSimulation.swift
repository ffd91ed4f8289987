import Foundation
import RecallCore
import RecallStore

/// A simulated learner whose answers make a review history, written through ``ProgressStore``.
///
/// New cards are introduced evenly over the first year (from 2025-01-01). Each card is
/// reviewed when the store's scheduler (default FSRS-6 settings) says it is due, a little
/// late (minutes for learning steps, hours for reviews). Whether the learner recalls it is
/// drawn from the card's FSRS retrievability at that moment: failure is `again`, success is
/// `hard`, `good` or `easy` (15 %, 75 %, 10 %). A new card is answered `again` 20 % of the
/// time. Every review goes through ``ProgressStore/append(_:)``, as `recall review` does.
struct LearnerSimulation {
    let cards: [CardID]
    let reviews: Int
    let seed: UInt64

    static let device = "d-bench0001"
    /// 2025-01-01T09:00:00Z, in milliseconds.
    static let startMs: Int64 = 1_735_722_000_000
    static let dayMs: Int64 = 86_400_000

    /// Runs the simulation into the collection of `decksDirectory` under `dataDirectory` and
    /// returns the time of the last review (`nil` when there were none).
    ///
    /// Appending syncs every entry to disk, as the store promises; to keep a million reviews
    /// from taking a million disk syncs, the store is built in a memory-backed folder
    /// (`/dev/shm`) when there is one and its files are then copied into place.
    func write(dataDirectory: String, decksDirectory: String) throws -> Date? {
        let final = StoreLocation(dataDirectory: dataDirectory, decksDirectory: decksDirectory)
        let shm = "/dev/shm"
        let staging = FileManager.default.fileExists(atPath: shm)
            ? "\(shm)/recall-bench-\(getpid())" : nil
        let location = staging.map { StoreLocation(dataDirectory: $0, collection: final.collection) } ?? final
        defer { if let staging { try? FileManager.default.removeItem(atPath: staging) } }
        let store = try ProgressStore.open(location, device: Self.device,
                                           timeZone: TimeZone(identifier: "UTC") ?? .current, forWriting: true)
        let last = try simulate(into: store)
        try store.close()
        if staging != nil { try copyFiles(from: location.folder, to: final.folder) }
        return last
    }

    private func simulate(into store: ProgressStore) throws -> Date? {
        var rng = SplitMix64(seed: seed ^ 0x5EED_0F_1EA2)
        var heap = DueHeap()
        let perDay = max(1, (cards.count + 364) / 365)
        for i in cards.indices {
            let day = Int64(i / perDay)
            heap.push(Self.startMs + day * Self.dayMs + Int64(rng.next() % 28_800_000), i)
        }
        let replay = store.replay
        var lastMs: Int64 = 0
        for _ in 0..<reviews {
            guard let (due, i) = heap.pop() else { break }
            let t = max(due, lastMs + 1)
            lastMs = t
            let time = Date(timeIntervalSince1970: Double(t) / 1000)
            let id = cards[i]
            let rating = answer(store.records[id]?.schedule, at: time, replay: replay, rng: &rng)
            let entry = ReviewLogEntry.review(id, rating, at: time,
                                              durationMs: 2000 + Int(rng.next() % 13_000), device: Self.device)
            try store.append(entry)
            guard let schedule = store.records[id]?.schedule else { continue }
            heap.push(nextTime(schedule, after: t, rng: &rng), i)
        }
        return lastMs > 0 ? Date(timeIntervalSince1970: Double(lastMs) / 1000) : nil
    }

    /// The learner's answer to a card in state `schedule` (nil: never studied) at `time`.
    private func answer(_ schedule: CardSchedule?, at time: Date, replay: CollectionReplay,
                        rng: inout SplitMix64) -> Rating {
        let u = Double(rng.next() >> 11) / Double(1 << 53)
        let recalled: Bool
        if let schedule, let r = replay.scheduler.retrievability(of: schedule, at: time, calendar: replay.calendar) {
            recalled = u < r
        } else {
            recalled = u >= 0.2
        }
        guard recalled else { return .again }
        let v = rng.next() % 100
        return v < 15 ? .hard : v < 90 ? .good : .easy
    }

    /// When the learner next sees a card due at `schedule.due`: up to 5 minutes late for a
    /// learning step, up to 12 hours late for a review; always after `now`.
    private func nextTime(_ schedule: CardSchedule, after now: Int64, rng: inout SplitMix64) -> Int64 {
        let due = Int64((schedule.due.timeIntervalSince1970 * 1000).rounded())
        let short = due - now < Self.dayMs
        let delay = Int64(rng.next() % UInt64(short ? 300_000 : 43_200_000))
        return max(due, now + 1) + delay
    }

    /// Copies every file of the staged collection folder (not the lock) into `folder`.
    private func copyFiles(from staged: String, to folder: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: staged).sorted() where name != "lock" {
            try fm.copyItem(atPath: "\(staged)/\(name)", toPath: "\(folder)/\(name)")
        }
    }

    /// `RECALL_NOW` for benchmarks: 09:00 UTC on the day after `last` (or the start day).
    static func suggestedNow(after last: Date?) -> String {
        let lastMs = last.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } ?? startMs - dayMs
        let day = lastMs / dayMs + 1
        let civil = StudyCalendar.civil(fromDays: Int(day))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(civil.year)-\(two(civil.month))-\(two(civil.day))T09:00:00Z"
    }
}

/// A binary min-heap of (time in ms, card number); ties go to the lower card number.
struct DueHeap {
    private var items: [(Int64, Int)] = []

    private static func less(_ a: (Int64, Int), _ b: (Int64, Int)) -> Bool {
        a.0 != b.0 ? a.0 < b.0 : a.1 < b.1
    }

    mutating func push(_ time: Int64, _ card: Int) {
        items.append((time, card))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.less(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (Int64, Int)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        items[0] = last
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count, Self.less(items[l], items[m]) { m = l }
            if r < items.count, Self.less(items[r], items[m]) { m = r }
            guard m != i else { return top }
            items.swapAt(i, m)
            i = m
        }
    }
}
