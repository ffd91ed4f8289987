import ArgumentParser
import Foundation
import RecallCore
import RecallStore
import Testing
@testable import RecallCLI
import RecallTestSupport

/// `recall optimize`, in process (the command is not registered in the root command yet).
@Suite struct OptimizeCommandTests {
    let root = RecallProcess.temporaryDirectory("recall-optimize")
    var data: String { root.appendingPathComponent("data").path }
    var decks: String { root.appendingPathComponent("Decks").path }
    var settingsFile: URL { root.appendingPathComponent("data/collections/decks/settings.json") }

    /// A learner who recalls far less than the default parameters expect: Again 45 % of the
    /// time (`forgetting`) at days 0, 1, 3, 7, 15, 30, 60, 90 (plus a same-day review after
    /// each Again).
    static func history(cards: Int, seed: UInt64 = 3, forgetting: Double = 0.45) -> [(card: Int, time: Int, rating: Int)] {
        var rng = SplitMix64(seed: seed)
        var out: [(Int, Int, Int)] = []
        for card in 0..<cards {
            let start = 1_700_000_000 + (card % 20) * 86400 + 9 * 3600
            for (i, day) in [0, 1, 3, 7, 15, 30, 60, 90].enumerated() {
                let time = start + day * 86400
                let forgot = Double.random(in: 0..<1, using: &rng) < forgetting && i > 0
                out.append((card, time, forgot ? 1 : 3))
                if forgot { out.append((card, time + 600, 3)) }
            }
        }
        return out.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    }

    func writeOptgenLog(cards: Int) throws -> String {
        let path = root.appendingPathComponent("revlog.jsonl").path
        let lines = Self.history(cards: cards).map {
            "{\"card_id\": \($0.card), \"review_time\": \($0.time), \"rating\": \($0.rating)}"
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Puts the history into the collection's review log through `recall merge`.
    func fillCollection(cards: Int) throws {
        try FileManager.default.createDirectory(atPath: decks, withIntermediateDirectories: true)
        let lines = Self.history(cards: cards).map { review in
            let id = String(format: "%016llx", UInt64(0x1000 + review.card))
            return "{\"card\":\"\(id)\",\"device\":\"d-x\",\"dur\":5,\"ev\":\"review\",\"r\":\(review.rating),\"t\":\(review.time)000}"
        }
        let other = root.appendingPathComponent("other.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: other)
        let merge = try Recall.Merge.parse(["--data", data, "--decks", decks, "--force", other.path])
        try merge.run()
    }

    func savedParameters() throws -> [Double]? {
        guard let text = try? Data(contentsOf: settingsFile),
              let object = try JSONSerialization.jsonObject(with: text) as? [String: Any] else { return nil }
        let fsrs = object["fsrs"] as? [String: Any]
        return (object["parameters"] ?? object["fsrs_parameters"] ?? fsrs?["parameters"]) as? [Double]
    }

    @Test func logModeFitsAndReportsJSON() throws {
        let path = try writeOptgenLog(cards: 120)
        guard case .success(let reviews) = OptimizerLogReader.reviews([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))) else {
            Issue.record("log did not parse")
            return
        }
        let outcome = OptimizeRun.fit(reviews, current: CollectionSettings.defaultParameters)
        #expect(outcome.hasEnoughData)
        #expect(outcome.isImprovement)
        let json = OptimizeReport.json(outcome, currentName: "default", seconds: nil, workload: nil)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let parameters = try #require(object?["parameters"] as? [Double])
        #expect(parameters.count == 21)
        #expect(Array(parameters[0..<4]) == parameters[0..<4].sorted())
        #expect(object?.keys.sorted() == ["auc", "default", "enough_data", "improved", "log_loss", "minimum_reviews",
                                          "parameters", "parameters_on_bounds", "rmse_bins", "test_reviews", "train_reviews"])
        let command = try Recall.Optimize.parse(["--log", path, "--json"])
        try command.run()
    }

