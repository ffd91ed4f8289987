import Foundation
import Testing
import RecallTestSupport

/// `recall merge OTHER` checks OTHER's cards against this collection's decks first.
@Suite struct MergeCommandTests {
    let root = RecallProcess.temporaryDirectory("recall-merge")

    var env: [String: String] { ["TZ": "UTC", "RECALL_NOW": "2026-03-01T09:00:00Z"] }

    /// Reviews every card of `decks` once (good) with progress in `data`.
    func reviewAll(decks: String, data: String, device: String) {
        let result = runRecall(["review", "--decks", decks, "--data", data],
                               env: env.merging(["RECALL_DEVICE": device]) { $1 },
                               stdin: String(repeating: "\n3\n", count: 3) + ":quit\n", cwd: root)
        #expect(result.status == 0, "\(result.stderr)")
    }

    func log(_ data: String) -> String? {
        let collections = root.appendingPathComponent(data).appendingPathComponent("collections")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: collections.path)) ?? []
        return names.lazy.compactMap {
            try? String(contentsOf: collections.appendingPathComponent($0).appendingPathComponent("reviews.jsonl"),
                        encoding: .utf8)
        }.first
    }

    init() {
        RecallProcess.write([
            "Decks/Geography.txt": "Capital of France?\nParis\n-\nCapital of Japan?\nTokyo\n-\nCapital of Peru?\nLima\n",
            "Other/Chemistry.txt": "Symbol of gold?\nAu\n-\nSymbol of iron?\nFe\n-\nSymbol of tin?\nSn\n",
        ], under: root)
        reviewAll(decks: "Decks", data: "laptop", device: "laptop")
        reviewAll(decks: "Other", data: "stranger", device: "stranger")
    }

    @Test func mergesAnotherDevicesCopyOfTheseDecks() throws {
        let result = runRecall(["merge", "laptop", "--decks", "Decks", "--data", "mine"], env: env, cwd: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            3 of the 3 cards in 'laptop' are in this collection's decks
            merged 'laptop/collections/decks/reviews.jsonl': 3 new entries (3 reviews), 3 in the log

            """)
        #expect(log("mine") == log("laptop"))
    }

    @Test func refusesAnUnrelatedCollectionUnlessForced() throws {
        let refused = runRecall(["merge", "stranger", "--decks", "Decks", "--data", "mine"], env: env, cwd: root)
        #expect(refused.status == 1)
        #expect(refused.stdout == "0 of the 3 cards in 'stranger' are in this collection's decks\n")
        #expect(refused.stderr == """
            recall: error: 'stranger' looks like another collection: none of its cards are in this collection's decks; nothing was merged
            note: merge the progress of the same decks (check --decks), or use --force to merge it anyway (cards in no deck keep their history as orphans)

            """)
        #expect(log("mine") == nil || log("mine") == "")
        let forced = runRecall(["merge", "stranger", "--force", "--decks", "Decks", "--data", "mine"], env: env, cwd: root)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.hasSuffix(": 3 new entries (3 reviews), 3 in the log\n"))
        #expect(log("mine") == log("stranger"))
    }

    /// Fewer than half of OTHER's cards in the decks is refused too; half is enough.
    @Test func refusesWhenUnderHalfMatch() throws {
        RecallProcess.write(["Two/Geography.txt": "Capital of France?\nParis\n"], under: root)
        let one = runRecall(["merge", "laptop", "--decks", "Two", "--data", "mine"], env: env, cwd: root)
        #expect(one.status == 1)
        #expect(one.stdout == "1 of the 3 cards in 'laptop' are in this collection's decks\n")
        #expect(one.stderr.hasPrefix("recall: error: 'laptop' looks like another collection: only 1 of its 3 cards are in this collection's decks; nothing was merged\n"))
        RecallProcess.write(["Two/Geography.txt": "Capital of France?\nParis\n-\nCapital of Japan?\nTokyo\n"], under: root)
        let two = runRecall(["merge", "laptop", "--decks", "Two", "--data", "mine"], env: env, cwd: root)
        #expect(two.status == 0, "\(two.stderr)")
    }

    @Test func dryRunWritesNothing() throws {
        let result = runRecall(["merge", "--dry-run", "laptop", "--decks", "Decks", "--data", "mine"], env: env, cwd: root)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "3 of the 3 cards in 'laptop' are in this collection's decks")
        #expect(lines.dropFirst().first?.hasPrefix("would merge '") == true)
        #expect(lines.dropFirst().first?.hasSuffix("': 3 new entries (3 reviews), 3 in the log") == true)
        #expect(Array(lines.suffix(2)) == ["nothing was written (--dry-run)", ""])
        #expect(log("mine") == nil || log("mine") == "")
        let refused = runRecall(["merge", "--dry-run", "stranger", "--decks", "Decks", "--data", "mine"], env: env, cwd: root)
        #expect(refused.status == 1)
    }
}
