/// Where a card is in its life: never studied, in (re)learning steps, or in long-term review.
public enum CardState: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Never studied (or reset with `forget`). py-fsrs calls this Learning at step 0 without a
    /// memory state.
    case new
    /// Going through the learning steps (minutes apart) after the first review.
    case learning
    /// Scheduled in whole days.
    case review
    /// Going through the relearning steps after a lapse (Again on a review card).
    case relearning

    public var description: String { rawValue }

    /// py-fsrs's numeric state: 1 Learning (also for a new card), 2 Review, 3 Relearning.
    public var fsrsNumber: Int {
        switch self {
        case .new, .learning: 1
        case .review: 2
        case .relearning: 3
        }
    }
}

/// FSRS's model of how well a card is remembered.
public struct MemoryState: Hashable, Sendable {
    /// S, in days: the interval after which the chance of recall falls to 90 %.
    public var stability: Double
    /// D, between 1 (easy) and 10 (hard).
    public var difficulty: Double

    public init(stability: Double, difficulty: Double) {
        self.stability = stability
        self.difficulty = difficulty
    }
}
