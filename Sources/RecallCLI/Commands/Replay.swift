import ArgumentParser
import Foundation
import RecallCore

extension Recall {
    /// `recall replay FILE [--json]`: recomputes review histories with Recall's FSRS-6.
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay",
            abstract: "Replay review histories through Recall's FSRS-6 for conformance checks.",
            discussion: """
                Reads review histories in the reference-vector schema (fsrs6-refvectors/1, as \
                written by refgen.py): the 'scheduler' settings and each review's \
                'review_datetime' and 'rating'. Fields the scheduler computes are ignored and \
                recomputed, counting days as py-fsrs does (whole 24-hour periods). Prints a \
                table, or with --json the same schema with Recall's values, so any reference \
                can be compared with a JSON diff. Use - to read standard input.

                Examples:
                  recall replay vectors-small.json
                  recall replay --json vectors-small.json > recall.json
                  python3 refgen.py --seed 9 -n 10000 -o big.json && recall replay --timing big.json > /dev/null
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Flag(name: .long, help: "Print the histories in the vectors schema on standard output.")
        var json = false

        @Flag(name: .long, help: "Report on standard error how long the scheduling itself took.")
        var timing = false

        @Argument(help: ArgumentHelp("A history file in the vectors schema, or - for standard input.",
                                     valueName: "file"))
        var file: String

        func run() throws {
            let data = try read()
            let input: VectorHistories
            do {
                input = try VectorHistories.parse(data)
            } catch let problem as VectorHistories.Problem {
                let note = problem.hint.map { "\nnote: \($0)" } ?? ""
                Console.err("\(file): error: \(problem.message)\(note)\n")
                throw ExitCode(1)
            }
            let replay = ConformanceReplay(settings: input.settings)
            let results = Self.schedule(input, with: replay)
            if timing { Self.reportTiming(input, replay) }
            if json {
                var out = ""
                input.document(results: results, fsrs: replay.fsrs).write(to: &out)
                Console.json(Data((out + "\n").utf8))
            } else {
                Console.out(input.table(results: results))
            }
        }

        private func read() throws -> Data {
            if file == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError("cannot read '\(file)'",
                               hint: "check that the file exists and is readable")
            }
            return data
        }

        /// Replays every history; fuzz (when the file turns it on) is seeded by card id.
        static func schedule(_ input: VectorHistories,
                             with replay: ConformanceReplay) -> [[ConformanceReplay.Step]] {
            input.histories.map {
                replay.replay(created: $0.created, reviews: $0.reviews,
                              seed: IntervalFuzz.seed(card: CardID(rawValue: UInt64(bitPattern: Int64($0.cardID))),
                                                      reviewCount: 0))
            }
        }

        /// Best and median of 7 runs of the scheduling alone (no parsing or printing).
        static func reportTiming(_ input: VectorHistories, _ replay: ConformanceReplay) {
            var times: [Double] = []
            var checksum = 0.0
            for _ in 0..<7 {
                let start = DispatchTime.now().uptimeNanoseconds
                let results = schedule(input, with: replay)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                checksum += results.last?.last?.schedule.memory?.stability ?? 0
            }
            times.sort()
            let reviews = input.histories.reduce(0) { $0 + $1.reviews.count }
            let line = String(format: "scheduled %d reviews of %d cards in %.2f ms (best of 7; median %.2f ms)\n",
                              reviews, input.histories.count, times[0], times[3])
            Console.err(line)
            _ = checksum
        }
    }
}
