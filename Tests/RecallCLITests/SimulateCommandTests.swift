import Foundation
import Testing
import RecallTestSupport

/// `recall simulate` through the built binary, on a collection studied on earlier days.
@Suite struct SimulateCommandTests {
    let root = RecallProcess.temporaryDirectory("recall-simulate")

    func env(_ now: String) -> [String: String] {
        ["RECALL_DATA": root.appendingPathComponent("data").path, "RECALL_DEVICE": "d-test",
         "RECALL_DECKS": root.appendingPathComponent("Decks").path, "TZ": "UTC", "RECALL_NOW": now]
    }

    /// 30 cards; 4 studied on 1 March (all Good twice), the rest new.
    func studied() {
        RecallProcess.write(["Decks/Words.md": (0..<30).map { "word \($0) :: meaning \($0)\n" }.joined(separator: "\n")], under: root)
        _ = runRecall(["config", "new_per_day", "4"], env: env("2026-03-01T08:00:00Z"))
        let session = runRecall(["review"], env: env("2026-03-01T09:00:00Z"), stdin: String(repeating: "\n3\n", count: 8))
        #expect(session.status == 0)
    }

    @Test func tableMarksTheCurrentAndTheMostEfficientRetention() throws {
        studied()
        let result = runRecall(["simulate", "--retention", "0.8..0.9/0.05", "--days", "60"], env: env("2026-03-02T09:00:00Z"))
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(Array(lines.prefix(4)) == [
            "simulated 60 days from your collection: 4 cards studied, 26 new (4 a day), at most 200 reviews a day",
            "seconds per card: 20 s new, 8 s recalled, 25 s forgotten (defaults: your review log has too few timed reviews)",
            "",
            "desired retention  reviews/day  minutes/day  remembered",
        ])
        let rows = lines.dropFirst(4).prefix(3)
        #expect(rows.map { String($0.prefix(17)) } == ["             0.80", "             0.85", "             0.90"])
        #expect(rows.filter { $0.hasSuffix("current") || $0.hasSuffix("current, most efficient") }.count == 1)
        #expect(rows.last?.contains("<- current") == true)
        #expect(rows.filter { $0.contains("most efficient") }.count == 1)
        #expect(lines[8] == "remembered: cards you would recall on day 60 (the sum of their predicted retrievability)")
        // The same seed gives the same numbers.
        #expect(runRecall(["simulate", "--retention", "0.8..0.9/0.05", "--days", "60"], env: env("2026-03-02T09:00:00Z")).stdout
            == result.stdout)
    }

    @Test func jsonHasOneRowPerRetentionPlusTheCurrent() throws {
        studied()
        let result = runRecall(["simulate", "--retention", "0.8,0.85", "--json", "--seed", "9"], env: env("2026-03-03T09:00:00Z"))
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object.keys.sorted() == ["cards_studied", "current", "days", "most_efficient", "new_cards", "new_per_day",
                                         "reviews_per_day_limit", "rows", "seconds", "seed"])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.map { $0["desired_retention"] as? Double } == [0.8, 0.85, 0.9])
        #expect(object["current"] as? Double == 0.9 && object["days"] as? Int == 365 && object["seed"] as? Int == 9)
        #expect(object["cards_studied"] as? Int == 4 && object["new_cards"] as? Int == 26)
        let perDay = rows.compactMap { $0["reviews_per_day"] as? Double }
        #expect(perDay.count == 3 && perDay == perDay.sorted())
    }

    @Test(arguments: [
        (["--retention", "0.9..0.8"], "Error: --retention: '0.9..0.8' runs backwards; write the lower retention first"),
        (["--retention", "1.5"], "Error: --retention: '1.5' is not a retention from 0.50 to 0.99 with at most two decimals"),
        (["--days", "0"], "Error: --days must be from 1 to 3650, not 0"),
    ])
    func misuseIsRejected(arguments: [String], message: String) {
        let result = runRecall(["simulate"] + arguments, env: env("2026-03-02T09:00:00Z"))
        #expect(result.status == 64)
        #expect(result.stderr.components(separatedBy: "\n").first == message)
    }

    @Test func sm2CollectionIsRefused() {
        studied()
        _ = runRecall(["config", "scheduler", "sm2"], env: env("2026-03-02T08:00:00Z"))
        let result = runRecall(["simulate"], env: env("2026-03-02T09:00:00Z"))
        #expect(result.status == 1)
        #expect(result.stderr == "recall: error: the simulation follows FSRS, and this collection is scheduled with SM-2\nnote: switch with 'recall config scheduler fsrs'\n")
    }
}
