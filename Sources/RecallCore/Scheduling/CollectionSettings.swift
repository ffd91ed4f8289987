import Foundation

/// Every scheduling control of a collection, with Anki's and py-fsrs's defaults.
///
/// A plain value: the store persists it, ``validate()`` checks it.
public struct CollectionSettings: Sendable, Equatable {
    /// Which algorithm schedules the cards.
    public enum Algorithm: String, Sendable, CaseIterable, Hashable {
        case fsrs, sm2
    }

    /// The FSRS-6 default parameters w0…w20 (py-fsrs 6.2.0 and later).
    public static let defaultParameters: [Double] = [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ]

    /// The range py-fsrs accepts for each parameter.
    public static let parameterRanges: [ClosedRange<Double>] = [
        0.001...100, 0.001...100, 0.001...100, 0.001...100, 1...10, 0.001...4, 0.001...4,
        0.001...0.75, 0...4.5, 0...0.8, 0.001...3.5, 0.001...5, 0.001...0.25, 0.001...0.9,
        0...4, 0...1, 1...6, 0...2, 0...2, 0...0.8, 0.1...0.8,
    ]

    public var scheduler: Algorithm = .fsrs
    /// Target chance of recall when a review falls due (FSRS), in (0, 1).
    public var desiredRetention: Double = 0.90
    /// FSRS-6 weights w0…w20.
    public var parameters: [Double] = CollectionSettings.defaultParameters
    /// Learning steps in seconds (default 1 min, 10 min).
    public var learningSteps: [TimeInterval] = [60, 600]
    /// Relearning steps in seconds (default 10 min).
    public var relearningSteps: [TimeInterval] = [600]
    /// Longest interval in days.
    public var maximumInterval: Int = 36500
    /// Spread review intervals of 3 days or more by a few percent (seeded per card).
    public var enableFuzz: Bool = true
    /// Pick each fuzzed review interval's day to even out the daily load (``LoadBalancer``).
    public var loadBalance: Bool = true
    /// The share of a normal load each weekday should carry (``EasyDays``).
    public var easyDays: EasyDays = .normal
    public var newPerDay: Int = 20
    public var reviewsPerDay: Int = 200
    /// The settings of single decks and their sub-decks, by full deck name (`History::Gaza`);
    /// see ``DeckPreset``.
    public var deckPresets: [String: DeckPreset] = [:]
    /// Local hour (0-23) at which a study day starts.
    public var dayStartHour: Int = 4
    /// Days off planned with `recall break`; ``PlannedBreaks/isBreakDay(_:)`` is where the
    /// scheduler asks.
    public var plannedBreaks = PlannedBreaks()
    /// Learning cards due within this many minutes are shown when nothing else is left.
    public var learnAheadMinutes: Int = 20
    /// A card that lapses this many times is suspended and tagged leech (0 turns it off).
    public var leechThreshold: Int = 8
    public var buryNewSiblings: Bool = true
    public var buryReviewSiblings: Bool = true
    /// Play a card's sounds (and speak its `{{tts …}}` text) as it is shown. Not a
    /// scheduling setting: it only lives here because `recall config` sets it.
    public var autoplay: Bool = false
    /// Run `recall sync` when a study session ends (only for a collection synced through
    /// git with a remote). Not a scheduling control: it never changes a card's state.
    public var syncOnExit: Bool = false
    /// Refit the FSRS parameters after a study session once the history has grown enough
    /// (see ``AutoOptimize``). Not a scheduling control itself: only an adopted fit is.
    public var autoOptimize: Bool = true
    /// When each setting was last changed with `recall config`, by its `recall config` key
    /// (`desired_retention`, `deck.Swift.new_per_day`). Merging two devices' settings keeps,
    /// for each key, the value changed last, so every device ends with the same settings
    /// whichever merges first. Keys never changed since this was recorded have no time.
    public var changed: [String: Date] = [:]

    // SM-2 (Anki's variant)
    /// Ease factor of a card when it graduates (2.5 = 250 %).
    public var startingEase: Double = 2.5
    /// Extra multiplier on Easy in review.
    public var easyBonus: Double = 1.3
    /// Multiplier on the interval for Hard in review.
    public var hardMultiplier: Double = 1.2
    /// Fraction of the old interval kept after a lapse (0 = start again at 1 day).
    public var lapseNewInterval: Double = 0
    /// Days given when a card passes its last learning step.
    public var graduatingInterval: Int = 1
    /// Days given for Easy on a learning card.
    public var easyInterval: Int = 4

    public init() {}

    /// ``maximumInterval`` kept within 1…1,000,000 days, so that unvalidated settings can
    /// never overflow a date.
    var boundedMaximumInterval: Int { min(max(maximumInterval, 1), 1_000_000) }
}
