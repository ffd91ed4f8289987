/// A minimal JSON tokenizer over raw UTF-8 bytes, for Recall's own files.
///
/// It reads exactly the JSON grammar (RFC 8259) for the values Recall writes: objects,
/// arrays, strings, integers, numbers, `true`/`false`/`null`. Errors are thrown as
/// ``JSONScanError`` with the byte offset in the scanned range.
struct JSONScanner {
    let bytes: UnsafeRawBufferPointer
    var pos: Int
    let end: Int

    init(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.pos = start
        self.end = end ?? bytes.count
    }

    var atEnd: Bool { pos >= end }

    /// The next byte, or 0 at the end.
    @inline(__always) var peek: UInt8 { pos < end ? bytes[pos] : 0 }

    @inline(__always) mutating func skipWhitespace() {
        while pos < end {
            let b = bytes[pos]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            pos += 1
        }
    }

    /// Skips whitespace and consumes `byte`, or throws saying what was found instead.
    @inline(__always) mutating func expect(_ byte: UInt8, _ what: String) throws(JSONScanError) {
        skipWhitespace()
        guard pos < end, bytes[pos] == byte else { throw unexpected(expected: what) }
        pos += 1
    }

    /// An error describing the byte at the current position.
    func unexpected(expected: String) -> JSONScanError {
        guard pos < end else { return JSONScanError("expected \(expected), found the end of the line") }
        let b = bytes[pos]
        let found = (0x21..<0x7F).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
        return JSONScanError("expected \(expected), found \(found)")
    }

