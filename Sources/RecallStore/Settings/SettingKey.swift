import Foundation
import RecallCore

/// One collection setting as `recall config` and `settings.json` name it.
///
/// The same snake_case name is the `recall config` key and the `settings.json` key. The keys
/// a deck can set for itself and its sub-decks (``deck``) are `deck.NAME.KEY` on the command
/// line and live under `"deck_presets"` in the file (see ``DeckPreset``).
public struct SettingKey: Sendable {
    /// The kind of value, which decides how it is shown, parsed and stored.
    public enum Kind: Sendable {
        case number, integer, flag, algorithm, parameters, steps
        /// A percentage for each weekday (`sat=50 sun=0`), stored as 7 numbers, Monday first.
        case weekdays
    }

    public let name: String
    /// One line for `recall config` listings and error notes.
    public let summary: String
    public let kind: Kind
    let get: @Sendable (CollectionSettings) -> SettingValue
    let set: @Sendable (inout CollectionSettings, SettingValue) -> Void
    /// How a deck preset holds this key, for the keys a deck can set (nil for the others).
    let deck: DeckAccess?

    /// Reads and writes this key in a ``DeckPreset`` (nil: the deck does not set it).
    struct DeckAccess: Sendable {
        let get: @Sendable (DeckPreset) -> SettingValue?
        let set: @Sendable (inout DeckPreset, SettingValue?) -> Void
    }

    /// Every global setting, in the order `recall config` lists them.
    public static let all: [SettingKey] = [
        .init("scheduler", "fsrs or sm2; switching recomputes every card from the log", .algorithm,
              { .text($0.scheduler.rawValue) }, { s, v in if let a = v.text.flatMap(CollectionSettings.Algorithm.init(rawValue:)) { s.scheduler = a } }),
        number("desired_retention", "chance of recall to aim for when a card falls due (FSRS), e.g. 0.9", \.desiredRetention,
               deck: \DeckPreset.desiredRetention),
        integer("new_per_day", "new cards introduced per study day", \.newPerDay, deck: \DeckPreset.newPerDay),
        integer("reviews_per_day", "reviews shown per study day", \.reviewsPerDay, deck: \DeckPreset.reviewsPerDay),
        integer("day_start_hour", "local hour (0-23) at which a study day starts", \.dayStartHour),
        numbers("learning_steps", "learning steps, e.g. '1m 10m'", .steps, \.learningSteps, deck: \DeckPreset.learningSteps),
        numbers("relearning_steps", "relearning steps after a lapse, e.g. '10m'", .steps, \.relearningSteps,
                deck: \DeckPreset.relearningSteps),
        integer("maximum_interval", "longest interval in days", \.maximumInterval, deck: \DeckPreset.maximumInterval),
        flag("enable_fuzz", "spread intervals of 3 days or more by a few percent", \.enableFuzz),
        flag("load_balance", "pick each fuzzed interval's day to even out the daily reviews", \.loadBalance),
        .init("easy_days", "share of the normal review load per weekday, e.g. 'sat=50 sun=0'", .weekdays,
              { .numbers($0.easyDays.percentages.map(Double.init)) },
              { s, v in if let n = v.numbers { s.easyDays = EasyDays(percentages: n.map { Int($0.rounded()) }) } }),
        integer("learn_ahead_minutes", "show learning cards due within this many minutes when nothing else is left", \.learnAheadMinutes),
        integer("leech_threshold", "lapses after which a card is suspended as a leech (0: off)", \.leechThreshold),
        flag("bury_new_siblings", "hide a note's other new cards until the next day", \.buryNewSiblings),
        flag("bury_review_siblings", "hide a note's other review cards until the next day", \.buryReviewSiblings),
        numbers("parameters", "the 21 FSRS-6 weights w0..w20, separated by spaces or commas", .parameters,
                \.parameters, deck: \DeckPreset.parameters),
        number("starting_ease", "SM-2 ease of a graduating card (2.5 = 250%)", \.startingEase),
        number("easy_bonus", "SM-2 extra multiplier for Easy", \.easyBonus),
        number("hard_multiplier", "SM-2 interval multiplier for Hard", \.hardMultiplier),
        number("lapse_new_interval", "SM-2 share of the interval kept after a lapse (0-1)", \.lapseNewInterval),
        integer("graduating_interval", "SM-2 days given when a card leaves learning", \.graduatingInterval),
        integer("easy_interval", "SM-2 days given for Easy on a learning card", \.easyInterval),
        flag("autoplay", "play a card's sounds when it is shown (see :play)", \.autoplay),
        flag("sync_on_exit", "run 'recall sync' when a study session ends (a collection synced with a remote)", \.syncOnExit),
        flag("auto_optimize", "refit the FSRS parameters after a session once the history has grown enough", \.autoOptimize),
    ]

    /// The key named `name`, if it is a global one.
    public static func named(_ name: String) -> SettingKey? { all.first { $0.name == name } }

    /// The keys a deck can set for itself and its sub-decks, in the order of ``all``.
    public static let perDeck: [SettingKey] = all.filter { $0.deck != nil }

