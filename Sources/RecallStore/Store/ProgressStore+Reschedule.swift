import Foundation
import RecallCore

extension ProgressStore {
    /// The latest reschedule written on this device (`recall reschedule`, `recall cards
    /// --reschedule`) that has not been taken back: its entries, all of one time. Empty when
    /// there is none.
    public func lastReschedule() throws(StoreError) -> [ReviewLogEntry] {
        let entries = renameTable.resolve(try readWholeLog().entries)
        var undone = Set<Undone>()
        for e in entries where e.device == device && e.event == .undo {
            undone.insert(Undone(card: e.card, ms: ReviewLogCodec.milliseconds(e.target ?? e.time)))
        }
        let open = entries.filter {
            $0.device == device && $0.event == .reschedule && $0.scheduledDays != nil
                && !undone.contains(Undone(card: $0.card, ms: ReviewLogCodec.milliseconds($0.time)))
        }
        guard let latest = open.map(\.time).max() else { return [] }
        return open.filter { $0.time == latest }
    }

    /// Takes back `entries` (reschedules from ``lastReschedule()``) with one undo entry each
    /// at `time`, written with one fsync, then recomputes every card from the log. Returns
    /// the undo entries as stored.
    @discardableResult
    public func takeBack(_ entries: [ReviewLogEntry], at time: Date) throws(StoreError) -> [ReviewLogEntry] {
        guard isWritable, let writer else {
            throw StoreError(path: logPath, reason: "the progress store was opened read-only")
        }
        guard !entries.isEmpty else { return [] }
        if !writer.isCurrent { try load() }
        let undos = entries.map {
            ReviewLogCodec.normalized(ReviewLogEntry(event: .undo, card: $0.card, time: time, device: device, target: $0.time))
        }
        let current = self.writer ?? writer
        try current.append(undos, sync: true)
        let (all, outcome) = try readWholeLog()
        records = replay.replay(renameTable.resolve(all)).records
        logBytes = outcome.validEnd
        logLines = outcome.lines
        undoStack = []
        statsTrail = nil
        snapshotStale = true
        return undos
    }

    private struct Undone: Hashable {
        var card: CardID
        var ms: Int64
    }
}