    @Test func collectionFitIsSavedOnlyWithYes() throws {
        try fillCollection(cards: 120)
        let ask = try Recall.Optimize.parse(["--data", data, "--decks", decks])
        try ask.run()  // not a terminal: reports, saves nothing
        #expect(try savedParameters() == nil || savedParameters() == CollectionSettings.defaultParameters)
        let save = try Recall.Optimize.parse(["--data", data, "--decks", decks, "--yes"])
        try save.run()
        let saved = try #require(try savedParameters())
        #expect(saved.count == 21)
        #expect(saved != CollectionSettings.defaultParameters)
    }

    @Test func tinyCollectionKeepsTheDefaults() throws {
        try fillCollection(cards: 3)
        let command = try Recall.Optimize.parse(["--data", data, "--decks", decks, "--yes"])
        try command.run()
        #expect(try savedParameters() == nil || savedParameters() == CollectionSettings.defaultParameters)
        let outcome = OptimizeRun.fit([], current: CollectionSettings.defaultParameters)
        #expect(OptimizeReport.text(outcome, currentName: "current")
            == "not enough history to fit: 0 reviews on a later day than each card's first (need at least 400); keeping the current parameters")
    }

    @Test(arguments: [["--log", "x.jsonl", "--yes"], ["--log", "x.jsonl", "Deck"], ["--per-deck", "Deck"],
                      ["--auto", "--yes"], ["--auto", "Deck"], ["--background"]])
    func rejectsConflictingOptions(arguments: [String]) {
        #expect(throws: (any Error).self) { try Recall.Optimize.parse(arguments) }
    }

    @Test func missingLogIsAnEnvironmentError() throws {
        let command = try Recall.Optimize.parse(["--log", root.appendingPathComponent("none.jsonl").path])
        #expect(throws: CLIError.self) { try command.run() }
    }
}

@Suite struct OptimizeReportTests {
    @Test func textTableIsAligned() {
        let current = PredictionMetrics(logLoss: 0.23959, rmseBins: 0.04316, auc: 0.5521, count: 10)
        let fitted = PredictionMetrics(logLoss: 0.22919, rmseBins: 0.02278, auc: 0.6326, count: 10)
        let outcome = FSRSOptimizer.Outcome(parameters: CollectionSettings.defaultParameters, current: current,
                                            fitted: fitted, trainCount: 40, testCount: 10, hasEnoughData: true)
        let lines = OptimizeReport.text(outcome, currentName: "current").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(Array(lines.prefix(7)) == [
            "held-out reviews: 10 (latest 20%), trained on 40",
            "",
            "parameters  log loss   RMSE(bins)     AUC",
            "current       0.2396       0.0432  0.5521",
            "fitted        0.2292       0.0228  0.6326",
            "",
            "the fit is better on the held-out reviews (lower log loss and RMSE(bins))",
        ])
        #expect(lines[7].hasPrefix("fitted: 0.2120, 1.2931, 2.3065, 8.2956, 6.4133,"))
        // The default w7 sits on its lower bound, but a fit that left it there did not push it.
        #expect(lines.count == 8)
    }

    @Test func retentionTableMarksTheBestRow() {
        let rows = [
            WorkloadSimulator.Row(desiredRetention: 0.8, reviews: 100, seconds: 36500, remembered: 50),
            WorkloadSimulator.Row(desiredRetention: 0.9, reviews: 150, seconds: 43800, remembered: 80),
        ]
        let lines = OptimizeReport.retentionTable(rows).split(separator: "\n")
        #expect(lines.count == 5)  // 0.80 costs 13.7 % more per remembered card: no range line
        #expect(lines[2].hasSuffix("<- best") && lines[2].hasPrefix("             0.90"))
        #expect(lines[3] == "recommended desired retention: 0.90 (set it with 'recall config desired_retention 0.90')")
        #expect(lines[4] == "note: that is the highest retention simulated (0.80-0.90): study time per remembered card was still falling there; treat it as a ceiling, not an optimum")
    }
}

