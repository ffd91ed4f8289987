import Foundation
import RecallCore

/// `settings.json`: the collection settings, edited by `recall config`.
///
/// Every setting is written, with sorted keys, plus `"schema"` (currently 1) and, when some
/// deck has a preset, `"deck_presets"`: `{"Swift":{"cards":["…"],"desired_retention":0.85,
/// "new_per_day":30}}`, each deck's keys under their global names and the cards its
/// scheduling keys apply to (see ``DeckPreset``). Files written before presets, with
/// `"deck_limits"` (`{"Swift":{"new_per_day":30}}`) and `"deck_parameters"`
/// (`{"Swift":{"cards":[…],"parameters":[…]}}`), read as the same presets. `"breaks"` holds
/// the days off planned with `recall break`, by id, and `"changed"`
/// (`{"desired_retention":1767603600000}`) when each key was last changed with `recall
/// config`, in unix milliseconds (each written only when there are some). A missing file
/// means the defaults.
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
        // Only when there are some: the settings of every other collection (and so the
        // snapshots keyed by them) stay byte for byte the same.
        if !settings.deckPresets.isEmpty {
            list.append(("deck_presets", deckPresetsJSON(settings.deckPresets)))
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

    /// `{"Deck":{"cards":["…"],"new_per_day":30,…}}`, decks and keys sorted; `"cards"` only
    /// when there are some.
    private static func deckPresetsJSON(_ decks: [String: DeckPreset]) -> String {
        var out: [UInt8] = Array("{".utf8)
        for (deck, preset) in decks.sorted(by: { $0.key < $1.key }) {
            if out.count > 1 { out.append(0x2C) }
            appendJSONString(deck, to: &out)
            var fields: [(String, String)] = SettingKey.perDeck.compactMap { key in
                key.deck?.get(preset).map { (key.name, json($0)) }
            }
            if !preset.cards.isEmpty {
                fields.append(("cards", "[" + preset.cards.map { "\"\($0)\"" }.joined(separator: ",") + "]"))
            }
            let members = fields.sorted { $0.0 < $1.0 }.map { "\"\($0.0)\":\($0.1)" }
            out.append(contentsOf: (":{" + members.joined(separator: ",") + "}").utf8)
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
            if key == "deck_presets" { try readDeckPresets(value, into: &settings, path: path); continue }
            if key == "deck_limits" { try readDeckLimits(value, into: &settings, path: path); continue }
            if key == "deck_parameters" { try readDeckParameters(value, into: &settings, path: path); continue }
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

    private static func readDeckPresets(_ json: JSONValue, into settings: inout CollectionSettings,
                                        path: String) throws(StoreError) {
        let keys = SettingKey.perDeck.map(\.name).joined(separator: ", ")
        guard case .object(let decks) = json else {
            throw StoreError(path: path, reason: "'deck_presets' in '\(path)' must map deck names to their settings",
                             notes: ["fix it by hand, or delete it to use the collection's settings for every deck"])
        }
        for (deck, value) in decks {
            guard case .object(let members) = value else {
                throw StoreError(path: path, reason: "the preset of deck '\(deck)' in '\(path)' must be an object",
                                 notes: ["a deck's preset holds some of: \(keys), cards"])
            }
            var preset = settings.deckPresets[deck] ?? DeckPreset()
            for (name, item) in members {
                if name == "cards" {
                    guard case .array(let ids) = item else { throw badCards(deck, path: path) }
                    let cards = ids.compactMap { if case .string(let t) = $0 { CardID(t) } else { nil } }
                    guard cards.count == ids.count else { throw badCards(deck, path: path) }
                    preset.cards = cards.sorted()
                    continue
                }
                guard let key = SettingKey.named(name), let access = key.deck else {
                    throw StoreError(path: path, reason: "unknown setting '\(name)' for deck '\(deck)' in '\(path)'",
                                     notes: ["a deck's preset holds some of: \(keys), cards"])
                }
                guard let v = settingValue(item, kind: key.kind) else {
                    throw StoreError(path: path, reason: "setting '\(name)' for deck '\(deck)' in '\(path)' has a value of the wrong type",
                                     notes: ["fix the value by hand, or delete it to use the collection's"])
                }
                access.set(&preset, v)
            }
            settings.deckPresets[deck] = preset
        }
    }

    private static func badCards(_ deck: String, path: String) -> StoreError {
        StoreError(path: path, reason: "'cards' of deck '\(deck)' in '\(path)' must be a list of card ids",
                   notes: ["delete it: recall lists the cards again the next time it reads the decks"])
    }

    /// `"deck_limits"`, as files written before deck presets have it.
    private static func readDeckLimits(_ json: JSONValue, into settings: inout CollectionSettings,
                                       path: String) throws(StoreError) {
        guard case .object(let decks) = json else {
            throw StoreError(path: path, reason: "'deck_limits' in '\(path)' must be an object")
        }
        for (deck, limits) in decks {
            var preset = settings.deckPresets[deck] ?? DeckPreset()
            if let n = limits["new_per_day"]?.integer { preset.newPerDay = n }
            if let n = limits["reviews_per_day"]?.integer { preset.reviewsPerDay = n }
            settings.deckPresets[deck] = preset.isEmpty ? settings.deckPresets[deck] : preset
        }
    }

    /// `"deck_parameters"`, as files written before deck presets have it.
    private static func readDeckParameters(_ json: JSONValue, into settings: inout CollectionSettings,
                                           path: String) throws(StoreError) {
        let problem = StoreError(path: path, reason: "'deck_parameters' in '\(path)' must map deck names to {\"cards\": [card ids], \"parameters\": [21 numbers]}",
                                 notes: ["fix it by hand, or delete it to use the collection's parameters for every deck"])
        guard case .object(let decks) = json else { throw problem }
        for (deck, value) in decks {
            guard case .array(let numbers)? = value["parameters"], case .array(let ids)? = value["cards"] else { throw problem }
            let parameters = numbers.compactMap { if case .number(let d, _) = $0 { d } else { nil } }
            let cards = ids.compactMap { if case .string(let t) = $0 { CardID(t) } else { nil } }
            guard parameters.count == numbers.count, cards.count == ids.count else { throw problem }
            var preset = settings.deckPresets[deck] ?? DeckPreset()
            preset.parameters = parameters
            preset.cards = cards.sorted()
            settings.deckPresets[deck] = preset
        }
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
