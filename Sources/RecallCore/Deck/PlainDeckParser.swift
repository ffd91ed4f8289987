/// Reads the plain format (`.txt`): blocks separated by lines holding only `-` (spaces
/// around it allowed). A block's first non-empty line is the question and the rest is the
/// answer. Works on bytes; strings are made only for the card texts.
enum PlainDeckParser {
    static func parse(_ source: DeckSource, deck: String, into builder: ParsedDeckBuilder) -> ParsedDeck {
        var builder = builder
        builder.reserveCapacity(source.lines.count / 3)
        source.bytes.withUnsafeBufferPointer { bytes in
            var blockStart = 0
            for (index, range) in source.lines.enumerated() where isSeparator(bytes, range) {
                readBlock(source, bytes, lines: blockStart..<index, deck: deck, into: &builder)
                blockStart = index + 1
            }
            readBlock(source, bytes, lines: blockStart..<source.lines.count, deck: deck, into: &builder)
        }
        return builder.finish(decks: [deck])
    }

    /// `true` for a line holding only `-` with optional spaces or tabs around it.
    static func isSeparator(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let trimmed = ByteText.trim(bytes, range)
        return trimmed.count == 1 && bytes[trimmed.lowerBound] == 0x2D
    }

    private static func readBlock(_ source: DeckSource, _ bytes: UnsafeBufferPointer<UInt8>,
                                  lines: Range<Int>, deck: String, into builder: inout ParsedDeckBuilder) {
        var index = lines.lowerBound
        while index < lines.upperBound, ByteText.trim(bytes, source.lines[index]).isEmpty { index += 1 }
        guard index < lines.upperBound else { return }  // an empty block is ignored
        let questionLine = index + 1
        let question = ByteText.string(bytes, ByteText.trim(bytes, source.lines[index]))
        let answer = ByteText.joinLines(bytes, source.lines[(index + 1)..<lines.upperBound])
        guard !answer.isEmpty else {
            builder.diagnostics.append(.error("empty answer", at: source.location(line: questionLine), notes: [
                "the lines after the question '\(Quote.short(question))' are its answer; "
                    + "separate cards with a line holding only '-'",
            ]))
            return
        }
        if let warning = ClozeText.literalMarkupWarning(question: question, at: source.location(line: questionLine)) {
            builder.diagnostics.append(warning)
        }
        builder.add(DeckNote(content: .basic(question: question, answer: answer), deck: deck,
                             tags: [], line: questionLine))
    }
}
