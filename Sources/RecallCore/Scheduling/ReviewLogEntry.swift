import Foundation

/// One line of the review log, the append-only source of truth for progress.
///
/// Card states are derived by replaying these entries, in ``ReviewLogEntry/order``, through
/// the collection's scheduler.
public struct ReviewLogEntry: Hashable, Sendable {
    /// What happened.
    public enum Event: String, Sendable, CaseIterable {
        /// The user answered the card with ``ReviewLogEntry/rating``.
        case review
        /// The user took back the most recent review of the card made at ``ReviewLogEntry/target``
        /// on the same device, or else a ``setdue`` of the card made then (a move of due
        /// dates taken back); it no longer counts, but stays in the log.
        case undo
        /// The card leaves the queue until unsuspended.
        case suspend
        case unsuspend
        /// The card is hidden until the next day starts.
        case bury
        /// The card is shown again today after a ``bury``.
        case unbury
        /// The card is reset to new; its earlier reviews stay in the log for stats.
        case forget
        /// A studied card is due at ``ReviewLogEntry/target`` (`recall cards --set-due`);
        /// a new card is left as it is.
        case setdue
        /// A review card's due date is recomputed from its memory state and settings
        /// (`recall reschedule`, `recall cards --reschedule`). With ``ReviewLogEntry/scheduledDays``
        /// the card is due that many study days after its last review; without it (older
        /// logs) the interval is recomputed from the settings at replay.
        case reschedule
    }

    public var event: Event
    public var card: CardID
    /// When it happened (millisecond precision in the log).
    public var time: Date
    /// Set for ``Event/review`` entries only.
    public var rating: Rating?
    /// Time spent on the card before answering, in milliseconds (0 when unknown).
    public var durationMs: Int
    /// Identifies the machine that wrote the entry; used to merge logs from two devices.
    public var device: String
    /// For ``Event/undo``: the time of the review being undone. For ``Event/setdue``: when
    /// the card is due (the start of a study day).
    public var target: Date?
    /// The due date decided when the entry was written, kept whatever the settings later
    /// become: for a ``Event/review`` that put the card in review, its interval in study
    /// days after the review's day; for a ``Event/reschedule``, the interval in study days
    /// after the card's last review. `nil` in entries written before due dates were kept
    /// (and for answers that left the card in learning steps): replay then computes the
    /// interval from the settings of now.
    public var scheduledDays: Int?

    public init(event: Event, card: CardID, time: Date, rating: Rating? = nil,
                durationMs: Int = 0, device: String, target: Date? = nil, scheduledDays: Int? = nil) {
        self.event = event
        self.card = card
        self.time = time
        self.rating = rating
        self.durationMs = durationMs
        self.device = device
        self.target = target
        self.scheduledDays = scheduledDays
    }

    /// Creates a review entry.
    public static func review(_ card: CardID, _ rating: Rating, at time: Date,
                              durationMs: Int = 0, device: String) -> ReviewLogEntry {
        ReviewLogEntry(event: .review, card: card, time: time, rating: rating,
                       durationMs: durationMs, device: device)
    }

    /// The total order of the log: time, then device, card, event and the rest, so that
    /// merging two logs gives the same sequence whichever way round they are merged.
    public static func order(_ a: ReviewLogEntry, _ b: ReviewLogEntry) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if a.device != b.device { return a.device < b.device }
        if a.card != b.card { return a.card < b.card }
        if a.event != b.event { return a.event.rawValue < b.event.rawValue }
        if a.rating != b.rating { return (a.rating?.rawValue ?? 0) < (b.rating?.rawValue ?? 0) }
        if a.durationMs != b.durationMs { return a.durationMs < b.durationMs }
        if a.target != b.target {
            return (a.target?.timeIntervalSince1970 ?? 0) < (b.target?.timeIntervalSince1970 ?? 0)
        }
        return (a.scheduledDays ?? 0) < (b.scheduledDays ?? 0)
    }
}
