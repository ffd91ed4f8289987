extension MarkdownReader {
    /// A line outside a `Q:`/`A:` body: a cloze note, a `:::` or `::` card, or prose.
    mutating func readOneLiner(_ line: MarkdownLine, number: Int) {
        guard line.bytesAreCharacters else {
            return readOneLiner(ByteText.string(bytes, line.range), number: number)
        }
        let (start, dropped) = dropListMarker(line.range)
        let text = ByteText.trimRight(bytes, start..<line.range.upperBound)
        if looksLikeCloze(text) {
            return readCloze(ByteText.string(bytes, text), dropped: dropped, number: number)
        }
        let found = Self.findSeparator(UnsafeBufferPointer(rebasing: bytes[text]))
        guard let separator = found else { return }
        let cut = text.lowerBound + separator.start
        let question = ByteText.string(bytes, ByteText.trim(bytes, text.lowerBound..<cut))
        let answer = ByteText.string(bytes, ByteText.trim(bytes, (cut + separator.length)..<text.upperBound))
        if !Self.isSpaced(UnsafeBufferPointer(rebasing: bytes[text]), separator),
           Self.readsLikeProse(question: question[...], answer: answer[...]) {
            let column = ByteText.string(bytes, line.range.lowerBound..<cut).count + 1
            warnProse(separatorLength: separator.length, column: column, number: number)
        }
        addCard(question: question, answer: answer, twoWay: separator.length == 3, line: number)
    }

    /// The `String` path of ``readOneLiner(_:number:)``, for lines where bytes and
    /// `Character`s may not agree.
    mutating func readOneLiner(_ text: String, number: Int) {
        let (body, dropped) = MarkdownSyntax.dropListMarker(text)
        let line = String(CardText.trimRight(body))
        if ClozeText.looksLikeCloze(line) {
            return readCloze(line, dropped: dropped, number: number)
        }
        guard let split = Self.splitOneLiner(line) else { return }
        if !split.spaced, Self.readsLikeProse(question: split.question, answer: split.answer) {
            warnProse(separatorLength: split.twoWay ? 3 : 2,
                      column: dropped + line[..<split.question.endIndex].count + 1, number: number)
        }
        addCard(question: CardText.trim(split.question), answer: CardText.trim(split.answer),
                twoWay: split.twoWay, line: number)
    }

    private mutating func readCloze(_ line: String, dropped: Int, number: Int) {
        let (cloze, problems) = ClozeText.parse(line)
        for problem in problems {
            report(.error(problem.message, at: source.location(line: number),
                          column: dropped + problem.column, notes: [problem.note]))
        }
        if let cloze { addNote(.cloze(cloze), line: number) }
    }

    /// ``MarkdownSyntax/dropListMarker(_:)`` on bytes: where the text after a list marker
    /// (or the indent) starts, and how many characters come before it.
    private func dropListMarker(_ range: Range<Int>) -> (start: Int, dropped: Int) {
        let end = range.upperBound
        if let c = range.isEmpty ? nil : bytes[range.lowerBound],
           c != 0x20, c != 0x09, c != 0x2D, c != 0x2A, c != 0x2B, !(0x30...0x39).contains(c) {
            return (range.lowerBound, 0)
        }
        let rest = ByteText.trimLeft(bytes, range).lowerBound
        var marker = 0
        if rest < end, bytes[rest] == 0x2D || bytes[rest] == 0x2A || bytes[rest] == 0x2B {
            marker = 1
        } else {
            var digitsEnd = rest
            while digitsEnd < end, (0x30...0x39).contains(bytes[digitsEnd]) { digitsEnd += 1 }
            let digits = digitsEnd - rest
            if digits > 0, digits < 10, digitsEnd < end, bytes[digitsEnd] == 0x2E { marker = digits + 1 }
        }
        let afterMarker = rest + marker
        guard marker > 0, afterMarker < end, bytes[afterMarker] == 0x20 || bytes[afterMarker] == 0x09 else {
            return (rest, rest - range.lowerBound)
        }
        let body = ByteText.trimLeft(bytes, afterMarker..<end).lowerBound
        return (body, body - range.lowerBound)
    }

    /// ``ClozeText/looksLikeCloze(_:)`` on bytes: `{{c`, a number (that fits an `Int`), then `::`.
    private func looksLikeCloze(_ range: Range<Int>) -> Bool {
        guard var i = ByteText.firstIndex(of: 0x7B, in: bytes, range) else { return false }
        let end = range.upperBound
        while i + 3 <= end {
            if bytes[i] == 0x7B, bytes[i + 1] == 0x7B, bytes[i + 2] == 0x63 {
                var d = i + 3
                while d < end, (0x30...0x39).contains(bytes[d]) { d += 1 }
                if d > i + 3, d + 2 <= end, bytes[d] == 0x3A, bytes[d + 1] == 0x3A,
                   d - (i + 3) <= 18 || Int(ByteText.string(bytes, (i + 3)..<d)) != nil {
                    return true
                }
                i += 3
            } else {
                i += 1
            }
        }
        return false
    }

    /// Splits `question :: answer` or `question ::: answer`. A `::` or `:::` with spaces
    /// (or the line's end) on both sides wins over one written without spaces.
    static func splitOneLiner(_ line: String)
        -> (question: Substring, answer: Substring, twoWay: Bool, spaced: Bool)? {
        let found: ((start: Int, length: Int), Bool)?? = line.utf8.withContiguousStorageIfAvailable { utf8 in
            findSeparator(utf8).map { ($0, isSpaced(utf8, $0)) }
        }
        let result = found ?? Array(line.utf8).withUnsafeBufferPointer { utf8 in
            findSeparator(utf8).map { ($0, isSpaced(utf8, $0)) }
        }
        return result.map { separator, spaced in
            let split = cut(line, at: separator.start, length: separator.length)
            return (split.question, split.answer, split.twoWay, spaced)
        }
    }

    /// `true` when the separator has a space, a tab or the line's end on both sides.
    static func isSpaced(_ utf8: UnsafeBufferPointer<UInt8>, _ separator: (start: Int, length: Int)) -> Bool {
        let end = separator.start + separator.length
        let before = separator.start == 0 || utf8[separator.start - 1] == 0x20 || utf8[separator.start - 1] == 0x09
        let after = end == utf8.count || utf8[end] == 0x20 || utf8[end] == 0x09
        return before && after
    }

    /// Warns about an unspaced separator in a line that reads like prose (see
    /// ``readsLikeProse(question:answer:)``): it made a card the writer most likely did not mean.
    private mutating func warnProse(separatorLength: Int, column: Int, number: Int) {
        let separator = String(repeating: ":", count: separatorLength)
        report(.warning("'\(separator)' without spaces around it makes this prose line a card",
                        at: source.location(line: number), column: column, notes: [
                            "write 'question \(separator) answer' with spaces if it is a card, "
                                + "or put the name in backticks ('`a\(separator)b`') if it is not",
                        ]))
    }

    /// Where the card separator is: the first spaced `::`/`:::`, else the first unspaced one.
    /// Colons inside a backtick code span (`` `std::vector` ``) are text, never a separator.
    static func findSeparator(_ utf8: UnsafeBufferPointer<UInt8>) -> (start: Int, length: Int)? {
        var loose: (start: Int, length: Int)?
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            if byte == 0x60 {
                i = endOfCodeSpan(utf8, from: i)
                continue
            }
            guard byte == 0x3A else { i += 1; continue }
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

    /// Where reading resumes after the backtick run at `start`: after the run that closes its
    /// code span (a run of the same length, as in CommonMark), or just after the run itself
    /// when nothing closes it (its backticks are then literal text).
    private static func endOfCodeSpan(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var openEnd = start
        while openEnd < utf8.count, utf8[openEnd] == 0x60 { openEnd += 1 }
        let width = openEnd - start
        var i = openEnd
        while i < utf8.count {
            guard utf8[i] == 0x60 else { i += 1; continue }
            var runEnd = i
            while runEnd < utf8.count, utf8[runEnd] == 0x60 { runEnd += 1 }
            if runEnd - i == width { return runEnd }
            i = runEnd
        }
        return openEnd
    }

    /// `true` when a line whose separator has no spaces around it reads like a sentence
    /// (it ends like one, or runs long), so the separator is more likely a name such as
    /// `std::vector` than a card written as `question::answer`.
    static func readsLikeProse(question: Substring, answer: Substring) -> Bool {
        let words = question.split(whereSeparator: { $0 == " " || $0 == "\t" }).count
            + answer.split(whereSeparator: { $0 == " " || $0 == "\t" }).count
        guard let last = CardText.trimRight(answer).last else { return false }
        return words >= 8 || (words >= 3 && ".,;)".contains(last))
    }

    private static func cut(_ line: String, at start: Int, length: Int)
        -> (question: Substring, answer: Substring, twoWay: Bool) {
        let utf8 = line.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        let upper = utf8.index(lower, offsetBy: length)
        return (line[..<lower], line[upper...], length == 3)
    }
}