/// `recall optimize` through the built binary.
@Suite struct OptimizeEndToEndTests {
    let root = RecallProcess.temporaryDirectory("recall-optimize-e2e")
    var env: [String: String] {
        ["RECALL_DATA": root.appendingPathComponent("data").path, "RECALL_DEVICE": "d-test",
         "RECALL_DECKS": root.appendingPathComponent("Decks").path, "TZ": "UTC"]
    }

    @Test func logModePrintsSortedJSON() throws {
        let path = root.appendingPathComponent("revlog.jsonl")
        let lines = OptimizeCommandTests.history(cards: 100).map {
            "{\"card_id\": \($0.card), \"review_time\": \($0.time), \"rating\": \($0.rating)}"
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: path)
        let result = runRecall(["optimize", "--log", path.path, "--json"], env: env)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("{\"auc\":"))
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((object?["parameters"] as? [Double])?.count == 21)
    }

    /// The report fits the width (80 columns in a pipe); the fitted parameters wrap after a
    /// comma, and the lines copied as they are set `config parameters` to them.
    @Test func reportWrapsToTheWidthAndItsParametersPasteIntoConfig() throws {
        let path = root.appendingPathComponent("revlog.jsonl")
        let lines = OptimizeCommandTests.history(cards: 120).map {
            "{\"card_id\": \($0.card), \"review_time\": \($0.time), \"rating\": \($0.rating)}"
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: path)
        let result = runRecall(["optimize", "--log", path.path], env: env)
        #expect(result.status == 0)
        let out = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(out.allSatisfy { $0.count <= 80 }, "\(out)")
        let start = try #require(out.firstIndex { $0.hasPrefix("fitted: ") })
        let continued = out[(start + 1)...].prefix { $0.hasPrefix("  ") }
        #expect(!continued.isEmpty)
        #expect(([out[start]] + continued).dropLast().allSatisfy { $0.hasSuffix(",") })
        let copied = ([String(out[start].dropFirst("fitted: ".count))] + continued).joined(separator: "\n")
        let fitted = copied.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        #expect(fitted.count == 21)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        let set = runRecall(["config", "parameters", copied], env: env)
        #expect(set.stderr == "")
        let saved = runRecall(["config", "parameters"], env: env).stdout.split(whereSeparator: \.isWhitespace)
        #expect(saved.map { Double($0) } == fitted.map { Double($0) })
    }

    @Test func emptyCollectionSaysThereIsTooLittleHistory() throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        let result = runRecall(["optimize"], env: env)
        #expect(result.status == 0)
        #expect(result.stdout == """
            not enough history to fit: 0 reviews on a later day than each card's first (need
              at least 400); keeping the current parameters

            """)
    }

    /// Two decks: `Hard`, whose cards are forgotten 45 % of the time, and `Easy` (5 %), with
    /// their history merged into the collection's log.
    func twoDecks() throws {
        let decks = root.appendingPathComponent("Decks")
        RecallProcess.write([
            "Hard.md": (0..<120).map { "hard question \($0) :: answer \($0)\n" }.joined(separator: "\n"),
            "Easy.md": (0..<60).map { "easy question \($0) :: answer \($0)\n" }.joined(separator: "\n"),
        ], under: decks)
        let cards = CollectionLoader.load(root: decks).cards
        let hard = cards.filter { $0.deck == "Hard" }, easy = cards.filter { $0.deck == "Easy" }
        #expect(hard.count == 120 && easy.count == 60)
        var lines: [String] = []
        for (deck, forgetting) in [(hard, 0.45), (easy, 0.05)] {
            for review in OptimizeCommandTests.history(cards: deck.count, forgetting: forgetting) {
                lines.append("{\"card\":\"\(deck[review.card].id)\",\"device\":\"d-x\",\"dur\":5,\"ev\":\"review\",\"r\":\(review.rating),\"t\":\(review.time)000}")
            }
        }
        let other = root.appendingPathComponent("other.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: other)
        #expect(runRecall(["merge", other.path], env: env).status == 0)
    }

    /// `recall stats DECK --json` at a fixed time: due forecast, stability and the rest.
    func stats(_ deck: String) -> String {
        var fixed = env
        fixed["RECALL_NOW"] = "2024-03-10T09:00:00Z"
        let result = runRecall(["stats", deck, "--json"], env: fixed)
        #expect(result.status == 0 && result.stderr == "", "\(result.stderr)")
        return result.stdout
    }

    @Test func aDeckFitIsSavedForThatDeckAndChangesOnlyItsIntervals() throws {
        try twoDecks()
        let hardBefore = stats("Hard"), easyBefore = stats("Easy")
        var fixed = env
        fixed["RECALL_NOW"] = "2024-03-10T09:00:00Z"
        let fit = runRecall(["optimize", "Hard", "--yes"], env: fixed)
        #expect(fit.status == 0 && fit.stderr == "", "\(fit.stderr)")
        let kept = fit.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(kept.hasPrefix("saved the fitted parameters for deck 'Hard' (120 cards); "))
        #expect(kept.hasSuffix(" already scheduled keep their due dates ('recall reschedule deck:Hard' moves them)"))
        let shown = runRecall(["config", "deck.Hard.parameters"], env: env).stdout
        let parameters = shown.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(parameters.count == 21 && parameters != CollectionSettings.defaultParameters)
        #expect(runRecall(["config"], env: env).stdout.contains("\ndeck.Hard.parameters = \(shown)"))
        let collectionParameters = runRecall(["config", "parameters"], env: env).stdout
            .split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(collectionParameters == CollectionSettings.defaultParameters)
        // The Hard cards' memory follows the new parameters but they keep their due dates,
        // until rescheduled (they then fall due sooner); the Easy ones are untouched.
        #expect(stats("Hard") != hardBefore)
        #expect(Self.forecast(stats("Hard")) == Self.forecast(hardBefore))
        let moved = runRecall(["reschedule", "deck:Hard", "--yes"], env: fixed)
        #expect(moved.status == 0, "\(moved.stderr)")
        let hardAfter = stats("Hard")
        #expect(Self.forecast(hardAfter) != Self.forecast(hardBefore))
        #expect(stats("Easy") == easyBefore)
        // The snapshot and the stats cache were rebuilt for the new settings: the same
        // numbers come out of the log alone.
        let folder = root.appendingPathComponent("data/collections/decks")
        for name in ["state.json", "state.bin", "stats-summary.bin", "stats-reviews.bin"] {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        #expect(stats("Hard") == hardAfter)
        #expect(stats("Easy") == easyBefore)
        // Back to the collection's parameters.
        #expect(runRecall(["config", "deck.Hard.parameters", "default"], env: env).stdout == "deck.Hard.parameters = default\n")
        // Memory as before the fit; the due dates the reschedule gave are kept.
        #expect(stats("Hard") != hardAfter)
        #expect(Self.forecast(stats("Hard")) == Self.forecast(hardAfter))
    }

    static func forecast(_ json: String) -> [Int] {
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return object?["forecast"] as? [Int] ?? []
    }

    @Test func malformedLogLineIsAFileError() throws {
        let path = root.appendingPathComponent("bad.jsonl")
        try Data("{\"card_id\": 1, \"review_time\": 5, \"rating\": 3}\nnot json\n".utf8).write(to: path)
        let result = runRecall(["optimize", "--log", path.path], env: env)
        #expect(result.status == 1)
        #expect(result.stderr == "\(path.path):2: error: expected \"card_id\", \"review_time\" and \"rating\" numbers\n")
    }

    /// A lower log loss alone is not a better fit: RMSE(bins) must fall too.
    @Test func fitIsAdoptedOnlyWhenLogLossAndRMSEBothFall() {
        let current = PredictionMetrics(logLoss: 0.6000, rmseBins: 0.0400, auc: 0.55, count: 60)
        let lossOnly = PredictionMetrics(logLoss: 0.5970, rmseBins: 0.0500, auc: 0.52, count: 60)
        let outcome = FSRSOptimizer.Outcome(parameters: CollectionSettings.defaultParameters, current: current,
                                            fitted: lossOnly, trainCount: 400, testCount: 60, hasEnoughData: true)
        #expect(!outcome.isImprovement)
        let lines = OptimizeReport.text(outcome, currentName: "current").split(separator: "\n")
        #expect(lines.contains("the fit lowers log loss but not RMSE(bins) on the held-out reviews; keeping the current parameters"))
    }

    /// Parameters that ended on a bound are named, with the side.
    @Test func namesParametersOnABound() {
        var parameters = CollectionSettings.defaultParameters
        parameters[9] = ParameterBounds.ranges[9].lowerBound
        parameters[20] = ParameterBounds.ranges[20].upperBound
        let m = PredictionMetrics(logLoss: 0.5, rmseBins: 0.04, auc: 0.6, count: 60)
        let outcome = FSRSOptimizer.Outcome(parameters: parameters, current: m, fitted: m,
                                            trainCount: 400, testCount: 60, hasEnoughData: true)
        // w7 is on its lower bound too, but that is its default: the fit did not move it.
        #expect(outcome.parametersOnBounds == [9, 20])
        let lines = OptimizeReport.text(outcome, currentName: "current").split(separator: "\n")
        #expect(lines.last == "on a bound: w9 = 0.0000 (its lowest), w20 = 0.8000 (its highest) (the history pushed them as far as allowed)")
    }

    /// A recommended retention at the edge of the simulated range says so.
    @Test func retentionAtTheEdgeIsFlagged() {
        func row(_ r: Double, _ cost: Double) -> WorkloadSimulator.Row {
            WorkloadSimulator.Row(desiredRetention: r, reviews: 100, seconds: cost * 100, remembered: 100)
        }
        let falling = [row(0.70, 5), row(0.80, 6), row(0.90, 7)]
        let text = OptimizeReport.retentionTable(falling).split(separator: "\n")
        #expect(text.contains("note: that is the lowest retention simulated (0.70-0.90): study time per remembered card was still falling there, and a retention this low means forgetting often; treat it as a floor, not an optimum"))
        let middle = [row(0.70, 7), row(0.80, 5), row(0.90, 7)]
        #expect(!OptimizeReport.retentionTable(middle).contains("note:"))
    }
}

/// `recall optimize` through the binary, on a short history of random grades.
@Suite struct OptimizeMinimumHistoryTests {
    @Test func randomGradesBelowTheMinimumAreNotFitted() throws {
        let root = RecallProcess.temporaryDirectory("recall-optimize-min")
        var rng = SplitMix64(seed: 11)
        var lines: [String] = []
        for card in 0..<40 {
            for (i, day) in [0, 1, 3, 7, 15, 30, 45, 60].enumerated() where lines.count < 290 || i == 0 {
                let rating = Int.random(in: 1...4, using: &rng)
                lines.append("{\"card_id\": \(card), \"review_time\": \(1_700_000_000 + (card + day) * 86400), \"rating\": \(rating)}")
            }
        }
        let log = root.appendingPathComponent("revlog.jsonl")
        try Data((lines.prefix(290).joined(separator: "\n") + "\n").utf8).write(to: log)
        let result = runRecall(["optimize", "--log", log.path])
        #expect(result.status == 0, "\(result.stderr)")
        // One line, wrapped to 80 columns.
        let out = result.stdout.replacingOccurrences(of: "\n  ", with: " ").split(separator: "\n")
        #expect(out.count == 1)
        #expect(out.first?.hasPrefix("not enough history to fit: ") == true)
        #expect(out.first?.hasSuffix(" reviews on a later day than each card's first (need at least 400); keeping the default parameters") == true)
    }
}
