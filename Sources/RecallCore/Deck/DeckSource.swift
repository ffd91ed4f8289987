/// The text of one deck file, checked and split into lines, ready for a parser.
///
/// The bytes are valid UTF-8 without NUL bytes and without a byte-order mark. Lines are
/// byte ranges into ``bytes`` without their `\n` or `\r\n`; `lines[0]` is line 1.
public struct DeckSource: Sendable {
    /// The path shown in diagnostics and card sources.
    public let file: String
    public let bytes: [UInt8]
    public let lines: [Range<Int>]

    /// Checks `bytes` and splits them into lines; `nil` plus an error for a binary file or
    /// invalid UTF-8. A leading UTF-8 byte-order mark is dropped.
    public static func decode(_ bytes: [UInt8], file: String) -> (source: DeckSource?, diagnostic: Diagnostic?) {
        decode(bytes, file: file, splittingLines: true)
    }

    /// ``decode(_:file:)``; without `splittingLines`, ``lines`` is left empty, for a parser
    /// that finds its own line breaks (the delimited one).
    static func decode(_ bytes: [UInt8], file: String,
                       splittingLines: Bool) -> (source: DeckSource?, diagnostic: Diagnostic?) {
        if let problem = binaryProblem(bytes, file: file) { return (nil, problem) }
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        let (bad, isASCII) = UTF8Check.firstInvalidOffset(body)
        if let bad { return (nil, invalidUTF8(body, at: bad, file: file)) }
        return (DeckSource(file: file, validBytes: body, isASCII: isASCII, splittingLines: splittingLines), nil)
    }

    /// Wraps text that is already a Swift string (always valid UTF-8).
    public init(file: String, text: String) {
        var body = Array(text.utf8)
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        self.init(file: file, validBytes: body)
    }

    private init(file: String, validBytes: [UInt8], isASCII: Bool? = nil, splittingLines: Bool = true) {
        self.file = file
        self.bytes = validBytes
        self.lines = splittingLines ? DeckSource.splitLines(validBytes) : []
        self.isASCII = isASCII ?? validBytes.withUnsafeBufferPointer { ByteText.isASCII($0, 0..<$0.count) }
    }

    /// `true` when every byte is ASCII (so byte and `Character` views agree everywhere).
    let isASCII: Bool

    /// The location of 1-based line `number` in this file.
    public func location(line number: Int) -> SourceLocation {
        SourceLocation(file: file, line: number)
    }

    /// The text of a byte range as a string.
    public func string(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }
    }

    static func splitLines(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        lines.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while let i = ByteText.firstNewline(buffer, from: start) {
                let end = (i > start && buffer[i - 1] == 0x0D) ? i - 1 : i
                lines.append(start..<end)
                start = i + 1
            }
            if start < buffer.count { lines.append(start..<buffer.count) }
        }
        return lines
    }

    private static func binaryProblem(_ bytes: [UInt8], file: String) -> Diagnostic? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .error("the file is UTF-16 text, not UTF-8", at: SourceLocation(file: file, line: 1),
                          notes: ["save it as UTF-8 (most editors offer this under 'Save As' or 'Encoding')"])
        }
        let hasNUL = bytes.withUnsafeBufferPointer { buffer in
            containsNUL(buffer)
        }
        guard hasNUL else { return nil }
        return .error("binary file, not a deck", at: SourceLocation(file: file, line: 1),
                      notes: ["deck files are UTF-8 text: plain (.txt), Markdown (.md) or delimited (.tsv, .csv)"])
    }

    /// Eight bytes at a time: a word has a zero byte when `(w - 0x01…01) & ~w & 0x80…80` is set.
    private static func containsNUL(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let words = buffer.count / 8
        for i in 0..<words {
            let w = raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            if (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080 != 0 { return true }
        }
        for i in (words * 8)..<buffer.count where buffer[i] == 0 { return true }
        return false
    }

    private static func invalidUTF8(_ bytes: [UInt8], at offset: Int, file: String) -> Diagnostic {
        var line = 1
        var lineStart = 0
        for i in 0..<offset where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        let hex = String(bytes[offset], radix: 16, uppercase: true)
        let byte = hex.count == 1 ? "0x0" + hex : "0x" + hex
        return .error("invalid UTF-8 (byte \(byte))", at: SourceLocation(file: file, line: line),
                      column: offset - lineStart + 1,
                      notes: ["save the file as UTF-8; it may be in Latin-1 or Windows-1252"])
    }
}

/// A small UTF-8 validator that reports where the first bad byte is.
enum UTF8Check {
    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence,
    /// and whether the bytes before it are all ASCII.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> (offset: Int?, isASCII: Bool) {
        var isASCII = true
        let offset: Int? = bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            let raw = UnsafeRawPointer(b.baseAddress)
            while i < n {
                // Skip ASCII eight bytes at a time.
                if let raw, i + 8 <= n,
                   raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                isASCII = false
                let length: Int
                var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; upper = 0x9F
                case 0xF0: length = 4; lower = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; upper = 0x8F
                default: return i
                }
                guard i + length <= n else { return i }
                if b[i + 1] < lower || b[i + 1] > upper { return i }
                for k in 2..<length where b[i + k] & 0xC0 != 0x80 { return i }
                i += length
            }
            return nil
        }
        return (offset, isASCII)
    }
}
