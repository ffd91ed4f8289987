extension MarkdownReader {
    /// A line outside a `Q:`/`A:` body: a cloze note, a `:::` or `::` card, or prose.
    mutating func readOneLiner(_ text: String, number: Int) {
        let (body, dropped) = MarkdownSyntax.dropListMarker(text)
        let line = String(CardText.trimRight(body))
        if ClozeText.looksLikeCloze(line) {
            let (cloze, problems) = ClozeText.parse(line)
            for problem in problems {
                report(.error(problem.message, at: source.location(line: number),
                              column: dropped + problem.column, notes: [problem.note]))
            }
            if let cloze { addNote(.cloze(cloze), line: number) }
            return
        }
        guard let split = Self.splitOneLiner(line) else { return }
        addCard(question: CardText.trim(split.question), answer: CardText.trim(split.answer),
                twoWay: split.twoWay, line: number)
    }

    /// Splits `question :: answer` or `question ::: answer`. A `::` or `:::` with spaces
    /// (or the line's end) on both sides wins over one written without spaces.
    static func splitOneLiner(_ line: String) -> (question: Substring, answer: Substring, twoWay: Bool)? {
        let found: (start: Int, length: Int)?? = line.utf8.withContiguousStorageIfAvailable { findSeparator($0) }
        let separator = found ?? Array(line.utf8).withUnsafeBufferPointer { findSeparator($0) }
        return separator.map { cut(line, at: $0.start, length: $0.length) }
    }

    /// Where the card separator is: the first spaced `::`/`:::`, else the first unspaced one.
    private static func findSeparator(_ utf8: UnsafeBufferPointer<UInt8>) -> (start: Int, length: Int)? {
        var loose: (start: Int, length: Int)?
        var i = 0
        while i < utf8.count {
            guard utf8[i] == 0x3A else { i += 1; continue }
            var end = i
            while end < utf8.count, utf8[end] == 0x3A { end += 1 }
            let length = end - i
            if length == 2 || length == 3 {
                let spacedBefore = i == 0 || utf8[i - 1] == 0x20 || utf8[i - 1] == 0x09
                let spacedAfter = end == utf8.count || utf8[end] == 0x20 || utf8[end] == 0x09
                if spacedBefore, spacedAfter { return (i, length) }
                if loose == nil { loose = (i, length) }
            }
            i = end
        }
        return loose
    }

    private static func cut(_ line: String, at start: Int, length: Int)
        -> (question: Substring, answer: Substring, twoWay: Bool) {
        let utf8 = line.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        let upper = utf8.index(lower, offsetBy: length)
        return (line[..<lower], line[upper...], length == 3)
    }
}
