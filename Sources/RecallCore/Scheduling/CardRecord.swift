import Foundation

/// A card's progress as derived from the review log: its schedule plus the flags that are
/// not scheduling (suspended, buried, leech).
public struct CardRecord: Hashable, Sendable {
    public var schedule: CardSchedule
    public var suspended: Bool
    /// The card is buried through this study day (hidden while today's day number ≤ it).
    public var buriedUntilDay: Int?
    /// Set when the card reached the leech threshold; stays set until `forget`.
    public var isLeech: Bool
    /// Reviews that count (undone ones excluded), including those before a `forget`.
    /// Seeds the interval fuzz.
    public var reviewCount: Int
    /// When the card was first studied since it was last new (counts toward the day's new
    /// cards on that study day).
    public var introduced: Date?
    /// When the card was last reviewed while in review state (counts toward that day's
    /// review limit).
    public var lastReviewAsReview: Date?

    public init(schedule: CardSchedule, suspended: Bool = false, buriedUntilDay: Int? = nil,
                isLeech: Bool = false, reviewCount: Int = 0, introduced: Date? = nil,
                lastReviewAsReview: Date? = nil) {
        self.schedule = schedule
        self.suspended = suspended
        self.buriedUntilDay = buriedUntilDay
        self.isLeech = isLeech
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
