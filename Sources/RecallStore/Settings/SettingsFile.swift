import Foundation
import RecallCore

/// `settings.json`: the collection settings, edited by `recall config`.
///
/// Every setting is written, with sorted keys, plus `"schema"` (currently 1),
/// `"deck_limits"` (`{"Swift":{"new_per_day":30}}`) and `"deck_parameters"`
/// (`{"Swift":{"cards":["…"],"parameters":[21 numbers]}}`, the parameters of single decks
/// and the cards they schedule; written only when there are some), `"breaks"` (the days
/// off planned with `recall break`, by id; written only when there are some) and `"changed"`
/// (`{"desired_retention":1767603600000}`, when each setting was last changed with
/// `recall config`, in unix milliseconds; written only when there are some). A missing
/// file means the defaults.
/// The snapshot is a cache and can be rebuilt; this file is not derived from anything, so
/// a rebuild never loses settings.
public enum SettingsFile {
    public static let schema = 1
    public static let name = "settings.json"

    /// The canonical JSON text (sorted keys, one setting per line, final newline).
    public static func encode(_ settings: CollectionSettings) -> [UInt8] {
        var out: [UInt8] = Array("{\n".utf8)
        for line in members(settings).sorted(by: { $0.key < $1.key }) {
            appendJSONString(line.key, to: &out)
            out.append(contentsOf: ": \(line.json),\n".utf8)
        }
        out.removeLast(2)
        out.append(contentsOf: "\n}\n".utf8)
        return out
    }

    private static func members(_ settings: CollectionSettings) -> [(key: String, json: String)] {
        // `autoplay` and `sync_on_exit` only when on, `auto_optimize` only when off: they
        // change no schedule, so every other collection's file (and the snapshots keyed by
        // it) stays byte for byte as it was. Likewise `load_balance` only when off and
        // `easy_days` only when set.
        let writtenOnlyIf = ["autoplay": settings.autoplay, "sync_on_exit": settings.syncOnExit,
                             "auto_optimize": !settings.autoOptimize,
                             "load_balance": !settings.loadBalance, "easy_days": !settings.easyDays.isNormal]
        var list: [(key: String, json: String)] = SettingKey.all
            .filter { writtenOnlyIf[$0.name] ?? true }
            .map { key in (key.name, json(key.get(settings))) }
        list.append(("schema", String(schema)))
        var decks: [UInt8] = Array("{".utf8)
        for (deck, limits) in settings.deckLimits.sorted(by: { $0.key < $1.key }) {
            if decks.count > 1 { decks.append(0x2C) }
            appendJSONString(deck, to: &decks)
            var fields: [String] = []
            if let n = limits.newPerDay { fields.append("\"new_per_day\":\(n)") }
            if let n = limits.reviewsPerDay { fields.append("\"reviews_per_day\":\(n)") }
            decks.append(contentsOf: ":{\(fields.joined(separator: ","))}".utf8)
        }
        decks.append(0x7D)
        list.append(("deck_limits", String(decoding: decks, as: UTF8.self)))
        // Only when there are some: the settings of every other collection (and so the
        // snapshots keyed by them) stay byte for byte as they were.
        if !settings.deckParameters.isEmpty {
            list.append(("deck_parameters", deckParametersJSON(settings.deckParameters)))
        }
        if !settings.plannedBreaks.isEmpty {
            list.append(("breaks", breaksJSON(settings.plannedBreaks)))
        }
        if !settings.changed.isEmpty {
            var out: [UInt8] = Array("{".utf8)
            for (key, time) in settings.changed.sorted(by: { $0.key < $1.key }) {
                if out.count > 1 { out.append(0x2C) }
                appendJSONString(key, to: &out)
                out.append(0x3A)
                appendInteger(ReviewLogCodec.milliseconds(time), to: &out)
            }
            out.append(0x7D)
            list.append(("changed", String(decoding: out, as: UTF8.self)))
        }
        return list
    }

