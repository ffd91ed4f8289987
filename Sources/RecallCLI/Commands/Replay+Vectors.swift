import Foundation
import RecallCore

/// Review histories in the reference-vector schema (`fsrs6-refvectors/1`, see
/// `Tests/RecallCoreTests/Fixtures/refgen.py`): what `recall replay` reads and writes.
struct VectorHistories {
    struct History {
        var cardID: Int
        var created: Date
        var reviews: [(time: Date, rating: Rating)]
        /// The generator's `gap_kind` per review, passed through when present.
        var gapKinds: [String?]
    }

    var settings: CollectionSettings
    /// The input's `generator` object, passed through.
    var generator: Any?
    var histories: [History]

    /// A problem with the file's content; `message` follows the house style.
    struct Problem: Error {
        var message: String
        var hint: String?
    }

    /// Reads histories, ignoring every field Recall computes itself.
    static func parse(_ data: Data) throws -> VectorHistories {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw Problem(message: "the file is not valid JSON",
                          hint: "expected a history file in the fsrs6-refvectors/1 schema")
        }
        guard let top = root as? [String: Any] else {
            throw Problem(message: "the file holds a JSON \(kind(of: root)), expected an object",
                          hint: "expected a history file in the fsrs6-refvectors/1 schema")
        }
        let settings = try parseSettings(top["scheduler"])
        guard let cards = top["cards"] as? [Any] else {
            throw Problem(message: "'cards' is missing or not a list")
        }
        let histories = try cards.enumerated().map { try parseCard($1, index: $0) }
        return VectorHistories(settings: settings, generator: top["generator"], histories: histories)
    }

    private static func parseSettings(_ value: Any?) throws -> CollectionSettings {
        guard let s = value as? [String: Any] else {
            throw Problem(message: "'scheduler' is missing or not an object",
                          hint: "it holds parameters, desired_retention, learning_steps, "
                              + "relearning_steps, maximum_interval and enable_fuzzing")
        }
        var settings = CollectionSettings()
        func number(_ key: String) throws -> Double? {
            guard let v = s[key] else { return nil }
            guard let n = v as? NSNumber, !isBool(v) else {
                throw Problem(message: "scheduler '\(key)' is a \(kind(of: v)), expected a number")
            }
            return n.doubleValue
        }
        func numbers(_ key: String) throws -> [Double]? {
            guard let v = s[key] else { return nil }
            let list = v as? [Any] ?? []
            let out = list.compactMap { $0 as? NSNumber }.filter { !isBool($0) }
            guard v is [Any], out.count == list.count else {
                throw Problem(message: "scheduler '\(key)' is not a list of numbers")
            }
            return out.map(\.doubleValue)
        }
        if let p = try numbers("parameters") { settings.parameters = p }
        if let r = try number("desired_retention") { settings.desiredRetention = r }
        if let l = try numbers("learning_steps") { settings.learningSteps = l }
        if let l = try numbers("relearning_steps") { settings.relearningSteps = l }
        if let m = try number("maximum_interval") { settings.maximumInterval = Int(m) }
        if let f = s["enable_fuzzing"] {
            guard isBool(f), let b = f as? Bool else {
                throw Problem(message: "scheduler 'enable_fuzzing' is not true or false")
            }
            settings.enableFuzz = b
        }
        if let first = settings.validate().first {
            throw Problem(message: "scheduler settings: \(first)")
        }
        return settings
    }

    private static func parseCard(_ value: Any, index: Int) throws -> History {
        guard let card = value as? [String: Any] else {
            throw Problem(message: "card \(index + 1) is a \(kind(of: value)), expected an object")
        }
        let id = (card["card_id"] as? NSNumber)?.intValue ?? index + 1
        guard let reviews = card["reviews"] as? [Any] else {
            throw Problem(message: "card \(id): 'reviews' is missing or not a list")
        }
        var out: [(time: Date, rating: Rating)] = []
        var gaps: [String?] = []
        for (i, item) in reviews.enumerated() {
            let review = item as? [String: Any] ?? [:]
            let text = review["review_datetime"] as? String ?? ""
            guard let time = VectorHistories.parseTime(text) else {
                throw Problem(message: "card \(id), review \(i): review_datetime '\(text)' "
                                  + "is not an ISO-8601 UTC time",
                              hint: "write it like 2024-01-01T12:00:00Z")
            }
            let number = (review["rating"] as? NSNumber)?.intValue ?? 0
            guard let rating = Rating(rawValue: number), !isBool(review["rating"] as Any) else {
                throw Problem(message: "card \(id), review \(i): rating is "
                                  + "'\(review["rating"].map { "\($0)" } ?? "missing")', expected 1 to 4")
            }
            if let last = out.last?.time, time < last {
                throw Problem(message: "card \(id), review \(i): review_datetime '\(text)' is "
                                  + "earlier than the review before it",
                              hint: "list each card's reviews in time order")
            }
            out.append((time, rating))
            gaps.append(review["gap_kind"] as? String)
        }
        let created = (card["created"] as? String).flatMap(parseTime) ?? out.first?.time
            ?? Date(timeIntervalSince1970: 0)
        return History(cardID: id, created: created, reviews: out, gapKinds: gaps)
    }

    /// JSON `true`/`false` (which also bridge to `NSNumber`).
    private static func isBool(_ value: Any) -> Bool {
        (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
    }

    private static func kind(of value: Any) -> String {
        switch value {
        case _ where isBool(value): "boolean"
        case is [Any]: "list"
        case is [String: Any]: "object"
        case is String: "string"
        case is NSNumber: "number"
        default: "null"
        }
    }
}
