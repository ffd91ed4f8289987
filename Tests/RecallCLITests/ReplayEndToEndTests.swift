import Foundation
import Testing
import RecallTestSupport

/// `recall replay` through the built binary.
@Suite struct ReplayEndToEndTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("RecallCoreTests/Fixtures")

    func reviews(_ json: String) throws -> [NSDictionary] {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let cards = try #require(doc["cards"] as? [[String: Any]])
        return cards.flatMap { ($0["reviews"] as? [NSDictionary]) ?? [] }
    }

    @Test(arguments: ["vectors-small.json", "vectors-small-nosteps.json"])
    func jsonOutputReproducesTheReference(file: String) throws {
        let path = Self.fixtures.appendingPathComponent(file).path
        let run = runRecall(["replay", "--json", path])
        #expect(run.status == 0)
        #expect(run.stderr == "")
        let expected = try reviews(String(contentsOfFile: path, encoding: .utf8))
        let got = try reviews(run.stdout)
        #expect(got.count == expected.count && got.count > 700)
        // Same text for every number (shortest round-trip form), so equal once parsed.
        let differing = zip(expected, got).filter { !$0.isEqual(to: $1 as? [AnyHashable: Any] ?? [:]) }
        #expect(differing.isEmpty, "\(differing.prefix(2))")
    }

    @Test func badInputExitsOneWithTheFileName() {
        let dir = RecallProcess.temporaryDirectory("replay")
        defer { try? FileManager.default.removeItem(at: dir) }
        RecallProcess.write(["bad.json": #"{"scheduler": {}, "cards": [{"card_id": 4, "reviews": [{"review_datetime": "2024-01-01T00:00:00Z", "rating": 9}]}]}"#],
                            under: dir)
        let run = runRecall(["replay", "bad.json"], cwd: dir)
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(run.stderr == "bad.json: error: card 4, review 0: rating is '9', expected 1 to 4\n")
        let missing = runRecall(["replay", "nowhere.json"], cwd: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr == "recall: error: cannot read 'nowhere.json'\nnote: check that the file exists and is readable\n")
        #expect(runRecall(["replay"]).status == 64)
    }

    @Test func tableAndStandardInput() {
        let json = #"{"scheduler": {"learning_steps": [], "relearning_steps": [], "enable_fuzzing": false}, "cards": [{"card_id": 1, "reviews": [{"review_datetime": "2024-01-01T12:00:00Z", "rating": 3}, {"review_datetime": "2024-01-03T12:00:00Z", "rating": 3}]}]}"#
        let run = runRecall(["replay", "-"], stdin: json)
        #expect(run.status == 0)
        #expect(run.stdout == """
            card 1 (created 2024-01-01T12:00:00Z)
               #  review time           rating  days  R before  state       step   stability  difficulty  due
               0  2024-01-01T12:00:00Z  good       -    0.0000  review         -       2.3065      2.1181  2024-01-03T12:00:00Z
               1  2024-01-03T12:00:00Z  good       2    0.9095  review         -      10.9643      2.1112  2024-01-14T12:00:00Z

            replayed 1 card, 2 reviews

            """)
    }
}
