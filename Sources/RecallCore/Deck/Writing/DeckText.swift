/// A deck file's bytes seen as lines, for inserting new lines without touching the others:
/// the byte-order mark, the line ending the file uses and whether it ends in one are kept.
struct DeckText {
    let bytes: [UInt8]
    /// 3 when the file starts with a UTF-8 byte-order mark, else 0.
    let bomLength: Int
    /// Lines as byte ranges of ``bytes`` (after the mark), without their line endings.
    let lines: [Range<Int>]
    /// `\r\n` when the file's first line ends so, else `\n`.
    let lineEnding: String
    /// Whether the last line ends in a line break (true for an empty file).
    let endsWithNewline: Bool

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        bomLength = bom
        let body = Array(bytes[bom...])
        lines = DeckSource.splitLines(body).map { ($0.lowerBound + bom)..<($0.upperBound + bom) }
        if let newline = body.firstIndex(of: 0x0A), newline > 0, body[newline - 1] == 0x0D {
            lineEnding = "\r\n"
        } else {
            lineEnding = "\n"
        }
        endsWithNewline = body.last.map { $0 == 0x0A } ?? true
    }

    /// The text of 0-based line `index`.
    func line(_ index: Int) -> String {
        String(decoding: bytes[lines[index]], as: UTF8.self)
    }

    /// Whether 0-based line `index` holds only spaces and tabs.
    func isBlank(_ index: Int) -> Bool {
        bytes[lines[index]].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// The last line at or before `index` that is not blank, or -1.
    func lastNonBlank(atOrBefore index: Int) -> Int {
        var i = index
        while i >= 0, isBlank(i) { i -= 1 }
        return i
    }

    /// The bytes with `newLines` inserted after 0-based line `after` (-1: before the first),
    /// in the file's line ending, and the 1-based number of the first inserted line. After a
    /// last line without a line break, the new lines go after a break and end without one.
    func inserting(_ newLines: [String], after: Int) -> (bytes: [UInt8], firstLine: Int) {
        let joined = Array(newLines.joined(separator: lineEnding).utf8)
        let ending = Array(lineEnding.utf8)
        var out = bytes
        if after >= 0, after == lines.count - 1, !endsWithNewline {
            out.append(contentsOf: ending + joined)
        } else {
            let at = after < 0 ? bomLength : lineEnd(after)
            out.insert(contentsOf: joined + ending, at: at)
        }
        return (out, after + 2)
    }

    /// The offset just past line `index`'s line break.
    private func lineEnd(_ index: Int) -> Int {
        var end = lines[index].upperBound
        if end < bytes.count, bytes[end] == 0x0D { end += 1 }
        if end < bytes.count, bytes[end] == 0x0A { end += 1 }
        return end
    }
}
