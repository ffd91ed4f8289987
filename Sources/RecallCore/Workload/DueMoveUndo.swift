import Foundation

/// Taking back a move of due dates (postpone, advance, a break, `cards --set-due`): one
/// `undo` entry per moved card, aimed at its `setdue` entry, so that replay drops the move
/// and the card is due as it was before. Cards answered or moved again since are left as
/// they are.
public enum DueMoveUndo {
    /// What taking back one batch of moves writes.
    public struct Result: Sendable {
        public var entries: [ReviewLogEntry]
        /// Moved cards left as they are because they were answered or changed since.
        public var changedSince: Int
    }

    /// The time of the latest batch of moves made on `device` that is not taken back yet,
    /// leaving out batches made at the `excluding` times (the moves of planned breaks).
    /// `log` is the whole log, in any order.
    public static func latestBatch(in log: [ReviewLogEntry], device: String, excluding: Set<Int64> = []) -> Date? {
        counted(log).last { $0.event == .setdue && $0.device == device && !excluding.contains(millis($0.time)) }?.time
    }

    /// Undo entries, stamped `time` by `writer`, taking back the moves made at `batch` (by
    /// `device` when given) that are still the last word on their cards.
    public static func takingBack(_ batch: Date, device: String?, in log: [ReviewLogEntry],
                                  time: Date, writer: String) -> Result {
        let key = millis(batch)
        var last: [CardID: ReviewLogEntry] = [:]
        for entry in counted(log) where entry.event != .bury && entry.event != .unbury {
            last[entry.card] = entry
        }
        var moved: [CardID] = []
        var changed = 0
        for entry in counted(log) where entry.event == .setdue && millis(entry.time) == key
            && (device == nil || entry.device == device) {
            if last[entry.card] == entry { moved.append(entry.card) } else { changed += 1 }
        }
        let entries = Array(Set(moved)).sorted().map {
            ReviewLogEntry(event: .undo, card: $0, time: time, device: writer, target: batch)
        }
        return Result(entries: entries, changedSince: changed)
    }

    private static func counted(_ log: [ReviewLogEntry]) -> [ReviewLogEntry] {
        let sorted = log.sorted(by: ReviewLogEntry.order)
        return CollectionReplay.droppingUndone(sorted).counted
    }

    /// Milliseconds since 1970, as the log stores times.
    public static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}
