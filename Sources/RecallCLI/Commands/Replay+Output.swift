import Foundation
import RecallCore

/// A JSON value written with sorted keys and one-space indentation (like the reference
/// files), numbers in their shortest round-trip form.
indirect enum ReplayJSON {
    case object([String: ReplayJSON])
    case array([ReplayJSON])
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null

    /// Converts a value read by `JSONSerialization` (for pass-through fields).
    init(any value: Any?) {
        switch value {
        case let n as NSNumber:
            switch String(cString: n.objCType) {
            case "c": self = .bool(n.boolValue)
            case "d", "f": self = .double(n.doubleValue)
            default: self = .int(n.intValue)
            }
        case let s as String: self = .string(s)
        case let list as [Any]: self = .array(list.map { ReplayJSON(any: $0) })
        case let dict as [String: Any]: self = .object(dict.mapValues { ReplayJSON(any: $0) })
        default: self = .null
        }
    }

    func write(to out: inout String, depth: Int = 0) {
        let pad = String(repeating: " ", count: depth + 1)
        let close = String(repeating: " ", count: depth)
        switch self {
        case .object(let dict) where dict.isEmpty: out += "{}"
        case .object(let dict):
            out += "{\n"
            for (n, key) in dict.keys.sorted().enumerated() {
                out += pad + ReplayJSON.quoted(key) + ": "
                dict[key]?.write(to: &out, depth: depth + 1)
                out += n + 1 < dict.count ? ",\n" : "\n"
            }
            out += close + "}"
        case .array(let list) where list.isEmpty: out += "[]"
        case .array(let list):
            out += "[\n"
            for (n, item) in list.enumerated() {
                out += pad
                item.write(to: &out, depth: depth + 1)
                out += n + 1 < list.count ? ",\n" : "\n"
            }
            out += close + "]"
        case .string(let s): out += ReplayJSON.quoted(s)
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? "\(d)" : "null"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension VectorHistories {
    /// The whole document in the vectors schema, with every computed field from Recall.
    func document(results: [[ConformanceReplay.Step]], fsrs: FSRS) -> ReplayJSON {
        var generator: [String: ReplayJSON] = [:]
        if case .object(let g) = ReplayJSON(any: self.generator) { generator = g }
        generator["replayed_by"] = .string("recall \(Recall.version)")
        let scheduler: [String: ReplayJSON] = [
            "parameters": .array(settings.parameters.map { .double($0) }),
            "desired_retention": .double(settings.desiredRetention),
            "learning_steps": .array(settings.learningSteps.map { .int(Int($0)) }),
            "relearning_steps": .array(settings.relearningSteps.map { .int(Int($0)) }),
            "maximum_interval": .int(settings.maximumInterval),
            "enable_fuzzing": .bool(settings.enableFuzz),
        ]
        let cards = zip(histories, results).map { history, steps -> ReplayJSON in
            .object([
                "card_id": .int(history.cardID),
                "created": .string(Self.formatTime(history.created)),
                "reviews": .array(steps.indices.map { reviewJSON(history, steps, $0) }),
            ])
        }
        return .object([
            "schema": .string("fsrs6-refvectors/1"),
            "generator": .object(generator),
            "scheduler": .object(scheduler),
            "constants": .object(["decay": .double(fsrs.decay), "factor": .double(fsrs.factor)]),
            "cards": .array(cards),
        ])
    }

    private func reviewJSON(_ history: History, _ steps: [ConformanceReplay.Step],
                            _ i: Int) -> ReplayJSON {
        let step = steps[i]
        let time = history.reviews[i].time
        let card = step.schedule
        let seconds = Int(card.due.timeIntervalSince(time))
        var fields: [String: ReplayJSON] = [
            "i": .int(i),
            "review_datetime": .string(Self.formatTime(time)),
            "review_unix": .int(Int(time.timeIntervalSince1970)),
            "rating": .int(history.reviews[i].rating.rawValue),
            "elapsed_days": step.elapsedDays.map { .int($0) } ?? .null,
            "short_term": .bool(step.elapsedDays.map { $0 < 1 } ?? false),
            "retrievability_before": .double(step.retrievabilityBefore),
            "state": .int(card.state.fsrsNumber),
            "state_name": .string(Self.stateName(card.state)),
            "step": card.step.map { .int($0) } ?? .null,
            "stability": card.memory.map { .double($0.stability) } ?? .null,
            "difficulty": card.memory.map { .double($0.difficulty) } ?? .null,
            "due": .string(Self.formatTime(card.due)),
            "due_unix": .int(Int(card.due.timeIntervalSince1970)),
            "interval_seconds": .int(seconds),
            "interval_days": card.state == .review ? .int(seconds / 86400) : .null,
            "retrievability_at_next_review": step.retrievabilityAtNextReview.map { .double($0) }
                ?? .null,
            "retrievability_at_due": .double(step.retrievabilityAtDue),
        ]
        if let gap = history.gapKinds[i] { fields["gap_kind"] = .string(gap) }
        return .object(fields)
    }

    static func stateName(_ state: CardState) -> String {
        switch state {
        case .new, .learning: "Learning"
        case .review: "Review"
        case .relearning: "Relearning"
        }
    }

    /// A readable table: one block per card, one row per review.
    func table(results: [[ConformanceReplay.Step]]) -> String {
        var out = ""
        for (history, steps) in zip(histories, results) {
            out += "card \(history.cardID) (created \(Self.formatTime(history.created)))\n"
            out += "   #  review time           rating  days  R before  state       step"
                + "   stability  difficulty  due\n"
            for (i, step) in steps.enumerated() {
                let card = step.schedule
                let cells = [
                    pad(String(i), 4, right: true),
                    Self.formatTime(history.reviews[i].time),
                    pad(history.reviews[i].rating.description, 6),
                    pad(step.elapsedDays.map(String.init) ?? "-", 4, right: true),
                    String(format: "%8.4f", step.retrievabilityBefore),
                    pad(Self.stateName(card.state).lowercased(), 10),
                    pad(card.step.map(String.init) ?? "-", 4, right: true),
                    String(format: "%11.4f", card.memory?.stability ?? 0),
                    String(format: "%10.4f", card.memory?.difficulty ?? 0),
                    Self.formatTime(card.due),
                ]
                out += cells.joined(separator: "  ") + "\n"
            }
            out += "\n"
        }
        let reviews = results.reduce(0) { $0 + $1.count }
        out += "replayed \(plural(histories.count, "card")), \(plural(reviews, "review"))\n"
        return out
    }

    private func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }
}
