import Foundation

/// A card's scheduling state, shared by the FSRS and SM-2 schedulers.
///
/// Days are local study days (see ``StudyCalendar``) except in conformance replay, which
/// counts whole 24-hour periods as py-fsrs does (see ``DayCounting``).
public struct CardSchedule: Hashable, Sendable {
    public var state: CardState
    /// Index into the learning or relearning steps; `nil` in review. A new card has step 0.
    public var step: Int?
    /// FSRS memory state; `nil` until the first review (and after `forget`). SM-2 leaves it
    /// `nil`.
    public var memory: MemoryState?
    /// When the card is next due. A review card is due at the start of its study day
    /// (or, in conformance replay, exactly `interval` × 24 h after the review).
    public var due: Date
    public var lastReview: Date?
    /// Reviews since the card was new.
    public var reps: Int
    /// Times the card was forgotten (Again) while in review.
    public var lapses: Int
    /// The interval in days given at the last review; 0 while in (re)learning steps.
    /// A card is mature when this is at least 21.
    public var scheduledDays: Int
    /// SM-2 ease factor (2.5 = 250 %). FSRS leaves it at its starting value.
    public var easeFactor: Double
    /// SM-2's current review interval in days, kept through relearning (0 before graduation).
    public var interval: Int

    public init(state: CardState, step: Int?, memory: MemoryState?, due: Date, lastReview: Date?,
                reps: Int, lapses: Int, scheduledDays: Int, easeFactor: Double = 2.5,
                interval: Int = 0) {
        self.state = state
        self.step = step
        self.memory = memory
        self.due = due
        self.lastReview = lastReview
        self.reps = reps
        self.lapses = lapses
        self.scheduledDays = scheduledDays
        self.easeFactor = easeFactor
        self.interval = interval
    }

    /// A card that has never been studied, due when it was created.
    public static func new(createdAt: Date, startingEase: Double = 2.5) -> CardSchedule {
        CardSchedule(state: .new, step: 0, memory: nil, due: createdAt, lastReview: nil,
                     reps: 0, lapses: 0, scheduledDays: 0, easeFactor: startingEase, interval: 0)
    }

    /// In review with an interval of at least 21 days.
    public var isMature: Bool { state == .review && scheduledDays >= 21 }

    /// In learning or relearning steps.
    public var isLearning: Bool { state == .learning || state == .relearning }
}
