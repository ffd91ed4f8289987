import Foundation
import RecallCore

extension ProgressStore {
    /// The log entries made at or after `since`, in file order, with card ids resolved
    /// through renames: what "today" needs, without reading a million lines.
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
    /// The time of the log's last entry, or `nil` for an empty (or unreadable) log: new
    /// entries stamped after it stay after it in the log's order, even when the clock is
    /// fixed (`RECALL_NOW`) or a little behind another device's.
    public func lastEntryTime() -> Date? {
        guard let map = try? MappedFile(path: logPath), map.bytes.baseAddress != nil else { return nil }
        let bytes = map.bytes
        var end = min(logBytes, bytes.count)
        if end > 0, bytes[end - 1] == 0x0A { end -= 1 }
        guard end > 0 else { return nil }
        let start = lastNewline(bytes, before: end).map { $0 + 1 } ?? 0
        var decoder = ReviewLogLineDecoder()
        return (try? decoder.decode(bytes, start..<end))?.time
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
