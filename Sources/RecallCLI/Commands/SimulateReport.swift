import Foundation
import RecallCore

/// How `recall simulate` prints its table (or JSON).
struct SimulateReport {
    let simulator: WorkloadSimulator
    let behaviour: ReviewBehaviour
    let rows: [WorkloadSimulator.Row]
    /// The collection's desired retention (one of the rows).
    let current: Double

    var best: WorkloadSimulator.Row? { WorkloadSimulator.recommended(rows) }

    /// `0.9` → `0.90`; a third decimal only when there is one.
    static func retention(_ r: Double) -> String {
        let two = String(format: "%.2f", r)
        return abs((Double(two) ?? r) - r) < 1e-9 ? two : String(format: "%.3f", r)
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }

    /// The assumptions, the table with the current and most efficient rows marked, and
    /// how to set a retention.
    func text() -> String {
        let days = Double(simulator.days)
        let costs = simulator.costs
        var lines = [
            "simulated \(simulator.days) days from your collection: \(simulator.start.count) cards studied, "
                + "\(simulator.cards) new (\(simulator.newPerDay) a day), at most \(simulator.reviewsPerDay) reviews a day",
            "seconds per card: \(Self.seconds(costs.firstReview)) new, \(Self.seconds(costs.recalled)) recalled, "
                + "\(Self.seconds(costs.forgotten)) forgotten (\(source))",
            "",
            Self.pad("desired retention", 17) + Self.pad("reviews/day", 13) + Self.pad("minutes/day", 13)
                + Self.pad("remembered", 12),
        ]
        for row in rows {
            let marks = [abs(row.desiredRetention - current) < 1e-9 ? "current" : nil, row == best ? "most efficient" : nil]
                .compactMap { $0 }
            lines.append(Self.pad(Self.retention(row.desiredRetention), 17)
                + Self.pad(String(format: "%.1f", Double(row.reviews) / days), 13)
                + Self.pad(String(format: "%.1f", row.seconds / 60 / days), 13)
                + Self.pad(String(format: "%.0f", row.remembered), 12)
                + (marks.isEmpty ? "" : "  <- " + marks.joined(separator: ", ")))
        }
        lines.append("")
        lines.append("remembered: cards you would recall on day \(simulator.days) (the sum of their predicted retrievability)")
        if let best, abs(best.desiredRetention - current) > 1e-9 {
            lines.append("most efficient: \(Self.retention(best.desiredRetention)), the least study time per remembered card; "
                + "set it with 'recall config desired_retention \(Self.retention(best.desiredRetention))'")
        } else if best != nil {
            lines.append("your current retention is the most efficient of these")
        }
        if let best, let edge = OptimizeReport.edgeNote(best, rows: rows) { lines.append(edge) }
        return lines.joined(separator: "\n")
    }

    /// Where the review times came from: the log, or defaults where it has too few.
    private var source: String {
        let s = behaviour.samples
        let fromLog = [s.first, s.recalled, s.forgotten].filter { $0 >= ReviewBehaviour.minimumSamples }.count
        switch fromLog {
        case 3: return "from your review log"
        case 0: return "defaults: your review log has too few timed reviews"
        default: return "from your review log where it has enough timed reviews, else defaults"
        }
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.0f s", value) }

    /// `{"best": 0.85, "current": 0.9, "days": 365, "rows": [...], …}` with sorted keys.
    func json() -> String {
        let days = Double(simulator.days)
        let object: [String: Any] = [
            "days": simulator.days, "seed": simulator.seed, "current": current,
            "most_efficient": best?.desiredRetention ?? NSNull(),
            "cards_studied": simulator.start.count, "new_cards": simulator.cards, "new_per_day": simulator.newPerDay,
            "reviews_per_day_limit": simulator.reviewsPerDay,
            "seconds": ["new": simulator.costs.firstReview, "recalled": simulator.costs.recalled,
                        "forgotten": simulator.costs.forgotten],
            "rows": rows.map { row -> [String: Any] in
                ["desired_retention": row.desiredRetention, "reviews_per_day": Double(row.reviews) / days,
                 "minutes_per_day": row.seconds / 60 / days, "remembered": row.remembered,
                 "reviews": row.reviews, "seconds": row.seconds]
            },
        ]
        return OptimizeReport.encode(object)
    }
}
