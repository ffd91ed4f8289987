/// Byte-level helpers for the fast parsers (`.txt`, `.tsv`, `.csv`).
enum ByteText {
    /// `range` without spaces and tabs at either end.
    static func trim(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        return lower..<upper
    }

    /// `range` without spaces and tabs at its start.
    static func trimLeft(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        while lower < range.upperBound, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        return lower..<range.upperBound
    }

    /// `range` without spaces and tabs at its end.
    static func trimRight(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var upper = range.upperBound
        while upper > range.lowerBound, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        return range.lowerBound..<upper
    }

    /// The offset of the first `\n` at or after `start`.
    static func firstNewline(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        firstIndex(of: 0x0A, in: bytes, start..<bytes.count)
    }

    /// The line starting at `start` (without its `\n` or `\r\n`, as ``DeckSource/lines``)
    /// and where the next one starts; `nil` at the end.
    static func line(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (line: Range<Int>, next: Int)? {
        guard start < bytes.count else { return nil }
        guard let i = firstNewline(bytes, from: start) else { return (start..<bytes.count, bytes.count) }
        return (start..<((i > start && bytes[i - 1] == 0x0D) ? i - 1 : i), i + 1)
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Lines joined with `\n` after ``CardText``'s normalisation (right-trimmed lines, no
    /// blank lines at either end).
    static func joinLines(_ bytes: UnsafeBufferPointer<UInt8>, _ lines: ArraySlice<Range<Int>>) -> String {
        var first = lines.startIndex
        var last = lines.endIndex - 1
        while first <= last, trim(bytes, lines[first]).isEmpty { first += 1 }
        while last >= first, trim(bytes, lines[last]).isEmpty { last -= 1 }
        guard first <= last else { return "" }
        if first == last { return string(bytes, trimRight(bytes, lines[first])) }
        var length = last - first
        for i in first...last { length += trimRight(bytes, lines[i]).count }
        return String(unsafeUninitializedCapacity: length) { out in
            var at = 0
            for i in first...last {
                if i > first { out[at] = 0x0A; at += 1 }
                let line = trimRight(bytes, lines[i])
                if !line.isEmpty {
                    UnsafeMutableRawPointer(out.baseAddress! + at)
                        .copyMemory(from: bytes.baseAddress! + line.lowerBound, byteCount: line.count)
                    at += line.count
                }
            }
            return at
        }
    }
}

/// Quoting the user's text inside messages.
enum Quote {
    /// The first line of `text`, cut to `limit` characters with `…` when longer.
    static func short(_ text: String, limit: Int = 50) -> String {
        let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard firstLine.count > limit || firstLine.count < text.count else { return String(firstLine) }
        if firstLine.count <= limit { return firstLine + "…" }
        return firstLine.prefix(limit) + "…"
    }
}
