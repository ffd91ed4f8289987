import Foundation
import RecallCore

extension ProgressStore {
    /// The reviews given at or after `since`, in log order, each annotated with the card's
    /// state before it: what "today" needs (retention so far), without reading a million
    /// lines. ``loadEntries()`` is the other way in, for what needs the whole history.
    ///
    /// Only the cards answered since then are replayed (a card's history is independent of
    /// the others'). When every one of those answers came after the snapshot this writable
    /// store opened from (the usual case: sessions do not rewrite it), each card is replayed
    /// from its record at the snapshot over the entries since; otherwise from the whole log.
    public func reviews(since: Date) throws(StoreError) -> [ReviewRecord] {
        let recent = try recentEntries(since: since)
        guard !recent.isEmpty else { return [] }
        let answered = Set(recent.map(\.card))
        if let trail = statsTrail, trail.entries.filter({ $0.time >= since }) == recent {
            let base = CardRecords(trail.before.compactMapValues { $0 }.filter { answered.contains($0.key) })
            let result = replay.apply(trail.entries.filter { answered.contains($0.card) }, to: base, annotate: true)
            if result.unmatchedUndos.isEmpty { return result.reviews.filter { $0.entry.time >= since } }
        }
        let entries = try loadEntries().filter { answered.contains($0.card) }
        return replay.replay(entries, annotate: true).reviews.filter { $0.entry.time >= since }
    }

    /// The log entries made at or after `since`, in file order, with card ids resolved
    /// through renames; undo entries included, as written (`recall cards` reads `rated:N`
    /// from these, dropping undone reviews itself).
    ///
    /// Reads the log backwards from its end and stops at the first entry more than a day
    /// older than `since` (the log is in time order apart from small clock differences
    /// between devices), so the cost is proportional to the recent part only. A malformed
    /// line makes it fall back to a full read, which reports the line.
    public func recentEntries(since: Date) throws(StoreError) -> [ReviewLogEntry] {
        guard let map = try MappedFile(path: logPath), map.bytes.baseAddress != nil else { return [] }
        let bytes = map.bytes
        let stop = since.addingTimeInterval(-86_400)
        var decoder = ReviewLogLineDecoder()
        var found: [ReviewLogEntry] = []
        var end = min(logBytes, bytes.count)
        if end > 0, bytes[end - 1] == 0x0A { end -= 1 }
        while end > 0 {
            let newline = lastNewline(bytes, before: end)
            let start = newline.map { $0 + 1 } ?? 0
            if start < end {
                guard let entry = try? decoder.decode(bytes, start..<end) else {
                    return try loadEntries().filter { $0.time >= since }
                }
                if entry.time < stop { break }
                if entry.time >= since { found.append(entry) }
            }
            guard let newline else { break }
            end = newline
        }
        return renameTable.resolve(found.reversed())
    }
}

extension ProgressStore {
    /// The time of the log's last entry (nil when there is none, or the line is unreadable).
    public func lastEntryTime() -> Date? {
        guard let map = try? MappedFile(path: logPath), map.bytes.baseAddress != nil else { return nil }
        let bytes = map.bytes
        var end = min(logBytes, bytes.count)
        var decoder = ReviewLogLineDecoder()
        while end > 0 {
            let newline = lastNewline(bytes, before: end)
            let start = newline.map { $0 + 1 } ?? 0
            if start < end, bytes[start..<end].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                return try? decoder.decode(bytes, start..<end).time
            }
            guard let newline else { return nil }
            end = newline
        }
        return nil
    }
}

/// The index of the last `\n` in `bytes[0..<end]`.
private func lastNewline(_ bytes: UnsafeRawBufferPointer, before end: Int) -> Int? {
    var i = end - 1
    while i >= 0 {
        if bytes[i] == 0x0A { return i }
        i -= 1
    }
    return nil
}