    /// `{"Deck":{"cards":["…"],"parameters":[…]}}`, decks sorted.
    private static func deckParametersJSON(_ decks: [String: CollectionSettings.DeckParameters]) -> String {
        var out: [UInt8] = Array("{".utf8)
        for (deck, own) in decks.sorted(by: { $0.key < $1.key }) {
            if out.count > 1 { out.append(0x2C) }
            appendJSONString(deck, to: &out)
            out.append(contentsOf: ":{\"cards\":[".utf8)
            for (i, card) in own.cards.enumerated() {
                out.append(contentsOf: (i == 0 ? "\"" : ",\"").utf8)
                out.append(contentsOf: card.description.utf8)
                out.append(0x22)
            }
            out.append(contentsOf: "],\"parameters\":\(json(.numbers(own.parameters)))}".utf8)
        }
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    /// `{"a1b2c3":{"device":"…","first":"2026-12-20","last":"2026-12-27","planned":ms,"query":"…"}}`.
    private static func breaksJSON(_ breaks: PlannedBreaks) -> String {
        var out: [UInt8] = Array("{".utf8)
        for b in breaks.all.sorted(by: { $0.id < $1.id }) {
            if out.count > 1 { out.append(0x2C) }
            appendJSONString(b.id, to: &out)
            out.append(contentsOf: ":{\"device\":".utf8)
            appendJSONString(b.device, to: &out)
            out.append(contentsOf: ",\"first\":\"\(PlannedBreakDate.text(b.firstDay))\",\"last\":\"\(PlannedBreakDate.text(b.lastDay))\"".utf8)
            out.append(contentsOf: ",\"planned\":\(Int64((b.planned.timeIntervalSince1970 * 1000).rounded())),\"query\":".utf8)
            appendJSONString(b.query, to: &out)
            out.append(0x7D)
        }
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    private static func breaks(_ json: JSONValue, path: String) throws(StoreError) -> PlannedBreaks {
        let problem = StoreError(path: path, reason: "'breaks' in '\(path)' must map break ids to {\"device\", \"first\", \"last\", \"planned\", \"query\"}",
                                 notes: ["fix it by hand, or cancel the break with 'recall break --cancel'"])
        guard case .object(let members) = json else { throw problem }
        var list: [PlannedBreak] = []
        for (id, value) in members {
            guard case .string(let device)? = value["device"], case .string(let first)? = value["first"],
                  case .string(let last)? = value["last"], let planned = value["planned"]?.integer,
                  case .string(let query)? = value["query"],
                  let firstDay = PlannedBreakDate.day(first), let lastDay = PlannedBreakDate.day(last),
                  firstDay <= lastDay else { throw problem }
            list.append(PlannedBreak(id: id, firstDay: firstDay, lastDay: lastDay, query: query,
                                     planned: Date(timeIntervalSince1970: Double(planned) / 1000), device: device))
        }
        return PlannedBreaks(list)
    }

    private static func json(_ value: SettingValue) -> String {
        switch value {
        case .number(let d): return SettingsText.number(d)
        case .integer(let i): return String(i)
        case .flag(let b): return b ? "true" : "false"
        case .text(let t):
            var out: [UInt8] = []
            appendJSONString(t, to: &out)
            return String(decoding: out, as: UTF8.self)
        case .numbers(let n): return "[" + n.map(SettingsText.number).joined(separator: ",") + "]"
        }
    }

    /// Reads `path`; defaults when it does not exist. Unknown keys, wrong types and a newer
    /// schema are errors naming the line.
    public static func load(_ path: String) throws(StoreError) -> CollectionSettings {
        guard let bytes = try AtomicFile.read(path) else { return CollectionSettings() }
        let root: JSONValue
        switch JSONValue.parse(bytes) {
        case .success(let v): root = v
        case .failure(let f):
            throw StoreError(path: path, line: f.line, reason: f.message,
                             notes: ["fix the file by hand, or delete it to go back to the default settings"])
        }
        return try decode(root, path: path)
    }

    /// Builds settings from a parsed `settings.json` (also used for old snapshots' settings).
    static func decode(_ root: JSONValue, path: String) throws(StoreError) -> CollectionSettings {
        guard case .object(let members) = root else {
            throw StoreError(path: path, reason: "'\(path)' is not a JSON object")
        }
        if let v = root["schema"]?.integer, v > schema {
            throw StoreError(path: path, reason: "'\(path)' was written by a newer version of recall (settings schema \(v), this version reads up to \(schema))",
                             notes: ["update recall; the file was left as it is"])
        }
        var settings = CollectionSettings()
        for (key, value) in members where key != "schema" {
            if key == "deck_limits" { settings.deckLimits = try deckLimits(value, path: path); continue }
            if key == "deck_parameters" { settings.deckParameters = try deckParameters(value, path: path); continue }
            if key == "changed" { settings.changed = try changeTimes(value, path: path); continue }
            if key == "breaks" { settings.plannedBreaks = try breaks(value, path: path); continue }
            guard let setting = SettingKey.named(key) else {
                throw StoreError(path: path, reason: "unknown setting '\(key)' in '\(path)'",
                                 notes: ["run 'recall config' to see the settings there are"])
            }
            guard let v = settingValue(value, kind: setting.kind) else {
                throw StoreError(path: path, reason: "setting '\(key)' in '\(path)' has a value of the wrong type",
                                 notes: ["fix the value by hand, or delete the line to use the default"])
            }
            setting.set(&settings, v)
        }
        if let problem = settings.validate().first {
            throw StoreError(path: path, reason: "'\(path)' holds an invalid setting: \(problem)",
                             notes: ["fix the value by hand, or delete the file to go back to the default settings"])
        }
        return settings
    }

    private static func settingValue(_ json: JSONValue, kind: SettingKey.Kind) -> SettingValue? {
        switch (kind, json) {
        case (.number, .number(let d, _)): return .number(d)
        case (.integer, _): return json.integer.map(SettingValue.integer)
        case (.flag, .bool(let b)): return .flag(b)
        case (.algorithm, .string(let t)):
            return CollectionSettings.Algorithm(rawValue: t) == nil ? nil : .text(t)
        case (.parameters, .array(let items)), (.steps, .array(let items)), (.weekdays, .array(let items)):
            let numbers = items.compactMap { if case .number(let d, _) = $0 { d } else { nil } }
            return numbers.count == items.count ? .numbers(numbers) : nil
        default: return nil
        }
    }

    private static func deckLimits(_ json: JSONValue, path: String) throws(StoreError) -> [String: CollectionSettings.DeckLimits] {
        guard case .object(let decks) = json else {
            throw StoreError(path: path, reason: "'deck_limits' in '\(path)' must be an object")
        }
        var result: [String: CollectionSettings.DeckLimits] = [:]
        for (deck, limits) in decks {
            var l = CollectionSettings.DeckLimits()
            l.newPerDay = limits["new_per_day"]?.integer
            l.reviewsPerDay = limits["reviews_per_day"]?.integer
            result[deck] = l
        }
        return result
    }

    private static func deckParameters(_ json: JSONValue, path: String) throws(StoreError)
        -> [String: CollectionSettings.DeckParameters] {
        let problem = StoreError(path: path, reason: "'deck_parameters' in '\(path)' must map deck names to {\"cards\": [card ids], \"parameters\": [21 numbers]}",
                                 notes: ["fix it by hand, or delete it to use the collection's parameters for every deck"])
        guard case .object(let decks) = json else { throw problem }
        var result: [String: CollectionSettings.DeckParameters] = [:]
        for (deck, value) in decks {
            guard case .array(let numbers)? = value["parameters"], case .array(let ids)? = value["cards"] else { throw problem }
            let parameters = numbers.compactMap { if case .number(let d, _) = $0 { d } else { nil } }
            let cards = ids.compactMap { if case .string(let t) = $0 { CardID(t) } else { nil } }
            guard parameters.count == numbers.count, cards.count == ids.count else { throw problem }
            result[deck] = CollectionSettings.DeckParameters(parameters: parameters, cards: cards)
        }
        return result
    }

    /// `{"desired_retention": 1767603600000}`: unix milliseconds by `recall config` key.
    private static func changeTimes(_ json: JSONValue, path: String) throws(StoreError) -> [String: Date] {
        let problem = StoreError(path: path, reason: "'changed' in '\(path)' must map setting names to times in unix milliseconds",
                                 notes: ["fix it by hand, or delete it (the settings stay; only when they changed is forgotten)"])
        guard case .object(let members) = json else { throw problem }
        var result: [String: Date] = [:]
        for (key, value) in members {
            guard let ms = value.integer, ms >= 0, Int64(ms) <= ReviewLogCodec.latestTime else { throw problem }
            result[key] = ReviewLogCodec.date(milliseconds: Int64(ms))
        }
        return result
    }

    /// Writes `settings` to `path` atomically.
    public static func save(_ settings: CollectionSettings, to path: String) throws(StoreError) {
        try AtomicFile.write(encode(settings), to: path)
    }
}
