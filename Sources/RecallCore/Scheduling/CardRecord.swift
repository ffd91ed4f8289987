import Foundation

/// A card's progress as derived from the review log: its schedule plus the flags that are
/// not scheduling (suspended, buried, leech).
public struct CardRecord: Hashable, Sendable {
    public var schedule: CardSchedule

    // Stored compactly, as in ``CardSchedule`` (and kept for the same reason).
    private var _introduced = PresenceFlags.noDate
    private var _lastReviewAsReview = PresenceFlags.noDate
    private var _buriedUntilDay: Int32 = 0, _reviewCount: Int32 = 0

    public var suspended: Bool
    /// Set when the card reached the leech threshold; stays set until `forget`.
    public var isLeech: Bool
    private var flags = PresenceFlags()
    private static let hasIntroduced: UInt8 = 1, hasLastReviewAsReview: UInt8 = 2, hasBuried: UInt8 = 4

    /// The card is buried through this study day (hidden while today's day number ≤ it).
    public var buriedUntilDay: Int? {
        get { flags.has(Self.hasBuried) ? Int(_buriedUntilDay) : nil }
        set {
            _buriedUntilDay = newValue.map { Int32(clamping: $0) } ?? 0
            flags.set(Self.hasBuried, newValue != nil)
        }
    }

    /// Reviews that count (undone ones excluded), including those before a `forget`.
    /// Seeds the interval fuzz.
    public var reviewCount: Int {
        get { Int(_reviewCount) }
        set { _reviewCount = Int32(clamping: newValue) }
    }

    /// When the card was first studied since it was last new (counts toward the day's new
    /// cards on that study day).
    public var introduced: Date? {
        get { flags.has(Self.hasIntroduced) ? _introduced : nil }
        set {
            _introduced = newValue ?? PresenceFlags.noDate
            flags.set(Self.hasIntroduced, newValue != nil)
        }
    }

    /// When the card was last reviewed while in review state (counts toward that day's
    /// review limit).
    public var lastReviewAsReview: Date? {
        get { flags.has(Self.hasLastReviewAsReview) ? _lastReviewAsReview : nil }
        set {
            _lastReviewAsReview = newValue ?? PresenceFlags.noDate
            flags.set(Self.hasLastReviewAsReview, newValue != nil)
        }
    }

    public init(schedule: CardSchedule, suspended: Bool = false, buriedUntilDay: Int? = nil,
                isLeech: Bool = false, reviewCount: Int = 0, introduced: Date? = nil,
                lastReviewAsReview: Date? = nil) {
        self.schedule = schedule
        self.suspended = suspended
        self.isLeech = isLeech
        self.buriedUntilDay = buriedUntilDay
        self.reviewCount = reviewCount
        self.introduced = introduced
        self.lastReviewAsReview = lastReviewAsReview
    }

    /// Whether the card is buried on study day `day`.
    public func isBuried(onDay day: Int) -> Bool {
        buriedUntilDay.map { day <= $0 } ?? false
    }
}

/// One review annotated for statistics: what the scheduler knew just before it and what it
/// decided after.
public struct ReviewRecord: Hashable, Sendable {
    public var entry: ReviewLogEntry
    public var stateBefore: CardSchedule
    /// The scheduler's predicted chance of recall at review time; `nil` for a new card.
    public var retrievabilityBefore: Double?
    /// Days since the previous review (as the scheduler counts them); `nil` for the first.
    public var elapsedDays: Int?
    /// The interval the card had been given before this review (0 in steps or when new).
    public var scheduledDaysBefore: Int
    public var scheduleAfter: CardSchedule

    public init(entry: ReviewLogEntry, stateBefore: CardSchedule, retrievabilityBefore: Double?,
                elapsedDays: Int?, scheduledDaysBefore: Int, scheduleAfter: CardSchedule) {
        self.entry = entry
        self.stateBefore = stateBefore
        self.retrievabilityBefore = retrievabilityBefore
        self.elapsedDays = elapsedDays
        self.scheduledDaysBefore = scheduledDaysBefore
        self.scheduleAfter = scheduleAfter
    }
}
