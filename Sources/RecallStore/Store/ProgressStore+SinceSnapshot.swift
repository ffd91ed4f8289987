import RecallCore

extension ProgressStore {
    /// The log entries after the snapshot this writable store opened from (those replayed at
    /// opening and those appended since, in log order, ids resolved through renames), and
    /// the record each card they touch had before the first of them (nil: none).
    ///
    /// Replaying a card's entries from that record gives what replaying its whole history
    /// gives, so work on the cards answered lately need not read the whole log. Nil for a
    /// read-only store, and whenever that starting point is not known: no usable snapshot,
    /// an undo that took back a review, or a snapshot written since opening (its entries
    /// then start again from empty).
    public var entriesSinceSnapshot: (before: [CardID: CardRecord?], entries: [ReviewLogEntry])? {
        statsTrail.map { ($0.before, $0.entries) }
    }
}
