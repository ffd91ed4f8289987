import Foundation

/// A card's scheduling state, shared by the FSRS and SM-2 schedulers.
///
/// Days are local study days (see ``StudyCalendar``) except in conformance replay, which
/// counts whole 24-hour periods as py-fsrs does (see ``DayCounting``).
public struct CardSchedule: Hashable, Sendable {
    /// When the card is next due. A review card is due at the start of its study day
    /// (or, in conformance replay, exactly `interval` × 24 h after the review).
    public var due: Date
    /// SM-2 ease factor (2.5 = 250 %). FSRS leaves it at its starting value.
    public var easeFactor: Double

    // Stored compactly: a collection keeps one per card, and opening it touches every one.
    // Optionals are a flag bit plus a value that is zero when absent (so that equality and
    // hashing are unchanged); counts are 32-bit, clamped.
    // Kept because plain fields cost more than 10% on the side-by-side "stats" row (BENCHMARKS.md).
    private var _stability = 0.0, _difficulty = 0.0
    private var _lastReview = PresenceFlags.noDate
    private var _step: Int32 = 0, _reps: Int32 = 0, _lapses: Int32 = 0, _scheduledDays: Int32 = 0, _interval: Int32 = 0
    // (Stored after the 8- and 4-byte fields, so that it packs with `flags`.)
    public var state: CardState
    private var flags = PresenceFlags()
    private static let hasMemory: UInt8 = 1, hasLastReview: UInt8 = 2, hasStep: UInt8 = 4

    /// Index into the learning or relearning steps; `nil` in review. A new card has step 0.
    public var step: Int? {
        get { flags.has(Self.hasStep) ? Int(_step) : nil }
        set {
            _step = newValue.map { Int32(clamping: $0) } ?? 0
            flags.set(Self.hasStep, newValue != nil)
        }
    }

    /// FSRS memory state; `nil` until the first review (and after `forget`). SM-2 leaves it
    /// `nil`.
    public var memory: MemoryState? {
        get { flags.has(Self.hasMemory) ? MemoryState(stability: _stability, difficulty: _difficulty) : nil }
        set {
            (_stability, _difficulty) = (newValue?.stability ?? 0, newValue?.difficulty ?? 0)
            flags.set(Self.hasMemory, newValue != nil)
        }
    }

    public var lastReview: Date? {
        get { flags.has(Self.hasLastReview) ? _lastReview : nil }
        set {
            _lastReview = newValue ?? PresenceFlags.noDate
            flags.set(Self.hasLastReview, newValue != nil)
        }
    }

    /// Reviews since the card was new.
    public var reps: Int {
        get { Int(_reps) }
        set { _reps = Int32(clamping: newValue) }
    }

    /// Times the card was forgotten (Again) while in review.
    public var lapses: Int {
        get { Int(_lapses) }
        set { _lapses = Int32(clamping: newValue) }
    }

    /// The interval in days given at the last review; 0 while in (re)learning steps.
    /// A card is mature when this is at least 21.
    public var scheduledDays: Int {
        get { Int(_scheduledDays) }
        set { _scheduledDays = Int32(clamping: newValue) }
    }

    /// SM-2's current review interval in days, kept through relearning (0 before graduation).
    public var interval: Int {
        get { Int(_interval) }
        set { _interval = Int32(clamping: newValue) }
    }

    public init(state: CardState, step: Int?, memory: MemoryState?, due: Date, lastReview: Date?,
                reps: Int, lapses: Int, scheduledDays: Int, easeFactor: Double = 2.5,
                interval: Int = 0) {
        self.state = state
        self.due = due
        self.easeFactor = easeFactor
        self.step = step
        self.memory = memory
        self.lastReview = lastReview
        self.reps = reps
        self.lapses = lapses
        self.scheduledDays = scheduledDays
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
