/// Reads delimited text (`.tsv`, `.csv`) as Anki exports and imports it: header lines, then
/// one note per record. The first content column is the question, the second the answer and
/// any further content columns are added to the answer on their own lines.
enum DelimitedDeckParser {
    static func parse(_ source: DeckSource, deck: String, defaultSeparator: UInt8?) -> ParsedDeck {
        let headers = DelimitedHeaders.read(source)
        var context = Context(source: source, headers: headers, fileDeck: deck)
        context.diagnostics = headers.diagnostics
        let separator = headers.separator
            ?? DelimitedHeaders.guessSeparator(source, line: headers.firstDataLine, fallback: defaultSeparator)
        context.separator = separator
        let offset = headers.firstDataLine < source.lines.count
            ? source.lines[headers.firstDataLine].lowerBound : source.bytes.count
        source.bytes.withUnsafeBufferPointer { bytes in
            var reader = DelimitedRecordReader(bytes: bytes, separator: separator, offset: offset,
                                               line: headers.firstDataLine + 1)
            while let record = reader.next() { context.read(record) }
        }
        var decks = [deck]
        for note in context.notes where note.deck != decks.last && !decks.contains(note.deck) {
            decks.append(note.deck)
        }
        return ParsedDeck(notes: context.notes, file: source.file, diagnostics: context.diagnostics,
                          decks: decks)
    }

    private struct Context {
        let source: DeckSource
        let headers: DelimitedHeaders
        let fileDeck: String
        var separator: UInt8 = 0x09
        var notes: [DeckNote] = []
        var diagnostics: [Diagnostic] = []
        var expectedColumns: Int?

        init(source: DeckSource, headers: DelimitedHeaders, fileDeck: String) {
            self.source = source
            self.headers = headers
            self.fileDeck = fileDeck
            self.expectedColumns = headers.columns?.count
        }

        mutating func read(_ record: DelimitedRecordReader.Record) {
            let location = source.location(line: record.line)
            if let quoteLine = record.unclosedQuoteLine {
                diagnostics.append(.error("unclosed quote", at: source.location(line: quoteLine), notes: [
                    "end the quoted field with '\"'; write a quote inside a quoted field as '\"\"'",
                ]))
                return
            }
            if record.fields.count == 1, CardText.isBlank(record.fields[0]) { return }
            let expected = expectedColumns ?? record.fields.count
            expectedColumns = expected
            guard record.fields.count == expected else {
                diagnostics.append(.error("expected \(expected) columns, found \(record.fields.count)", at: location,
                                          notes: [columnHint]))
                return
            }
            var content: [String] = []
            var tags = headers.tags
            var deck = headers.deck ?? fileDeck
            for (i, field) in record.fields.enumerated() {
                let column = i + 1
                if column == headers.tagsColumn {
                    for tag in MarkdownSyntax.tagList(field) where !tags.contains(tag) { tags.append(tag) }
                } else if column == headers.deckColumn {
                    let name = CardText.trim(field)
                    if !name.isEmpty { deck = name }
                } else if !headers.ignoredColumns.contains(column) {
                    content.append(headers.html ? HTMLText.render(field) : CardText.normalize(field))
                }
            }
            addNote(content, tags: tags, deck: deck, location: location)
        }

        private var columnHint: String {
            "fields are separated by \(DelimitedHeaders.name(of: separator)); put a field that holds the "
                + "separator or a newline in double quotes, or set another with a '#separator:' header"
        }

        private mutating func addNote(_ content: [String], tags: [String], deck: String, location: SourceLocation) {
            let question = content.first ?? ""
            if ClozeText.looksLikeCloze(question) {
                let (cloze, problems) = ClozeText.parse(question)
                for problem in problems {
                    diagnostics.append(.error(problem.message, at: location, notes: [problem.note]))
                }
                if let cloze {
                    notes.append(DeckNote(content: .cloze(cloze), deck: deck, tags: tags, line: location.line))
                }
                return
            }
            guard content.count >= 2 else {
                diagnostics.append(.error("a row needs a question and an answer, found one column", at: location,
                                          notes: [columnHint]))
                return
            }
            let answer = content.dropFirst().filter { !$0.isEmpty }.joined(separator: "\n")
            if question.isEmpty {
                diagnostics.append(.error("empty question", at: location,
                                          notes: ["write the question in the first column"]))
            } else if answer.isEmpty {
                diagnostics.append(.error("empty answer", at: location,
                                          notes: ["write the answer to '\(Quote.short(question))' in the second column"]))
            } else {
                notes.append(DeckNote(content: .basic(question: question, answer: answer), deck: deck,
                                      tags: tags, line: location.line))
            }
        }
    }
}
