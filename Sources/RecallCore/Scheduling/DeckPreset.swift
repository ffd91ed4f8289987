import Foundation

/// The settings one deck sets for itself and its sub-decks, instead of the collection's.
///
/// Each key is inherited separately: a deck takes a key from the nearest deck (itself, then
/// its parent, and so on up) whose preset sets it, else from the collection
/// (``CollectionSettings/deckSetting(_:forDeck:)``).
///
/// Card states are replayed from the log without the deck files, so a preset that changes
/// how cards are scheduled (``schedules``) comes with the ids of the cards whose innermost
/// such preset it is, as of the last time Recall read the decks
/// (``CollectionSettings/refreshDeckPresetCards(_:)``). From that deck's name the replay finds
/// the ancestors' presets, so every card takes each key from the right deck; a card in no
/// list is scheduled with the collection's settings.
public struct DeckPreset: Sendable, Equatable, Hashable {
    /// Target chance of recall when a review falls due (FSRS), in (0, 1).
    public var desiredRetention: Double?
    public var newPerDay: Int?
    public var reviewsPerDay: Int?
    /// Learning steps in seconds.
    public var learningSteps: [TimeInterval]?
    /// Relearning steps in seconds.
    public var relearningSteps: [TimeInterval]?
    /// Longest interval in days.
    public var maximumInterval: Int?
    /// FSRS-6 weights w0…w20.
    public var parameters: [Double]?
    /// The cards this preset is the innermost scheduling preset of, sorted.
    public var cards: [CardID]

    public init(desiredRetention: Double? = nil, newPerDay: Int? = nil, reviewsPerDay: Int? = nil,
                learningSteps: [TimeInterval]? = nil, relearningSteps: [TimeInterval]? = nil,
                maximumInterval: Int? = nil, parameters: [Double]? = nil, cards: [CardID] = []) {
        self.desiredRetention = desiredRetention
        self.newPerDay = newPerDay
        self.reviewsPerDay = reviewsPerDay
        self.learningSteps = learningSteps
        self.relearningSteps = relearningSteps
        self.maximumInterval = maximumInterval
        self.parameters = parameters
        self.cards = cards.sorted()
    }

    /// Whether it changes how its cards are scheduled (not only how many are shown a day).
    public var schedules: Bool {
        desiredRetention != nil || learningSteps != nil || relearningSteps != nil
            || maximumInterval != nil || parameters != nil
    }

    /// Whether it sets nothing.
    public var isEmpty: Bool { !schedules && newPerDay == nil && reviewsPerDay == nil }

    /// `settings` with the keys this preset sets.
    func applied(to settings: CollectionSettings) -> CollectionSettings {
        var s = settings
        if let v = desiredRetention { s.desiredRetention = v }
        if let v = newPerDay { s.newPerDay = v }
        if let v = reviewsPerDay { s.reviewsPerDay = v }
        if let v = learningSteps { s.learningSteps = v }
        if let v = relearningSteps { s.relearningSteps = v }
        if let v = maximumInterval { s.maximumInterval = v }
        if let v = parameters { s.parameters = v }
        return s
    }
}
