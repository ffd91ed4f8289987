/// Splits delimited text into records, byte by byte, following RFC 4180: a field that starts
/// with `"` runs to the next lone `"` and may hold separators and newlines; `""` inside it is
/// one `"`. Records end at `\n` or `\r\n` outside quotes.
struct DelimitedRecordReader {
    /// One field: a byte range of the file (and whether it holds a `\r`; it cannot hold a
    /// `\n`), or the text of a quoted field (quotes undone).
    enum Field {
        case bytes(Range<Int>, hasCR: Bool)
        case text(String)
    }

    struct Record {
        /// 1-based line where the record starts.
        var line: Int
        /// The 1-based line of a quote that was never closed, if any.
        var unclosedQuoteLine: Int?
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let separator: UInt8
    private(set) var position: Int
    private(set) var line: Int
    /// The fields of the record ``next()`` returned last: the first ``fieldCount`` entries
    /// (the array is reused from record to record).
    private(set) var fields: [Field] = []
    private(set) var fieldCount = 0

    /// Starts reading at byte `offset`, which is on 1-based line `line`.
    init(bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, offset: Int, line: Int) {
        self.bytes = bytes
        self.separator = separator
        self.position = offset
        self.line = line
    }

    /// The next record, its fields in ``fields``; `nil` at the end.
    mutating func next() -> Record? {
        guard position < bytes.count else { return nil }
        var record = Record(line: line)
        fieldCount = 0
        while true {
            if position < bytes.count && bytes[position] == 0x22 {
                add(.text(readQuoted(&record)))
            } else {
                let (range, hasCR) = readPlain()
                add(.bytes(range, hasCR: hasCR))
            }
            guard position < bytes.count else { return record }
            if bytes[position] == separator {
                position += 1
                if position == bytes.count { add(.bytes(position..<position, hasCR: false)); return record }
                continue
            }
            // A newline ends the record.
            position += 1
            line += 1
            return record
        }
    }

    private mutating func add(_ field: Field) {
        if fieldCount < fields.count { fields[fieldCount] = field } else { fields.append(field) }
        fieldCount += 1
    }

    /// An unquoted field: up to the separator or the end of the line (`\r` before `\n` dropped),
    /// and whether a `\r` is left in it.
    private mutating func readPlain() -> (range: Range<Int>, hasCR: Bool) {
        let start = position
        var returns = 0
        while true {
            guard let i = nextBreak(from: position) else {
                position = bytes.count
                break
            }
            position = i
            guard bytes[i] == 0x0D, separator != 0x0D else { break }
            returns += 1
            position += 1
        }
        var end = position
        if end > start, bytes[end - 1] == 0x0D, position == bytes.count || bytes[position] == 0x0A {
            end -= 1
            returns -= 1
        }
        return (start..<end, returns > 0)
    }

    /// The offset of the next separator, `\n` or `\r` from `start`, eight bytes at a time.
    private func nextBreak(from start: Int) -> Int? {
        guard separator < 0x0E, let base = bytes.baseAddress else {
            return ByteText.firstIndex(of: separator, or: 0x0A, or: 0x0D, in: bytes, start..<bytes.count)
        }
        // A Tab (or other control) separator: bytes below 0x0E are rare, so find those first.
        var i = start
        while i + 8 <= bytes.count {
            var candidates = ByteText.below(ByteText.word(base, i), 0x0E)
            while candidates != 0 {
                let k = i + candidates.trailingZeroBitCount / 8
                if base[k] == separator || base[k] == 0x0A || base[k] == 0x0D { return k }
                candidates &= candidates &- 1
            }
            i += 8
        }
        return ByteText.firstIndex(of: separator, or: 0x0A, or: 0x0D, in: bytes, i..<bytes.count)
    }

    /// A quoted field; text after the closing quote up to the separator is kept as written.
    private mutating func readQuoted(_ record: inout Record) -> String {
        let quoteLine = line
        position += 1
        var out: [UInt8] = []
        var segment = position
        while true {
            guard position < bytes.count else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<position]))
                record.unclosedQuoteLine = quoteLine
                return String(decoding: out, as: UTF8.self)
            }
            let byte = bytes[position]
            if byte == 0x0A { line += 1 }
            if byte != 0x22 { position += 1; continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<position]))
            if position + 1 < bytes.count, bytes[position + 1] == 0x22 {
                out.append(0x22)
                position += 2
                segment = position
                continue
            }
            position += 1
            break
        }
        let rest = readPlain().range
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rest]))
        return String(decoding: out, as: UTF8.self)
    }
}
