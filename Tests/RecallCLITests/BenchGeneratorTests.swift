import Foundation
import Testing
import RecallTestSupport

/// `recall-bench generate`: deterministic output that Recall itself accepts.
@Suite struct BenchGeneratorTests {
    /// The `recall-bench` executable built next to `recall`.
    static let binary = RecallProcess.binary.deletingLastPathComponent().appendingPathComponent("recall-bench")

    /// Runs `recall-bench ARGS`; returns its exit status and standard output.
    func runBench(_ args: [String]) throws -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = args
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Every file under `root` (relative path → bytes).
    func files(under root: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let path = walker?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path),
               !path.hasSuffix("/lock") {
                result[path] = data
            }
        }
        return result
    }

    func generate(seed: Int, into dir: URL) throws {
        let r = try runBench(["generate", "--cards", "90", "--files", "3", "--reviews", "600",
                              "--seed", "\(seed)", "--out", dir.path])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("wrote 90 cards in 3 files and 600 reviews to \(dir.path)\n"))
    }

    @Test func sameSeedGivesByteIdenticalFiles() throws {
        let a = RecallProcess.temporaryDirectory("bench-a"), b = RecallProcess.temporaryDirectory("bench-b")
        let c = RecallProcess.temporaryDirectory("bench-c")
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(at: d) } }
        try generate(seed: 7, into: a)
        try generate(seed: 7, into: b)
        try generate(seed: 8, into: c)
        let first = files(under: a)
        #expect(Set(first.keys) == ["Decks/bench-000.txt", "Decks/bench-001.md", "Decks/bench-002.tsv",
                                    "RECALL_NOW", "data/collections/decks/reviews.jsonl",
                                    "data/collections/decks/state.bin", "data/collections/decks/state.json"])
        #expect(first == files(under: b))
        #expect(first["data/collections/decks/reviews.jsonl"] != files(under: c)["data/collections/decks/reviews.jsonl"])
        let log = String(decoding: first["data/collections/decks/reviews.jsonl"] ?? Data(), as: UTF8.self)
        #expect(log.split(separator: "\n").count == 600)
    }

    @Test func generatedCollectionPassesCheckAndOpensInStats() throws {
        let dir = RecallProcess.temporaryDirectory("bench-check")
        defer { try? FileManager.default.removeItem(at: dir) }
        try generate(seed: 1, into: dir)
        let decks = dir.appendingPathComponent("Decks").path, data = dir.appendingPathComponent("data").path
        let now = try String(contentsOf: dir.appendingPathComponent("RECALL_NOW"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let env = ["RECALL_NOW": now, "TZ": "UTC", "RECALL_DEVICE": "test"]

        let check = runRecall(["check", "--decks", decks, "--data", data], env: env)
        #expect(check.status == 0)
        #expect(check.stdout.lines == ["checked 3 decks, 90 cards: no problems"])
        #expect(!check.stderr.contains("error"))

        let stats = runRecall(["stats", "--json", "--decks", decks, "--data", data], env: env)
        #expect(stats.status == 0)
        #expect(stats.stdout.contains("\"total_reviews\" : 600"))
    }

    @Test func tsvHasOneRowPerCard() throws {
        let dir = RecallProcess.temporaryDirectory("bench-tsv")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cards.tsv")
        let r = try runBench(["generate-tsv", "--cards", "25", "--seed", "2", "--out", file.path])
        #expect(r.status == 0)
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 27)
        #expect(lines.prefix(2) == ["#separator:tab", "#html:false"])
        #expect(lines.dropFirst(2).allSatisfy { $0.split(separator: "\t").count == 2 })
    }
}
