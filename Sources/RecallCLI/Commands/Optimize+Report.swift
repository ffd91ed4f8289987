import Foundation
import RecallCore

/// How `recall optimize` prints its results.
enum OptimizeReport {
    /// The metrics table, the verdict, the fitted parameters and those that ended on a bound.
    static func text(_ outcome: FSRSOptimizer.Outcome, currentName: String) -> String {
        guard outcome.hasEnoughData else {
            let needed = FSRSOptimizer.Configuration().minimumReviews
            return "not enough history to fit: \(outcome.trainCount + outcome.testCount) reviews on a later day "
                + "than each card's first (need at least \(needed)); keeping the \(currentName) parameters"
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
        lines.append(verdict(outcome, currentName: currentName))
        lines.append("fitted: " + outcome.parameters.map { format($0, 4) }.joined(separator: ", "))
        let onBounds = outcome.parametersOnBounds
        if !onBounds.isEmpty {
            let names = onBounds.map { k in
                let range = ParameterBounds.ranges[k]
                let side = outcome.parameters[k] - range.lowerBound < range.upperBound - outcome.parameters[k] ? "lowest" : "highest"
                return "w\(k) = \(format(outcome.parameters[k], 4)) (its \(side))"
            }
            lines.append("on a bound: " + names.joined(separator: ", ")
                + " (the history pushed \(onBounds.count == 1 ? "it" : "them") as far as allowed)")
        }
        return lines.joined(separator: "\n")
    }

    /// Whether the fit is adopted, and why not when it is not: it must lower both the log
    /// loss and the RMSE(bins) of the held-out reviews.
    static func verdict(_ outcome: FSRSOptimizer.Outcome, currentName: String) -> String {
        if outcome.isImprovement {
            return "the fit is better on the held-out reviews (lower log loss and RMSE(bins))"
        }
        let keeping = "keeping the \(currentName) parameters"
        let lowerLoss = outcome.fitted.logLoss < outcome.current.logLoss
        let lowerRMSE = outcome.fitted.rmseBins < outcome.current.rmseBins
        if lowerLoss { return "the fit lowers log loss but not RMSE(bins) on the held-out reviews; \(keeping)" }
        if lowerRMSE { return "the fit lowers RMSE(bins) but not log loss on the held-out reviews; \(keeping)" }
        return "the fit is not better on the held-out reviews; \(keeping)"
    }

    /// The greeting's one line about the last automatic fit.
    static func announcement(_ record: AutoOptimize.Record) -> String {
        let change = "log loss \(format(record.current.logLoss, 4)) → \(format(record.fitted.logLoss, 4)), "
            + "RMSE(bins) \(format(record.current.rmseBins, 4)) → \(format(record.fitted.rmseBins, 4))"
        switch record.result {
        case .adopted:
            return "auto-optimize: adopted parameters refitted to your \(record.reviews) reviews (held-out \(change))"
        case .kept:
            return "auto-optimize: kept your parameters; a refit to your \(record.reviews) reviews was not better "
                + "on the held-out reviews (\(change))"
        case .tooLittleHistory:
            return "auto-optimize: kept your parameters; \(record.scoredReviews) reviews on a later day than each card's "
                + "first are too few to refit (need \(FSRSOptimizer.Configuration().minimumReviews))"
        }
    }

    /// What `recall optimize --auto` did, in one line.
    static func autoStep(_ step: AutoOptimizeRun.Step) -> String {
        switch step {
        case .notDue: return "auto-optimize: no refit due (it waits for 30 days and 10% more reviews since the last fit)"
        case .alreadyFitting: return "auto-optimize: another process is refitting this collection"
        case .locked: return "auto-optimize: the collection stayed in use; the refit will be tried after the next session"
        case .settingsChanged: return "auto-optimize: the settings changed during the refit; nothing was adopted"
        case .recorded(let record): return announcement(record)
        }
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
        object["minimum_reviews"] = FSRSOptimizer.Configuration().minimumReviews
        object["parameters_on_bounds"] = outcome.parametersOnBounds
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
            if let edge = edgeNote(best, rows: rows) { lines.append(edge) }
            let near = rows.filter { $0.secondsPerRemembered <= best.secondsPerRemembered * 1.02 }
                .map(\.desiredRetention)
            if let low = near.min(), let high = near.max(), low < high {
                lines.append("anything from \(String(format: "%.2f", low)) to \(String(format: "%.2f", high)) "
                    + "costs at most 2% more time per remembered card")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A warning when the recommended retention is the lowest or highest one simulated: the
    /// least time per remembered card may lie beyond the range, and the edge is no optimum.
    static func edgeNote(_ best: WorkloadSimulator.Row, rows: [WorkloadSimulator.Row]) -> String? {
        guard rows.count > 1, let low = rows.map(\.desiredRetention).min(),
              let high = rows.map(\.desiredRetention).max() else { return nil }
        let range = "\(String(format: "%.2f", low))-\(String(format: "%.2f", high))"
        if best.desiredRetention == low {
            return "note: that is the lowest retention simulated (\(range)): study time per remembered card "
                + "was still falling there, and a retention this low means forgetting often; "
                + "treat it as a floor, not an optimum"
        }
        if best.desiredRetention == high {
            return "note: that is the highest retention simulated (\(range)): study time per remembered card "
                + "was still falling there; treat it as a ceiling, not an optimum"
        }
        return nil
    }

    private static func workloadObject(_ rows: [WorkloadSimulator.Row]) -> [String: Any] {
        let best = WorkloadSimulator.recommended(rows)
        return [
            "recommended": best?.desiredRetention ?? NSNull(),
            "recommended_at_edge": best.map { edgeNote($0, rows: rows) != nil } ?? false,
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
