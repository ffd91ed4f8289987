import RecallCore

extension ReviewLogLineDecoder {
    /// Reads a line in exactly the layout ``ReviewLogCodec`` writes, or returns nil at the
    /// first difference (the general JSON path then reads it, and reports any error).
    ///
    /// `{"card":"…","device":"…","dur":N,"ev":"…"[,"ivl":N][,"r":N],"t":N[,"target":N]}`
    mutating func canonicalFields(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Fields? {
        var c = Cursor(bytes: bytes, pos: range.lowerBound, end: range.upperBound)
        var f = Fields()
        guard c.literal(#"{"card":""#), c.pos + 16 <= c.end, let id = parseHex16(bytes, at: c.pos) else { return nil }
        c.pos += 16
        f.card = CardID(rawValue: id)
        guard c.literal(#"","device":""#), let close = c.plainStringEnd() else { return nil }
        var scanner = JSONScanner(bytes, from: c.pos - 1, to: close + 1)
        guard let device = try? device(&scanner) else { return nil }
        f.device = device
        c.pos = close + 1
        guard c.literal(#","dur":"#), let dur = c.integer() else { return nil }
        f.dur = dur
        guard c.literal(#","ev":""#), let event = c.event(), c.literal("\"") else { return nil }
        f.event = event
        if c.literal(#","ivl":"#) {
            guard let ivl = c.integer() else { return nil }
            f.ivl = ivl
        }
        if c.literal(#","r":"#) {
            guard let r = c.integer() else { return nil }
            f.rating = r
        }
        guard c.literal(#","t":"#), let t = c.integer() else { return nil }
        f.time = t
        if c.literal(#","target":"#) {
            guard let target = c.integer() else { return nil }
            f.target = target
        }
        guard c.literal("}"), c.pos == c.end else { return nil }
        return f
    }
}

/// A bare cursor for the canonical fast path: no errors, only "not this layout".
private struct Cursor {
    let bytes: UnsafeRawBufferPointer
    var pos: Int
    let end: Int

    @inline(__always) mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard pos + n <= end, bytesEqual(UnsafeRawBufferPointer(rebasing: bytes[pos..<(pos + n)]), word) else { return false }
        pos += n
        return true
    }

    /// Index of the closing quote of a string without escapes or control characters.
    @inline(__always) func plainStringEnd() -> Int? {
        var i = pos
        while i < end {
            let b = bytes[i]
            if b == 0x22 { return i }
            if b == 0x5C || b < 0x20 { return nil }
            i += 1
        }
        return nil
    }

    /// A non-negative integer without leading zeros (at most 18 digits).
    @inline(__always) mutating func integer() -> Int64? {
        let start = pos
        var v: Int64 = 0
        while pos < end, pos - start < 18 {
            let d = bytes[pos] &- 0x30
            guard d < 10 else { break }
            v = v * 10 + Int64(d)
            pos += 1
        }
        let n = pos - start
        guard n > 0, n == 1 || bytes[start] != 0x30, pos == end || bytes[pos] &- 0x30 >= 10 else { return nil }
        return v
    }

    @inline(__always) mutating func event() -> ReviewLogEntry.Event? {
        var n = pos
        while n < end, bytes[n] != 0x22 { n += 1 }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[pos..<n])
        let event: ReviewLogEntry.Event
        if bytesEqual(raw, "review") { event = .review }
        else if bytesEqual(raw, "undo") { event = .undo }
        else if bytesEqual(raw, "suspend") { event = .suspend }
        else if bytesEqual(raw, "unsuspend") { event = .unsuspend }
        else if bytesEqual(raw, "bury") { event = .bury }
        else if bytesEqual(raw, "forget") { event = .forget }
        else if bytesEqual(raw, "unbury") { event = .unbury }
        else if bytesEqual(raw, "setdue") { event = .setdue }
        else if bytesEqual(raw, "reschedule") { event = .reschedule }
        else { return nil }
        pos = n
        return event
    }
}
