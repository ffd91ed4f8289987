import Foundation
import Testing
@testable import RecallCLI
import RecallCore

@Suite struct ReplayCommandTests {
    static let oneCard = """
        {"schema": "fsrs6-refvectors/1", "generator": {"seed": 1},
         "scheduler": {"parameters": [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
           0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425,
           0.0912, 0.0658, 0.1542], "desired_retention": 0.9, "learning_steps": [60, 600],
           "relearning_steps": [600], "maximum_interval": 36500, "enable_fuzzing": false},
         "cards": [{"card_id": 7, "created": "2024-01-01T12:00:00Z", "reviews": [
           {"review_datetime": "2024-01-01T12:00:00Z", "rating": 3, "gap_kind": "first",
            "stability": 99},
           {"review_datetime": "2024-01-01T12:10:00Z", "rating": 3},
           {"review_datetime": "2024-01-03T12:10:00Z", "rating": 3}]}]}
        """

    func problem(_ json: String) -> String? {
        do {
            _ = try VectorHistories.parse(Data(json.utf8))
            return nil
        } catch let p as VectorHistories.Problem {
            return p.message
        } catch {
            return "\(error)"
        }
    }

    @Test func recomputesEveryFieldAndIgnoresExpectedOnes() throws {
        let input = try VectorHistories.parse(Data(Self.oneCard.utf8))
        let replay = ConformanceReplay(settings: input.settings)
        let results = Recall.Replay.schedule(input, with: replay)
        var out = ""
        input.document(results: results, fsrs: replay.fsrs).write(to: &out)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let cards = try #require(doc["cards"] as? [[String: Any]])
        let reviews = try #require(cards.first?["reviews"] as? [[String: Any]])
        #expect(reviews.count == 3)
        #expect(reviews[0]["stability"] as? Double == 2.3065) // not the 99 in the input
        #expect(reviews[0]["gap_kind"] as? String == "first")
        // Shortest round-trip form, as Python writes it (Foundation's parser may be off by an ulp).
        #expect(out.contains("\"stability\": 10.971048263078135,"))
        #expect(reviews[2]["interval_days"] as? Int == 11)
        #expect(reviews[2]["due"] as? String == "2024-01-14T12:10:00Z")
        #expect(reviews[1]["state_name"] as? String == "Review")
        #expect((doc["constants"] as? [String: Any])?["factor"] as? Double == 0.9803464944134797)
        // Sorted keys, one-space indent.
        #expect(out.hasPrefix("{\n \"cards\": [\n  {\n   \"card_id\": 7,"))
        let table = input.table(results: results)
        #expect(table.hasSuffix("replayed 1 card, 3 reviews\n"))
        #expect(table.lines.contains("   2  2024-01-03T12:10:00Z  good       2    0.9095  review         -      10.9710      2.1043  2024-01-14T12:10:00Z"))
    }

    @Test func badFilesGiveClearMessages() {
        #expect(problem("{") == "the file is not valid JSON")
        #expect(problem("[1]") == "the file holds a JSON list, expected an object")
        #expect(problem(#"{"cards": []}"#) == "'scheduler' is missing or not an object")
        #expect(problem(#"{"scheduler": {"desired_retention": 1.5}, "cards": []}"#)
                == "scheduler settings: desired retention is 1.5, expected more than 0 and less than 1")
        #expect(problem(#"{"scheduler": {"enable_fuzzing": 1}, "cards": []}"#)
                == "scheduler 'enable_fuzzing' is not true or false")
        #expect(problem(#"{"scheduler": {}, "cards": [{"card_id": 2, "reviews": [{"review_datetime": "soon", "rating": 3}]}]}"#)
                == "card 2, review 0: review_datetime 'soon' is not an ISO-8601 UTC time")
        #expect(problem(#"{"scheduler": {}, "cards": [{"card_id": 2, "reviews": [{"review_datetime": "2024-01-01T00:00:00Z", "rating": true}]}]}"#)
                == "card 2, review 0: rating is '1', expected 1 to 4")
        #expect(problem(#"{"scheduler": {}, "cards": [{"card_id": 2, "reviews": [{"review_datetime": "2024-01-02T00:00:00Z", "rating": 3}, {"review_datetime": "2024-01-01T00:00:00Z", "rating": 3}]}]}"#)
                == "card 2, review 1: review_datetime '2024-01-01T00:00:00Z' is earlier than the review before it")
    }

    @Test func timesRoundTrip() {
        let t = VectorHistories.parseTime("2024-02-29T23:59:58Z")
        #expect(t == Date(timeIntervalSince1970: 1_709_251_198))
        #expect(VectorHistories.parseTime("2024-02-29T23:59:58+00:00") == t)
        #expect(VectorHistories.parseTime("2024-02-29T23:59:58.250000Z")
                == Date(timeIntervalSince1970: 1_709_251_198.25))
        #expect(VectorHistories.parseTime("2024-13-01T00:00:00Z") == nil)
        #expect(VectorHistories.formatTime(Date(timeIntervalSince1970: 1_709_251_198)) == "2024-02-29T23:59:58Z")
        #expect(VectorHistories.formatTime(Date(timeIntervalSince1970: 1_709_251_198.5))
                == "2024-02-29T23:59:58.500000Z")
    }
}
