/// The rows of the Anki collection that `recall export --apkg` writes, as plain values:
/// what ``AnkiPackageBuilder`` decides and ``AnkiPackageWriter`` stores in a schema-11
/// `collection.anki21`, the legacy format every Anki version imports.
///
/// Times follow Anki: ids and revlog ids are unix milliseconds, `modified` and learning due
/// times unix seconds, review due dates days since ``crt``'s study day.
public struct AnkiPackageContents: Sendable, Equatable {
    /// A deck; levels joined by `::`.
    public struct Deck: Sendable, Equatable {
        public var id: Int64
        public var name: String
    }

    /// A note of one of the three stock note types (``AnkiNotetype``).
    public struct Note: Sendable, Equatable {
        public var id: Int64
        /// Stable across exports (made from the Recall note's id), so that importing a newer
        /// export into the same Anki collection updates the note instead of adding it twice.
        public var guid: String
        public var notetype: AnkiNotetype
        public var tags: [String]
        /// HTML, in the note type's field order.
        public var fields: [String]
    }

    /// One card and its scheduling, in Anki's terms.
    public struct Card: Sendable, Equatable {
        public var id: Int64
        public var note: Int64
        public var deck: Int64
        /// Template (0 front, 1 reverse) or cloze number minus one.
        public var ord: Int
        /// 0 new, 1 learning, 2 review, 3 relearning.
        public var type: Int
        /// 0 new, 1 learning (due in seconds), 2 review, 3 learning due in days, -1
        /// suspended, -3 buried.
        public var queue: Int
        /// New: position; learning (queue 1): unix seconds; otherwise days since ``crt``'s day.
        public var due: Int64
        /// Days; for relearning cards the review interval they return to.
        public var interval: Int
        /// Ease in permille (2500 = 250 %); 0 before graduating.
        public var factor: Int
        public var reps: Int
        public var lapses: Int
        /// Learning steps left, for cards in (re)learning.
        public var left: Int
        /// JSON: Anki's FSRS memory state (`s`, `d`, `dr`, `decay`, `lrt`) and the new-card
        /// position (`pos`).
        public var data: String
    }

    /// One `revlog` row: an answer, or a reset (`forget`: type 4, ease 0).
    public struct Revlog: Sendable, Equatable {
        /// The answer's time in unix milliseconds (unique in the table).
        public var id: Int64
        public var card: Int64
        /// The button, 1-4 (0 for a reset).
        public var ease: Int
        /// The interval given: days when positive, seconds when negative (learning steps).
        public var interval: Int
        public var lastInterval: Int
        /// FSRS difficulty × 100, or the SM-2 ease in permille.
        public var factor: Int
        public var durationMs: Int
        /// 0 learning, 1 review, 2 relearning, 4 manual (reset).
        public var type: Int
    }

    /// A media file the cards reference: its name in Anki and its path in the collection.
    public struct Media: Sendable, Equatable {
        public var name: String
        /// Relative to the collection folder, `/`-separated.
        public var relativePath: String
    }

    /// The collection's creation time (unix seconds): the start of the first study day the
    /// package covers, which review due days count from.
    public var crt: Int64 = 0
    /// Minutes west of UTC at ``crt`` (Anki's `creationOffset`).
    public var creationOffset = 0
    /// Anki's "next day starts at" (`rollover`).
    public var dayStartHour = 4
    /// When the package was made, unix seconds.
    public var modified: Int64 = 0
    /// The deck options written for every deck: Recall's scheduling settings.
    public var learningStepsMinutes: [Double] = [1, 10]
    public var relearningStepsMinutes: [Double] = [10]
    public var newPerDay = 20
    public var reviewsPerDay = 200
    public var maximumInterval = 36500
    public var desiredRetention = 0.9
    /// FSRS-6 parameters, empty under SM-2.
    public var fsrsParameters: [Double] = []
    public var decks: [Deck] = []
    public var notes: [Note] = []
    public var cards: [Card] = []
    public var revlog: [Revlog] = []
    public var media: [Media] = []
}

/// The stock note types a package holds, with the ids they are written under.
public enum AnkiNotetype: Int64, Sendable, CaseIterable {
    // Fixed ids: a later export into the same Anki collection finds the same note types.
    case basic = 1_700_000_000_001
    case basicAndReversed = 1_700_000_000_002
    case cloze = 1_700_000_000_003

    public var name: String {
        switch self {
        case .basic: "Basic"
        case .basicAndReversed: "Basic (and reversed card)"
        case .cloze: "Cloze"
        }
    }

    public var fieldNames: [String] {
        switch self {
        case .basic, .basicAndReversed: ["Front", "Back"]
        case .cloze: ["Text", "Back Extra"]
        }
    }
}
