/// Splits delimited text into records, byte by byte, following RFC 4180: a field that starts
/// with `"` runs to the next lone `"` and may hold separators and newlines; `""` inside it is
/// one `"`. Records end at `\n` or `\r\n` outside quotes.
struct DelimitedRecordReader {
    /// One field: a byte range of the file, or the text of a quoted field (quotes undone).
    enum Field {
        case bytes(Range<Int>)
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
    /// The fields of the record ``next()`` returned last (the array is reused).
    private(set) var fields: [Field] = []

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
        fields.removeAll(keepingCapacity: true)
        while true {
            if position < bytes.count && bytes[position] == 0x22 {
                fields.append(.text(readQuoted(&record)))
            } else {
                fields.append(.bytes(readPlain()))
            }
            guard position < bytes.count else { return record }
            if bytes[position] == separator {
                position += 1
                if position == bytes.count { fields.append(.bytes(position..<position)); return record }
                continue
            }
            // A newline ends the record.
            position += 1
            line += 1
            return record
        }
    }

    /// An unquoted field: up to the separator or the end of the line (`\r` before `\n` dropped).
    private mutating func readPlain() -> Range<Int> {
        let start = position
        position = ByteText.firstIndex(of: separator, or: 0x0A, in: bytes, position..<bytes.count) ?? bytes.count
        var end = position
        if end > start, bytes[end - 1] == 0x0D, position == bytes.count || bytes[position] == 0x0A { end -= 1 }
        return start..<end
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
        let rest = readPlain()
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rest]))
        return String(decoding: out, as: UTF8.self)
    }
}
