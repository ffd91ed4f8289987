import Foundation
import RecallCore

/// How settings are shown by `recall config` and parsed from what the user types.
public enum SettingsText {
    /// The value of `key` as `recall config` shows it (`0.9`, `fsrs`, `1m 10m`, `on`): as
    /// the user types it.
    public static func show(_ value: SettingValue, kind: SettingKey.Kind) -> String {
        switch value {
        case .number(let d): return number(d)
        case .integer(let i): return String(i)
        case .flag(let b): return b ? "on" : "off"
        case .text(let t): return t
        case .numbers(let n):
            if kind == .weekdays { return weekdays(n) }
            return kind == .steps ? n.map(duration).joined(separator: " ") : n.map(number).joined(separator: " ")
        }
    }

    /// Parses what the user typed for a setting of `kind`; the error is a message for them.
    public static func parse(_ text: String, kind: SettingKey.Kind) -> Result<SettingValue, SettingError> {
        let t = text.trimmingSpaces
        switch kind {
        case .number:
            guard let d = Double(t), d.isFinite else { return .failure(SettingError("expected a number, found '\(text)'")) }
            return .success(.number(d))
        case .integer:
            guard let i = Int(t) else { return .failure(SettingError("expected a whole number, found '\(text)'")) }
            return .success(.integer(i))
        case .flag:
            switch t.lowercased() {
            case "true", "yes", "on", "1": return .success(.flag(true))
            case "false", "no", "off", "0": return .success(.flag(false))
            default: return .failure(SettingError("expected on or off, found '\(text)'"))
            }
        case .algorithm:
            guard CollectionSettings.Algorithm(rawValue: t.lowercased()) != nil else {
                return .failure(SettingError("expected fsrs or sm2, found '\(text)'"))
            }
            return .success(.text(t.lowercased()))
        case .parameters:
            var values: [Double] = []
            for part in t.split(whereSeparator: { $0.isWhitespace || $0 == "," }) {
                guard let d = Double(part), d.isFinite else { return .failure(SettingError("expected numbers, found '\(part)'")) }
                values.append(d)
            }
            return .success(.numbers(values))
        case .steps:
            var values: [Double] = []
            for part in t.split(whereSeparator: { $0.isWhitespace || $0 == "," }) {
                guard let s = seconds(String(part)) else {
                    return .failure(SettingError("expected steps like '1m 10m' (units s, m, h, d), found '\(part)'"))
                }
                values.append(s)
            }
            return .success(.numbers(values))
        case .weekdays:
            return weekdays(t).map { .numbers($0) }
        }
    }

    /// `sat=50 sun=0`: the weekdays that are not at 100 %; `none` when every day is.
    static func weekdays(_ percentages: [Double]) -> String {
        let parts = zip(EasyDays.names, percentages).filter { $0.1 != 100 }.map { "\($0.0)=\(number($0.1))" }
        return parts.isEmpty ? "none" : parts.joined(separator: " ")
    }

    /// Parses `sat=50 sun=0` (days not named stay at 100 %; `none` for every day at 100 %).
    static func weekdays(_ text: String) -> Result<[Double], SettingError> {
        var values = [Double](repeating: 100, count: 7)
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," })
        if words == ["none"] { return .success(values) }
        for word in words {
            let pair = word.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            let fullNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
            guard pair.count == 2, pair[0].count >= 3, let i = fullNames.firstIndex(where: { $0.hasPrefix(pair[0]) }),
                  let p = Int(pair[1]), (0...100).contains(p) else {
                return .failure(SettingError("expected weekdays with a percentage from 0 to 100, such as 'sat=50 sun=0', found '\(word)'"))
            }
            values[i] = Double(p)
        }
        return .success(values)
    }

    /// Shortest decimal form: `0.9`, `20`, `1.2931`.
    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return d.description
    }

    /// `30s`, `1m`, `10m`, `1h`, `2d`: the largest unit that divides the step exactly.
    static func duration(_ seconds: Double) -> String {
        for (unit, size) in [("d", 86400.0), ("h", 3600.0), ("m", 60.0)]
        where seconds >= size && (seconds / size).rounded() == seconds / size {
            return number(seconds / size) + unit
        }
        return number(seconds) + "s"
    }

    /// `90s`, `1m`, `1.5h`, `2d`; a bare number is minutes (as in Anki).
    static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        var body = text.lowercased()
        var scale = 60.0
        if let last = body.last, let u = units[last] {
            scale = u
            body.removeLast()
        }
        guard let v = Double(body), v.isFinite, v > 0 else { return nil }
        return v * scale
    }
}

/// A setting that could not be read or set: lower-case message, no final period.
public struct SettingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