    /// Reads a string; fast when it has no escapes. Invalid UTF-8 is rejected.
    mutating func string() throws(JSONScanError) -> String {
        try expect(0x22, "a string")
        let start = pos
        while pos < end {
            let b = bytes[pos]
            if b == 0x22 {
                let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<pos])
                pos += 1
                guard let s = String(validating: raw, as: UTF8.self) else {
                    throw JSONScanError("a string is not valid UTF-8")
                }
                return s
            }
            if b == 0x5C { pos = start; return try escapedString() }
            if b < 0x20 { throw JSONScanError("a control character inside a string") }
            pos += 1
        }
        throw JSONScanError("a string is not closed")
    }

    /// The bytes of a string without escapes (nil when it has any), leaving `pos` after it.
    mutating func plainStringBytes() throws(JSONScanError) -> Range<Int>? {
        try expect(0x22, "a string")
        let start = pos
        while pos < end {
            let b = bytes[pos]
            if b == 0x22 { pos += 1; return start..<(pos - 1) }
            if b == 0x5C || b < 0x20 { pos = start - 1; return nil }
            pos += 1
        }
        throw JSONScanError("a string is not closed")
    }

    private mutating func escapedString() throws(JSONScanError) -> String {
        var out: [UInt8] = []
        while pos < end {
            let b = bytes[pos]
            pos += 1
            switch b {
            case 0x22:
                guard let s = String(validating: out, as: UTF8.self) else {
                    throw JSONScanError("a string is not valid UTF-8")
                }
                return s
            case 0x5C: try appendEscape(to: &out)
            case 0..<0x20: throw JSONScanError("a control character inside a string")
            default: out.append(b)
            }
        }
        throw JSONScanError("a string is not closed")
    }

    private mutating func appendEscape(to out: inout [UInt8]) throws(JSONScanError) {
        guard pos < end else { throw JSONScanError("a string is not closed") }
        let e = bytes[pos]
        pos += 1
        switch e {
        case 0x22, 0x5C, 0x2F: out.append(e)
        case 0x62: out.append(0x08)
        case 0x66: out.append(0x0C)
        case 0x6E: out.append(0x0A)
        case 0x72: out.append(0x0D)
        case 0x74: out.append(0x09)
        case 0x75:
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard pos + 1 < end, bytes[pos] == 0x5C, bytes[pos + 1] == 0x75 else {
                    throw JSONScanError("a lone surrogate in a \\u escape")
                }
                pos += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw JSONScanError("a lone surrogate in a \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let u = Unicode.Scalar(scalar) else { throw JSONScanError("a lone surrogate in a \\u escape") }
            out.append(contentsOf: String(Character(u)).utf8)
        default: throw JSONScanError("an unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string")
        }
    }

    private mutating func hex4() throws(JSONScanError) -> UInt32 {
        guard pos + 4 <= end else { throw JSONScanError("a \\u escape needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let d = hexValue(bytes[pos]) else { throw JSONScanError("a \\u escape needs four hex digits") }
            v = v << 4 | UInt32(d)
            pos += 1
        }
        return v
    }

    /// Reads an integer (a JSON number without fraction or exponent).
    @inline(__always) mutating func integer() throws(JSONScanError) -> Int64 {
        skipWhitespace()
        var negative = false
        if pos < end, bytes[pos] == 0x2D { negative = true; pos += 1 }
        let start = pos
        var value: Int64 = 0
        while pos < end {
            let d = bytes[pos] &- 0x30
            guard d < 10 else { break }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { throw JSONScanError("a number is too large") }
            value = a
            pos += 1
        }
        guard pos > start else { throw unexpected(expected: "a whole number") }
        if pos - start > 1, bytes[start] == 0x30 { throw JSONScanError("a number has a leading zero") }
        if pos < end, bytes[pos] == 0x2E || bytes[pos] == 0x65 || bytes[pos] == 0x45 {
            throw JSONScanError("expected a whole number, found a fraction or exponent")
        }
        return negative ? -value : value
    }

    /// Reads any JSON number as a Double (using the standard library's correctly rounded parser).
    mutating func number() throws(JSONScanError) -> Double {
        skipWhitespace()
        let start = pos
        while pos < end, let b = Optional(bytes[pos]), b == 0x2D || b == 0x2B || b == 0x2E || b == 0x65 || b == 0x45 || (0x30...0x39).contains(b) {
            pos += 1
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
        guard !text.isEmpty, let v = Double(text), v.isFinite else {
            pos = start
            throw unexpected(expected: "a number")
        }
        return v
    }

    /// Consumes `null` if it comes next.
    mutating func null() -> Bool { literal("null") }

    /// Reads `true` or `false`.
    mutating func bool() throws(JSONScanError) -> Bool {
        if literal("true") { return true }
        if literal("false") { return false }
        throw unexpected(expected: "true or false")
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        skipWhitespace()
        let n = word.utf8CodeUnitCount
        guard pos + n <= end else { return false }
        for i in 0..<n where bytes[pos + i] != word.utf8Start[i] { return false }
        pos += n
        return true
    }

    /// Skips any one JSON value (used for keys a reader does not know but may ignore).
    mutating func skipValue(depth: Int = 0) throws(JSONScanError) {
        guard depth < 64 else { throw JSONScanError("values are nested too deeply") }
        skipWhitespace()
        switch peek {
        case 0x22: _ = try string()
        case 0x7B, 0x5B:
            let close: UInt8 = peek == 0x7B ? 0x7D : 0x5D
            let isObject = peek == 0x7B
            pos += 1
            if nextIs(close) { return }
            repeat {
                if isObject { _ = try string(); try expect(0x3A, "':'") }
                try skipValue(depth: depth + 1)
            } while nextIs(0x2C)
            try expect(close, isObject ? "',' or '}'" : "',' or ']'")
        case 0x74, 0x66: _ = try bool()
        case 0x6E: if !null() { throw unexpected(expected: "a value") }
        default: _ = try number()
        }
    }

    /// Skips whitespace and consumes `byte` if it comes next.
    @inline(__always) mutating func nextIs(_ byte: UInt8) -> Bool {
        skipWhitespace()
        if pos < end, bytes[pos] == byte { pos += 1; return true }
        return false
    }
}

/// Why a JSON text could not be read: lower-case, no final period.
struct JSONScanError: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}

@inline(__always) func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case 0x30...0x39: return b - 0x30
    case 0x61...0x66: return b - 0x61 + 10
    case 0x41...0x46: return b - 0x41 + 10
    default: return nil
    }
}
