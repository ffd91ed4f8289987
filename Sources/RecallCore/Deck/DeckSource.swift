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
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return (nil, .error("the file is UTF-16 text, not UTF-8", at: SourceLocation(file: file, line: 1),
                                notes: ["save it as UTF-8 (most editors offer this under 'Save As' or 'Encoding')"]))
        }
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }  // (a NUL is never in it)
        let scan = body.withUnsafeBufferPointer { DeckScan($0, splittingLines: splittingLines) }
        if scan.hasNUL {
            return (nil, .error("binary file, not a deck", at: SourceLocation(file: file, line: 1), notes: [
                "deck files are UTF-8 text: plain (.txt), Markdown (.md) or delimited (.tsv, .csv)",
            ]))
        }
        if let bad = scan.firstInvalid { return (nil, invalidUTF8(body, at: bad, file: file)) }
        if let long = longLine(body, lines: splittingLines ? scan.lines : nil, file: file) { return (nil, long) }
        if let conflict = mergeConflict(body, file: file) { return (nil, conflict) }
        return (DeckSource(file: file, validBytes: body, lines: scan.lines, isASCII: scan.isASCII,
                           mayHaveControls: scan.mayHaveControls), nil)
    }

    /// Wraps text that is already a Swift string (always valid UTF-8).
    public init(file: String, text: String) {
        var body = Array(text.utf8)
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        let scan = body.withUnsafeBufferPointer { DeckScan($0, splittingLines: true) }
        if scan.hasNUL {
            // A NUL byte ends the ASCII fast path of the scan: split and check the slow way.
            self.init(file: file, validBytes: body, lines: DeckSource.splitLines(body),
                      isASCII: body.withUnsafeBufferPointer { ByteText.isASCII($0, 0..<$0.count) },
                      mayHaveControls: true)
        } else {
            self.init(file: file, validBytes: body, lines: scan.lines, isASCII: scan.isASCII,
                      mayHaveControls: scan.mayHaveControls)
        }
    }

    private init(file: String, validBytes: [UInt8], lines: [Range<Int>], isASCII: Bool, mayHaveControls: Bool) {
        self.file = file
        self.bytes = validBytes
        self.lines = lines
        self.isASCII = isASCII
        self.mayHaveControls = mayHaveControls
    }

    /// Lines longer than this many bytes are refused: no card is that long, and parsing one
    /// would take time and memory out of all proportion.
    public static let maximumLineLength = 1 << 20

    /// Whether there may be control or bidirectional characters to warn about (see
    /// ``TerminalText``).
    let mayHaveControls: Bool

    /// The error for the first line longer than ``maximumLineLength``, if there is one;
    /// `lines` nil to find the line breaks here.
    private static func longLine(_ bytes: [UInt8], lines: [Range<Int>]?, file: String) -> Diagnostic? {
        guard bytes.count > maximumLineLength else { return nil }
        var found: (line: Int, length: Int)?
        if let lines {
            if let i = lines.firstIndex(where: { $0.count > maximumLineLength }) { found = (i + 1, lines[i].count) }
        } else {
            bytes.withUnsafeBufferPointer { buffer in
                var number = 1
                var start = 0
                while start < buffer.count {
                    let end = ByteText.firstNewline(buffer, from: start) ?? buffer.count
                    if end - start > maximumLineLength { found = (number, end - start); return }
                    number += 1
                    start = end + 1
                }
            }
        }
        guard let found else { return nil }
        return .error("line is too long: \(found.length) bytes; deck lines are limited to 1 MiB (\(maximumLineLength) bytes)",
                      at: SourceLocation(file: file, line: found.line),
                      notes: ["no card is this long: split the line, or check that the file is really a deck"])
    }

    /// The error for a file git left with an unresolved merge conflict: a line starting with
    /// `<<<<<<<` and, after it, one starting with `>>>>>>>`. Read as a deck, the marker lines and
    /// both sides would become cards of their own, so the file gives no cards until it is
    /// resolved (its cards keep their progress meanwhile, as any card that leaves and returns).
    static func mergeConflict(_ bytes: [UInt8], file: String) -> Diagnostic? {
        bytes.withUnsafeBufferPointer { buffer -> Diagnostic? in
            /// The first line at or after `from` that starts with seven `byte`s and then a space or its end.
            func marker(_ byte: UInt8, from: Int) -> Int? {
                var i = from
                while let hit = ByteText.firstIndex(of: byte, or: byte, in: buffer, i..<buffer.count) {
                    if hit + 7 <= buffer.count, hit == 0 || buffer[hit - 1] == 0x0A,
                       (hit..<(hit + 7)).allSatisfy({ buffer[$0] == byte }),
                       hit + 7 == buffer.count || [0x20, 0x0A, 0x0D].contains(buffer[hit + 7]) {
                        return hit
                    }
                    i = hit + 1
                }
                return nil
            }
            guard let start = marker(0x3C, from: 0), marker(0x3E, from: start + 7) != nil else { return nil }
            let line = 1 + UnsafeBufferPointer(rebasing: buffer[..<start]).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            return .error("unresolved merge conflict: git's '<<<<<<<' marker", at: SourceLocation(file: file, line: line),
                          notes: ["keep the lines you want and delete the '<<<<<<<', '=======' and '>>>>>>>' lines "
                                  + "(then 'recall sync --continue' if a sync stopped here); until then this file's "
                                  + "cards are left out, their progress kept"])
        }
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
