import Benchmark
import Foundation
import RecallCore
import RecallStore

// In-process benchmarks over a collection made by
//   recall-bench generate --cards 100000 --files 100 --reviews 1000000 --seed 1 --out DIR
// (DIR from $RECALL_BENCH_DIR, default /tmp/recall-bench/100k). Time is fixed at the
// collection's RECALL_NOW file, the time zone is UTC. Run from Benchmarks/:
//   RECALL_BENCH_DIR=DIR swift package benchmark
// and the store's rows alone (log read, open with and without the snapshot, one answer,
// snapshot write), which were a test of RecallStoreTests before:
//   RECALL_BENCH_DIR=DIR swift package benchmark --filter '.*(log|open|answer|snapshot).*'
// Benchmarks that write work on a copy of the collection's progress in the temp folder.

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident]
    let slow = Benchmark.Configuration(metrics: metrics, warmupIterations: 1, scalingFactor: .one,
                                       maxDuration: .seconds(20), maxIterations: 10)

    for ext in ["txt", "md", "tsv"] {
        Benchmark("parse \(ext) decks (all .\(ext) files)", configuration: slow) { benchmark in
            let files = Fixture.shared.deckFiles(ext)
            benchmark.startMeasurement()
            var cards = 0
            for file in files {
                cards += DeckParser.parse(bytes: file.bytes, file: file.name, deck: file.deck, format: file.format).cards.count
            }
            blackHole(cards)
        }
    }

    Benchmark("load collection (all decks, CollectionLoader)", configuration: slow) { _ in
        blackHole(CollectionLoader.load(root: Fixture.shared.decksURL).cards.count)
    }

    Benchmark("read review log (1M entries)", configuration: slow) { _ in
        blackHole(try Fixture.shared.readLog().count)
    }

    // The store alone: what opening a collection costs with and without its snapshot, and
    // writing the snapshot.
    Benchmark("open with snapshot (read-only)", configuration: slow) { _ in
        let f = Fixture.shared
        blackHole(try ProgressStore.open(f.location, device: "d-bench", timeZone: f.utc, forWriting: false).records.count)
    }

    Benchmark("first open (rebuild from the log + snapshot write)", configuration: slow) { benchmark in
        let f = Fixture.shared
        let copy = f.scratchCopy("rebuild")
        // Without state.json the store replays the whole log and writes a new snapshot.
        try? FileManager.default.removeItem(atPath: "\(copy.folder)/state.json")
        benchmark.startMeasurement()
        let store = try ProgressStore.open(copy, device: "d-bench", timeZone: f.utc, forWriting: true)
        try store.close()
        benchmark.stopMeasurement()
        try? FileManager.default.removeItem(atPath: copy.dataDirectory)
    }

    Benchmark("snapshot write (100k cards)", configuration: slow) { benchmark in
        let store = Answering.shared.store
        benchmark.startMeasurement()
        try store.saveSnapshot()
    }

    Benchmark("replay (CollectionReplay, 1M entries)", configuration: slow) { benchmark in
        let f = Fixture.shared
        benchmark.startMeasurement()
        blackHole(f.replay.replay(f.log).records.count)
    }

    Benchmark("queue (100k cards)", configuration: slow) { benchmark in
        let f = Fixture.shared
        benchmark.startMeasurement()
        let queue = Queue(cards: f.cards, records: f.records, settings: f.replay.scheduler.settings,
                          calendar: f.replay.calendar, now: f.now)
        blackHole(queue.next)
    }

    Benchmark("stats (replay + report, 1M entries)", configuration: slow) { benchmark in
        let f = Fixture.shared
        benchmark.startMeasurement()
        let input = StatsInput(cards: f.cards, log: f.log, replay: f.replay, now: f.now)
        blackHole(StatsReport.compute(input))
    }

    Benchmark("one answer (append + fdatasync + next card)",
              configuration: .init(metrics: metrics, warmupIterations: 5, scalingFactor: .one,
                                   maxDuration: .seconds(10), maxIterations: 2000)) { benchmark in
        let answering = Answering.shared
        benchmark.startMeasurement()
        blackHole(try answering.answerOne())
    }
}
