import Foundation
import RecallCore

/// Turns one Anki card's review log into Recall review-log entries, treating the rows as
/// Anki's FSRS does when it computes a card's memory state:
///
/// - a graded row (button 1-4) is a review with that rating, its time and its duration, and
///   the interval in days it gave (`ivl`), so the card keeps the due date Anki gave it;
/// - a row in a filtered deck that did not reschedule (type 3, ease factor 0: cramming) and
///   manual rows with no button (type 4 "set due date", type 5 "rescheduled") are left out;
/// - a "forget" (type 4 with ease factor 0) resets the card: a `forget` entry;
/// - only the last run of learning steps starts the memory state (older Anki versions reset
///   cards without writing a row), so a `forget` entry goes just before that run when
///   earlier reviews exist.
///
/// Earlier reviews stay in the log for statistics. A suspended card gets a `suspend` entry
/// and a buried one a `bury` entry, at the card's last change.
enum AnkiHistory {
    static func entries(_ rows: ArraySlice<AnkiCollection.Revlog>, card: CardID, queue: Int,
                        modified: Int64, device: String) -> [ReviewLogEntry] {
        var out: [ReviewLogEntry] = []
        let resetAt = memoryStart(rows)
        var lastMs: Int64 = 0
        for (index, row) in zip(rows.indices, rows) {
            if case .start(let start) = resetAt, index == start, out.contains(where: { $0.event == .review }) {
                out.append(ReviewLogEntry(event: .forget, card: card, time: date(row.id == .min ? row.id : row.id - 1), device: device))
            }
            if isReset(row) {
                if case .noneAfter(let reset) = resetAt, reset == index {
                    out.append(ReviewLogEntry(event: .forget, card: card, time: date(row.id), device: device))
                }
            } else if isGraded(row), let rating = Rating(rawValue: row.ease) {
                var review = ReviewLogEntry.review(card, rating, at: date(row.id), durationMs: max(0, row.durationMs), device: device)
                review.scheduledDays = keptInterval(row)
                out.append(review)
            }
            lastMs = max(lastMs, row.id)
        }
        // Saturating: the values come from the file.
        let (modifiedMs, overflow) = modified.multipliedReportingOverflow(by: 1000)
        let changed = max(overflow ? 0 : modifiedMs, lastMs == .max ? lastMs : lastMs + 1)
        if queue == -1 {
            out.append(ReviewLogEntry(event: .suspend, card: card, time: date(changed), device: device))
        } else if queue == -2 || queue == -3 {
            out.append(ReviewLogEntry(event: .bury, card: card, time: date(changed), device: device))
        }
        return out
    }

    /// The interval in days the answer gave in Anki, kept as the entry's `ivl` so that the
    /// card stays due when Anki had it due; nil when it left the card in (re)learning steps
    /// (Anki writes those as negative seconds). Capped at the longest interval a log line
    /// holds, the longest `maximum_interval`.
    static func keptInterval(_ row: AnkiCollection.Revlog) -> Int? {
        row.interval >= 1 ? min(row.interval, CollectionSettings().maximumInterval) : nil
    }

    static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }

    static func isCramming(_ row: AnkiCollection.Revlog) -> Bool { row.type == 3 && row.factor == 0 }

    static func isReset(_ row: AnkiCollection.Revlog) -> Bool { row.type == 4 && row.factor == 0 }

    static func isGraded(_ row: AnkiCollection.Revlog) -> Bool {
        (1...4).contains(row.ease) && !isCramming(row) && row.type != 4 && row.type != 5
    }

    /// Where Anki starts the memory state: the index of the row it starts from, or the index
    /// of a reset no graded row follows (the card is new again).
    enum MemoryStart: Equatable { case start(Int), noneAfter(Int), everything }

    /// Scans backwards as Anki does: the first row of the last run of graded learning rows,
    /// else the first graded row with an interval of a day or more after the last reset.
    static func memoryStart(_ rows: ArraySlice<AnkiCollection.Revlog>) -> MemoryStart {
        var firstLearning: Int?
        var firstGraded: Int?
        for index in rows.indices.reversed() {
            let row = rows[index]
            if isCramming(row) { continue }
            let graded = isGraded(row)
            if graded, row.interval >= 1 || row.interval <= -86400 { firstGraded = index }
            if graded, row.type == 0 {
                firstLearning = index
            } else if isReset(row) {
                if firstLearning != nil || firstGraded != nil { break }
                return .noneAfter(index)
            } else if firstLearning != nil {
                break
            }
        }
        if let start = firstLearning ?? firstGraded { return .start(start) }
        return .everything
    }
}
