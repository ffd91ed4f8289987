import Foundation
import RecallCore

/// How `recall optimize` prints its results.
enum OptimizeReport {
    /// The metrics table, the verdict and the fitted parameters.
    static func text(_ outcome: FSRSOptimizer.Outcome, currentName: String) -> String {
        guard outcome.hasEnoughData else {
            return "too few reviews to fit: \(outcome.trainCount + outcome.testCount) reviews on a later day "
                + "(need at least 80); keeping the \(currentName) parameters"
        }
        var lines = [
            "held-out reviews: \(outcome.testCount) (latest 20%), trained on \(outcome.trainCount)",
            "",
            "parameters".padding(toLength: 11, withPad: " ", startingAt: 0)
                + pad("log loss", 9) + pad("RMSE(bins)", 13) + pad("AUC", 8),
            row(currentName, outcome.current),
            row("fitted", outcome.fitted),
            "",
        ]
        lines.append(outcome.isImprovement
            ? "the fit is better on the held-out reviews"
            : "the fit is not better on the held-out reviews; keeping the \(currentName) parameters")
        lines.append("fitted: " + outcome.parameters.map { format($0, 4) }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    private static func row(_ name: String, _ m: PredictionMetrics) -> String {
        name.padding(toLength: 11, withPad: " ", startingAt: 0)
            + pad(format(m.logLoss, 4), 9) + pad(format(m.rmseBins, 4), 13) + pad(format(m.auc, 4), 8)
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }

    static func format(_ x: Double, _ digits: Int) -> String {
        x.isFinite ? String(format: "%.\(digits)f", x) : "-"
    }

    /// `{"parameters": [...], "log_loss": …, "rmse_bins": …, "auc": …, "current": {...}, …}`.
    static func json(_ outcome: FSRSOptimizer.Outcome, currentName: String, seconds: Double?,
                     workload: [WorkloadSimulator.Row]?) -> String {
        var object = metricsObject(outcome.fitted)
        object["parameters"] = outcome.parameters
        object[currentName] = metricsObject(outcome.current)
        object["improved"] = outcome.isImprovement
        object["enough_data"] = outcome.hasEnoughData
        object["train_reviews"] = outcome.trainCount
        object["test_reviews"] = outcome.testCount
        if let seconds { object["seconds"] = seconds }
        if let workload { object["retention"] = workloadObject(workload) }
        return encode(object)
    }

    static func metricsObject(_ m: PredictionMetrics) -> [String: Any] {
        ["log_loss": number(m.logLoss), "rmse_bins": number(m.rmseBins), "auc": number(m.auc)]
    }

    private static func number(_ x: Double) -> Any { x.isFinite ? x : NSNull() }

    static func encode(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    /// The workload table with the recommended retention marked.
    static func retentionTable(_ rows: [WorkloadSimulator.Row]) -> String {
        let best = WorkloadSimulator.recommended(rows)
        var lines = ["", pad("desired retention", 17) + pad("reviews", 10) + pad("minutes/day", 14)
            + pad("remembered", 13) + pad("s per remembered card", 24)]
        for row in rows {
            let minutes = row.seconds / 60 / 365
            lines.append(pad(String(format: "%.2f", row.desiredRetention), 17) + pad("\(row.reviews)", 10)
                + pad(format(minutes, 1), 14) + pad(format(row.remembered, 0), 13)
                + pad(format(row.secondsPerRemembered, 1), 24) + (row == best ? "  <- best" : ""))
        }
        if let best {
            lines.append("recommended desired retention: \(String(format: "%.2f", best.desiredRetention)) "
                + "(set it with 'recall config desired_retention \(String(format: "%.2f", best.desiredRetention))')")
            let near = rows.filter { $0.secondsPerRemembered <= best.secondsPerRemembered * 1.02 }
                .map(\.desiredRetention)
            if let low = near.min(), let high = near.max(), low < high {
                lines.append("anything from \(String(format: "%.2f", low)) to \(String(format: "%.2f", high)) "
                    + "costs at most 2% more time per remembered card")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func workloadObject(_ rows: [WorkloadSimulator.Row]) -> [String: Any] {
        [
            "recommended": WorkloadSimulator.recommended(rows)?.desiredRetention ?? NSNull(),
            "rows": rows.map { row in
                ["desired_retention": row.desiredRetention, "reviews": row.reviews, "seconds": row.seconds,
                 "remembered": row.remembered, "seconds_per_remembered": number(row.secondsPerRemembered)]
            },
        ]
    }

    /// One line per deck: reviews, current and fitted held-out log loss.
    static func perDeckText(_ rows: [(String, FSRSOptimizer.Outcome)]) -> String {
        var lines = ["deck                 reviews   current   fitted"]
        for (deck, outcome) in rows {
            let fitted = outcome.hasEnoughData ? format(outcome.fitted.logLoss, 4) : "too few"
            lines.append(deck.padding(toLength: 18, withPad: " ", startingAt: 0)
                + pad("\(outcome.trainCount + outcome.testCount)", 10)
                + pad(format(outcome.current.logLoss, 4), 10) + pad(fitted, 9))
        }
        lines.append("(held-out log loss; nothing is saved: 'recall optimize DECK' fits one deck and saves the fit for it)")
        return lines.joined(separator: "\n")
    }

    static func perDeckJSON(_ rows: [(String, FSRSOptimizer.Outcome)]) -> String {
        encode(["decks": rows.map { deck, outcome -> [String: Any] in
            ["deck": deck, "parameters": outcome.parameters, "current": metricsObject(outcome.current),
             "fitted": metricsObject(outcome.fitted), "enough_data": outcome.hasEnoughData,
             "train_reviews": outcome.trainCount, "test_reviews": outcome.testCount]
        }])
    }
}
