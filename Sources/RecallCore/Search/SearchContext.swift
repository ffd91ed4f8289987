import Foundation

/// What a query is evaluated against besides each card and its record: the time, the
/// scheduler (for retrievability) and, when the query needs them, recent answers and when
/// each card was first seen.
public struct SearchContext: Sendable {
    public let now: Date
    public let replay: CollectionReplay
    /// Today's study day number (see ``StudyCalendar/dayNumber(_:)``).
    public let today: Int
    /// When today's study day ends: a card due before it is due today.
    public let dayEnd: Date
    /// Answers of the last study days, for `rated:`; treated as none when `nil`.
    public var history: SearchHistory?
    /// The study day each card was first seen in a deck file, for `added:`.
    public var firstSeen: [CardID: Int]

    public init(now: Date, replay: CollectionReplay, history: SearchHistory? = nil,
                firstSeen: [CardID: Int] = [:]) {
        self.now = now
        self.replay = replay
        today = replay.calendar.dayNumber(now)
        dayEnd = replay.calendar.startOfDay(today + 1)
        self.history = history
        self.firstSeen = firstSeen
    }

    /// The first study day of a `days`-long window that ends today (`days` = 1: today).
    func firstDay(_ days: Int) -> Int { today - days + 1 }
}

/// Counted answers (undone ones left out) by card: the study day and the rating of each.
public struct SearchHistory: Sendable {
    private var answers: [CardID: [(day: Int, rating: Rating)]] = [:]

    /// The answers in `entries` (log entries in any order, undo entries included).
    public init(entries: [ReviewLogEntry], calendar: StudyCalendar) {
        let sorted = entries.sorted(by: ReviewLogEntry.order)
        for entry in CollectionReplay.droppingUndone(sorted).counted where entry.event == .review {
            guard let rating = entry.rating else { continue }
            answers[entry.card, default: []].append((calendar.dayNumber(entry.time), rating))
        }
    }

    /// Whether `card` was answered on study day `firstDay` or later (with `rating`, if given).
    func answered(_ card: CardID, since firstDay: Int, rating: Rating?) -> Bool {
        answers[card]?.contains { $0.day >= firstDay && (rating == nil || $0.rating == rating) } ?? false
    }
}
