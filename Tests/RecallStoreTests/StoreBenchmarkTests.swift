import Foundation
import RecallCore
import Testing
@testable import RecallStore

/// Store timings at 100,000 cards and 1,000,000 logged reviews. Skipped unless
/// `RECALL_BENCH=1`; run in release (figures in BENCHMARKS.md):
/// `RECALL_BENCH=1 swift test -c release --filter StoreBenchmarkTests`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["RECALL_BENCH"] == "1"))
struct StoreBenchmarkTests {
    static let cards = 100_000
    static let reviews = 1_000_000

    /// Writes a log of `reviews` entries over `cards` cards, in time order, 10 per card.
    static func makeLog(at path: String) throws {
        var out: [UInt8] = []
        out.reserveCapacity(reviews * 100)
        var rng = SeededGenerator(seed: 7)
        let start = 1_735_689_600_000 as Int64  // 2025-01-01
        for i in 0..<reviews {
            let card = CardID(rawValue: UInt64(i % cards) &* 0x9E37_79B9_7F4A_7C15)
            let t = start + Int64(i / cards) * 86_400_000 * 30 + Int64(i % cards) * 20
            let r: Rating = Int.random(in: 0..<10, using: &rng) == 0 ? .again : .good
            ReviewLogCodec.encode(.review(card, r, at: ReviewLogCodec.date(milliseconds: t),
                                          durationMs: 4000, device: "d-bench0001"), into: &out)
        }
        try Data(out).write(to: URL(fileURLWithPath: path))
    }

    func measure(_ label: String, runs: Int, _ body: () throws -> Void) rethrows -> String {
        var times: [Double] = []
        for _ in 0..<runs {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        times.sort()
        let line = String(format: "%@: median %.2f ms, min %.2f, max %.2f (%d runs)", label,
                          times[times.count / 2], times[0], times[times.count - 1], runs)
        print(line)
        return line
    }

    @Test func figures() throws {
        let dir = TempFolder("bench")
        let location = StoreLocation(dataDirectory: dir.path, collection: "decks")
        try AtomicFile.makeFolders(location.folder)
        try Self.makeLog(at: location.folder + "/reviews.jsonl")
        let utc = TimeZone(identifier: "UTC")!
        var lines: [String] = []
        // Parsing the whole log (what a rebuild, stats and merge read).
        let map = try #require(try MappedFile(path: location.folder + "/reviews.jsonl"))
        var count = 0
        lines.append(try measure("parse 1,000,000 log lines", runs: 7) {
            count = 0
            _ = try ReviewLogReader.read(map.bytes, path: "reviews.jsonl") { _ in count += 1 }
        })
        #expect(count == Self.reviews)
        lines.append(try measure("parse 1,000,000 log lines on one core", runs: 5) {
            count = 0
            _ = try ReviewLogReader.read(map.bytes, from: 0, to: map.bytes.count, linesBefore: 0, path: "reviews.jsonl") { _ in count += 1 }
        })
        if ProcessInfo.processInfo.environment["RECALL_BENCH_ONLY"] == "parse" { return }
        // First open: full replay and snapshot write.
        lines.append(try measure("first open (rebuild from the log + snapshot write)", runs: 1) {
            let store = try ProgressStore.open(location, device: "d-bench0001", timeZone: utc, forWriting: true)
            try store.close()
        })
        let openRuns = ProcessInfo.processInfo.environment["RECALL_BENCH_ONLY"] == "open" ? 60 : 9
        lines.append(try measure("open with snapshot (read-only)", runs: openRuns) {
            let store = try ProgressStore.open(location, device: "d-bench0001", timeZone: utc, forWriting: false)
            #expect(store.records.count == Self.cards)
        })
        let store = try ProgressStore.open(location, device: "d-bench0001", timeZone: utc, forWriting: true)
        let ids = Array(store.records.keys.prefix(200))
        var i = 0
        lines.append(try measure("append one review (write + fsync + update records)", runs: 200) {
            try store.append(.review(ids[i], .good, at: Date(timeIntervalSince1970: 1_800_000_000 + Double(i)), device: "d-bench0001"))
            i += 1
        })
        lines.append(try measure("snapshot write (100,000 cards)", runs: 7) { try store.saveSnapshot() })
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        lines.append("peak RSS of the whole benchmark process: \(usage.ru_maxrss / 1024) MB")
        print(lines.joined(separator: "\n"))
    }
}
