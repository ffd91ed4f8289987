import Foundation
import RecallCore

/// The `--json` form of a ``StatsReport``: every number, snake_case keys, sorted. The schema
/// is documented in `docs/stats.md` ("`recall stats --json`").
struct StatsJSON: Encodable {
    struct Today: Encodable { var reviewed, new, again, seconds, due: Int }
    struct Streak: Encodable { var current, longest, daysStudied: Int }
    struct Pass: Encodable {
        var passed, reviews: Int
        var rate: Double?
        init(_ p: PassCount) { passed = p.passed; reviews = p.reviews; rate = p.rate }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(passed, forKey: .passed)
            try c.encode(reviews, forKey: .reviews)
            try c.encode(rate, forKey: .rate)  // null when there are no reviews
        }
        enum CodingKeys: String, CodingKey { case passed, reviews, rate }
    }
    struct RetentionRow: Encodable { var young, mature, all: Pass }
    struct Retention: Encodable {
        var desired: Double
        var today, last7, last30, last365: RetentionRow
    }
    struct Cards: Encodable { var new, learning, review, relearning, suspended, buried, forgotten, total: Int }
    struct HistogramBin: Encodable { var from: Double; var cards: Int }
    struct Collection: Encodable {
        var averageRetrievability: Double?
        var difficulty, stability: [HistogramBin]

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(averageRetrievability, forKey: .averageRetrievability)
            try c.encode(difficulty, forKey: .difficulty)
            try c.encode(stability, forKey: .stability)
        }
        enum CodingKeys: String, CodingKey { case averageRetrievability, difficulty, stability }
    }
    /// Whole numbers from `from` to `to`, both included.
    struct Span: Encodable { var from, to: Int }
    /// One calibration bin, named as the text table's columns: the ranges of days since the
    /// previous review, of the card's reviews and of its lapses it covers, then how many
    /// reviews fell in it and how many passed.
    struct Bin: Encodable {
        var intervalDays, cardReviews, cardLapses: Span
        var reviews, passed: Int
        var predicted, actual: Double
    }
    struct Calibration: Encodable {
        var bins: [Bin]
        var reviews: Int
        var rmse: Double?

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(bins, forKey: .bins)
            try c.encode(reviews, forKey: .reviews)
            try c.encode(rmse, forKey: .rmse)
        }
        enum CodingKeys: String, CodingKey { case bins, reviews, rmse }
    }
    struct Ranked: Encodable {
        var id, deck, source, question: String
        var lapses: Int
        var difficulty: Double?
    }

    var date: String
    var scope: String
    var today: Today
    var streak: Streak
    var heatmap: [String: Int]
    var forecast: [Int]
    var retention: Retention
    var cards: Cards
    var collection: Collection
    var calibration: Calibration
    var mostLapses: [Ranked]
    var leeches: [Ranked]
    var hardest: [Ranked]
    var totalReviews: Int

    /// The JSON text (sorted keys, pretty-printed, ending with a newline).
    static func render(_ report: StatsReport, scope: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(StatsJSON(report, scope: scope))
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