    /// Whether a deck can set this key (`deck.NAME.KEY`).
    public var isPerDeck: Bool { deck != nil }

    init(_ name: String, _ summary: String, _ kind: Kind,
         _ get: @escaping @Sendable (CollectionSettings) -> SettingValue,
         _ set: @escaping @Sendable (inout CollectionSettings, SettingValue) -> Void,
         deck: DeckAccess? = nil) {
        self.name = name
        self.summary = summary
        self.kind = kind
        self.get = get
        self.set = set
        self.deck = deck
    }

    private static func number(_ name: String, _ summary: String,
                               _ path: WritableKeyPath<CollectionSettings, Double> & Sendable,
                               deck: (WritableKeyPath<DeckPreset, Double?> & Sendable)? = nil) -> SettingKey {
        .init(name, summary, .number, { .number($0[keyPath: path]) },
              { s, v in if let n = v.number { s[keyPath: path] = n } },
              deck: deck.map { d in DeckAccess(get: { $0[keyPath: d].map(SettingValue.number) },
                                               set: { p, v in p[keyPath: d] = v?.number }) })
    }

    private static func integer(_ name: String, _ summary: String,
                                _ path: WritableKeyPath<CollectionSettings, Int> & Sendable,
                                deck: (WritableKeyPath<DeckPreset, Int?> & Sendable)? = nil) -> SettingKey {
        .init(name, summary, .integer, { .integer($0[keyPath: path]) },
              { s, v in if case .integer(let n) = v { s[keyPath: path] = n } },
              deck: deck.map { d in DeckAccess(get: { $0[keyPath: d].map(SettingValue.integer) },
                                               set: { p, v in p[keyPath: d] = v?.integerValue }) })
    }

    private static func numbers(_ name: String, _ summary: String, _ kind: Kind,
                                _ path: WritableKeyPath<CollectionSettings, [Double]> & Sendable,
                                deck d: WritableKeyPath<DeckPreset, [Double]?> & Sendable) -> SettingKey {
        .init(name, summary, kind, { .numbers($0[keyPath: path]) },
              { s, v in if let n = v.numbers { s[keyPath: path] = n } },
              deck: DeckAccess(get: { $0[keyPath: d].map(SettingValue.numbers) },
                               set: { p, v in p[keyPath: d] = v?.numbers }))
    }

    private static func flag(_ name: String, _ summary: String,
                             _ path: WritableKeyPath<CollectionSettings, Bool> & Sendable) -> SettingKey {
        .init(name, summary, .flag, { .flag($0[keyPath: path]) },
              { s, v in if case .flag(let b) = v { s[keyPath: path] = b } })
    }
}

/// A setting's value, independent of how it is written.
public enum SettingValue: Equatable, Sendable {
    case number(Double)
    case integer(Int)
    case flag(Bool)
    case text(String)
    case numbers([Double])

    var number: Double? {
        switch self {
        case .number(let d): d
        case .integer(let i): Double(i)
        default: nil
        }
    }

    var text: String? { if case .text(let t) = self { t } else { nil } }
    var integerValue: Int? { if case .integer(let i) = self { i } else { nil } }
    var numbers: [Double]? { if case .numbers(let n) = self { n } else { nil } }
}

extension SettingKey {
    /// The current value of this setting in `settings`.
    public func value(in settings: CollectionSettings) -> SettingValue { get(settings) }

    /// Sets this setting in `settings` (a value of the wrong kind is ignored).
    public func assign(_ value: SettingValue, in settings: inout CollectionSettings) { set(&settings, value) }

    /// Puts this setting back to its default.
    public func reset(in settings: inout CollectionSettings) { set(&settings, get(CollectionSettings())) }
}

extension SettingKey {
    /// The value `deck`'s own preset sets for this key, if it sets one.
    public func value(ofDeck deck: String, in settings: CollectionSettings) -> SettingValue? {
        settings.deckPresets[deck].flatMap { preset in self.deck?.get(preset) }
    }

    /// The value this key has for the cards of `deck` and the deck it comes from (`deck` or
    /// its nearest ancestor that sets it; nil: the collection's).
    public func effectiveValue(forDeck deck: String, in settings: CollectionSettings)
        -> (value: SettingValue, from: String?) {
        for (name, preset) in settings.presetChain(for: deck) {
            if let v = self.deck?.get(preset) { return (v, name) }
        }
        return (get(settings), nil)
    }

    /// Whether a deck that sets this key schedules its cards differently (rather than only
    /// showing more or fewer of them a day).
    public var schedulesCards: Bool {
        guard let deck else { return false }
        var probe = DeckPreset()
        deck.set(&probe, get(CollectionSettings()))
        return probe.schedules
    }

    /// Sets (or with nil removes) this key in `deck`'s preset; a preset left empty is removed.
    public func assign(_ value: SettingValue?, toDeck deck: String, in settings: inout CollectionSettings) {
        guard let access = self.deck else { return }
        var preset = settings.deckPresets[deck] ?? DeckPreset()
        access.set(&preset, value)
        settings.deckPresets[deck] = preset.isEmpty ? nil : preset
    }
}
