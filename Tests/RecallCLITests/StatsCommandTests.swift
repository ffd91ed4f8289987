import Foundation
import Testing
import RecallCore
import RecallStore
import RecallTestSupport

/// End to end: runs the built `recall stats` on a small collection whose review log is
/// written through the store, with `RECALL_NOW`, `TZ=UTC`, `NO_COLOR=1` and `COLUMNS=80`.
@Suite struct StatsCommandTests {
    /// A temp folder with `Decks/` and `data/`, removed at the end of the test.
    final class Collection {
        let root: URL
        var decks: URL { root.appendingPathComponent("Decks") }
        var data: URL { root.appendingPathComponent("data") }

        init() throws {
            root = RecallProcess.temporaryDirectory("recall-stats")
            try FileManager.default.createDirectory(at: decks, withIntermediateDirectories: true)
            try "hello :: bonjour\n\ncat :: chat\n\ntags: #animals\n\ndog :: chien\n"
                .write(to: decks.appendingPathComponent("Lang.md"), atomically: true, encoding: .utf8)
            try "two :: 2\n".write(to: decks.appendingPathComponent("Math.md"), atomically: true,
                                   encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func card(_ question: String) throws -> CardID {
            let cards = CollectionLoader.load(root: decks).cards
            return try #require(cards.first { $0.question == question }).id
        }

        /// Appends reviews through the store: (card question, "YYYY-MM-DDTHH:MM:SSZ", rating, ms).
        func log(_ reviews: [(String, String, Rating, Int)]) throws {
            let location = StoreLocation(dataDirectory: data.path, decksDirectory: decks.path)
            let store = try ProgressStore.open(location, device: "test",
                                               timeZone: TimeZone(identifier: "UTC")!, forWriting: true)
            let iso = ISO8601DateFormatter()
            for (question, time, rating, ms) in reviews {
                let date = try #require(iso.date(from: time))
                try store.append(.review(try card(question), rating, at: date, durationMs: ms, device: "test"))
            }
            try store.close()
        }

        /// Runs `recall` with the test environment; returns (stdout, stderr, exit code).
        func run(_ arguments: [String]) throws -> (out: String, err: String, code: Int32) {
            let result = runRecall(arguments + ["--decks", decks.path, "--data", data.path],
                                   env: ["RECALL_NOW": "2026-03-10T12:00:00Z", "TZ": "UTC", "HOME": root.path],
                                   cwd: root)
            return (result.stdout, result.stderr, result.status)
        }
    }


    static let week: [(String, String, Rating, Int)] = [
        ("hello", "2026-03-08T09:00:00Z", .good, 4000),
        ("hello", "2026-03-09T09:00:00Z", .good, 3000),
        ("dog", "2026-03-09T09:05:00Z", .good, 6000),
        ("hello", "2026-03-10T03:00:00Z", .hard, 2000),  // before 04:00: still March 9
        ("hello", "2026-03-10T09:00:00Z", .again, 5000),
        ("cat", "2026-03-10T09:01:00Z", .good, 2600),
    ]

    private func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func jsonNumbersForASmallCollection() throws {
        let c = try Collection()
        try c.log(Self.week)
        let result = try c.run(["stats", "--json"])
        #expect(result.code == 0, "stderr: \(result.err)")
        let j = try json(result.out)
        let today = try #require(j["today"] as? [String: Int])
        #expect(today["reviewed"] == 2)
        #expect(today["new"] == 1)
        #expect(today["again"] == 1)
        #expect(today["seconds"] == 8)  // 7.6 s
        let streak = try #require(j["streak"] as? [String: Int])
        #expect(streak["current"] == 3)
        #expect(streak["longest"] == 3)
        #expect((j["heatmap"] as? [String: Int]) == ["2026-03-08": 1, "2026-03-09": 3, "2026-03-10": 2])
        let forecast = try #require(j["forecast"] as? [Int])
        #expect(forecast.count == 30)
        #expect(forecast[0] == today["due"])
        #expect(forecast.reduce(0, +) == 3)  // every studied card is due within 30 days
        let cards = try #require(j["cards"] as? [String: Int])
        #expect(cards["new"] == 1)
        #expect(cards["total"] == 4)
        #expect(cards["suspended"] == 0)
        #expect(j["total_reviews"] as? Int == 6)
        let calibration = try #require(j["calibration"] as? [String: Any])
        #expect(calibration["reviews"] as? Int == 2)  // hello at 09:00 on the 9th and the 10th
        // A bin names its ranges as the text table's columns do, and counts its reviews.
        let bin = try #require((calibration["bins"] as? [[String: Any]])?.first)
        #expect(bin.keys.sorted() == ["actual", "card_lapses", "card_reviews", "interval_days", "passed",
                                      "predicted", "reviews"])
        #expect(bin["card_lapses"] as? [String: Int] == ["from": 0, "to": 0])
        #expect(bin["reviews"] as? Int == 2)
        #expect(j.keys.sorted() == ["calibration", "cards", "collection", "date", "forecast",
                                    "hardest", "heatmap", "leeches", "most_lapses", "retention", "scope",
                                    "streak", "today", "total_reviews"])
    }

    @Test func deckAndTagSelections() throws {
        let c = try Collection()
        try c.log(Self.week)
        let math = try json(c.run(["stats", "Math", "--json"]).out)
        #expect((math["cards"] as? [String: Int])?["total"] == 1)
        #expect((math["today"] as? [String: Int])?["reviewed"] == 0)
        #expect(math["scope"] as? String == "deck Math")
        let animals = try json(c.run(["stats", "#animals", "--json"]).out)
        #expect((animals["cards"] as? [String: Int])?["total"] == 1)
        #expect(animals["total_reviews"] as? Int == 1)
        let missing = try c.run(["stats", "Nope"])
        #expect(missing.code == 64)
        #expect(missing.err == "recall: error: no deck named 'Nope' in the collection\nnote: decks: Lang, Math\n")
    }

    @Test func textViewWithoutColourOrProgress() throws {
        let c = try Collection()
        let result = try c.run(["stats", "--ascii"])
        #expect(result.code == 0)
        #expect(!result.out.contains("\u{1B}"))
        let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "Recall stats | all decks | Tue 2026-03-10")
        #expect(lines.contains("Today     0 reviewed | 0 new | 0 again | 0s | 0 still due"))
        #expect(lines.contains("Cards | 4 cards: 4 new | 0 learning | 0 review | 0 relearning | 0 suspended"))
    }

    /// The card lists show questions as plain text on one line, as a card shows them; the
    /// JSON keeps the text as written.
    @Test func cardListsShowPlainQuestions() throws {
        let c = try Collection()
        try "What is **bold** and *italic*? :: emphasis\n\nSolve $x^2 = 4$ :: $x = \\pm 2$\n\nWhat does <b>HTML</b> &amp; do? :: tags\n"
            .write(to: c.decks.appendingPathComponent("Rich.md"), atomically: true, encoding: .utf8)
        let questions = ["What is **bold** and *italic*?", "Solve $x^2 = 4$", "What does <b>HTML</b> &amp; do?"]
        try c.log(questions.flatMap { q in
            [(q, "2026-03-01T09:00:00Z", Rating.good, 3000), (q, "2026-03-05T09:00:00Z", .again, 3000),
             (q, "2026-03-05T09:10:00Z", .good, 3000)]
        })
        let out = try c.run(["stats"]).out.split(separator: "\n").map(String.init)
        let hardest = try #require(out.firstIndex { $0.hasPrefix("Hardest cards") })
        #expect(Array(out[(hardest + 1)...].prefix(3)) == [
            "  D  7.4  0 lapses  Rich.md:1  What is bold and italic?",
            "  D  7.4  0 lapses  Rich.md:3  Solve x² = 4",
            "  D  7.4  0 lapses  Rich.md:5  What does HTML & do?",
        ])
        let json = try json(c.run(["stats", "--json"]).out)
        let listed = try #require(json["hardest"] as? [[String: Any]]).compactMap { $0["question"] as? String }
        #expect(listed == questions)
    }

    @Test func malformedLogLineIsReportedWithItsLocation() throws {
        let c = try Collection()
        try c.log(Self.week)
        let folder = StoreLocation(dataDirectory: c.data.path, decksDirectory: c.decks.path).folder
        let path = folder + "/reviews.jsonl"
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"card\":\"nonsense\"}\n{\"card\":\"0000000000000001\"}\n".utf8))
        try handle.close()
        let result = try c.run(["stats"])
        #expect(result.code == 1)
        #expect(result.out.isEmpty)
        #expect(result.err.hasPrefix(path + ":7: error: "), "stderr: \(result.err)")
    }

    @Test func textViewGolden() throws {
        let c = try Collection()
        try c.log(Self.week)
        for (name, flags) in [("stats-e2e-ascii.txt", ["--ascii"]), ("stats-e2e-unicode.txt", [])] {
            let result = try c.run(["stats"] + flags)
            #expect(result.code == 0)
            try StatsViewTests.golden(name, result.out)
        }
    }
}
