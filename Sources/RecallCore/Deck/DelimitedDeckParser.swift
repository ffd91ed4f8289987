/// Reads delimited text (`.tsv`, `.csv`) as Anki exports and imports it: header lines, then
/// one note per record. The first content column is the question, the second the answer and
/// any further content columns are added to the answer on their own lines.
enum DelimitedDeckParser {
    static func parse(_ source: DeckSource, deck: String, defaultSeparator: UInt8?,
                      into builder: ParsedDeckBuilder) -> ParsedDeck {
        let headers = DelimitedHeaders.read(source)
        let separator = headers.separator
            ?? DelimitedHeaders.guessSeparator(source, lineAt: headers.firstDataOffset, fallback: defaultSeparator)
        let offset = headers.firstDataOffset
        return source.bytes.withUnsafeBufferPointer { bytes in
            var context = Context(source: source, bytes: bytes, headers: headers, fileDeck: deck, builder: builder)
            context.separator = separator
            context.builder.diagnostics = headers.diagnostics
            var reader = DelimitedRecordReader(bytes: bytes, separator: separator, offset: offset,
                                               line: headers.firstDataLine + 1)
            while let record = reader.next() { context.read(record, reader.fields[..<reader.fieldCount]) }
            return context.builder.finish(decks: context.decks)
        }
    }

    private struct Context {
        let source: DeckSource
        let bytes: UnsafeBufferPointer<UInt8>
        let headers: DelimitedHeaders
        let fileDeck: String
        var separator: UInt8 = 0x09
        var builder: ParsedDeckBuilder
        /// The file's deck, then every other deck a note names, in order.
        private(set) var decks: [String]
        var expectedColumns: Int?
        /// What each 1-based column holds (index 0 unused).
        private var roles: [ColumnRole] = []
        /// The content fields of the current record after the second (reused).
        private var content: [String] = []
        /// The last deck and tags columns read and what they gave, so that rows with the same
        /// deck or tags share one string or array.
        private var lastDeck: (field: [UInt8], name: String)?
        private var lastTags: (field: [UInt8], tags: [String])?

        private enum ColumnRole { case content, tags, deck, ignored }

        init(source: DeckSource, bytes: UnsafeBufferPointer<UInt8>, headers: DelimitedHeaders, fileDeck: String,
             builder: ParsedDeckBuilder) {
            self.source = source
            self.bytes = bytes
            self.headers = headers
            self.fileDeck = fileDeck
            self.expectedColumns = headers.columns?.count
            self.builder = builder
            self.builder.reserveCapacity(source.bytes.count / 48)
            self.decks = [fileDeck]
        }

        mutating func read(_ record: DelimitedRecordReader.Record, _ fields: ArraySlice<DelimitedRecordReader.Field>) {
            let location = source.location(line: record.line)
            if let quoteLine = record.unclosedQuoteLine {
                builder.diagnostics.append(.error("unclosed quote", at: source.location(line: quoteLine), notes: [
                    "end the quoted field with '\"'; write a quote inside a quoted field as '\"\"'",
                ]))
                return
            }
            if fields.count == 1, withBytes(fields[fields.startIndex], { ByteText.trim($0, $1).isEmpty }) {
                return
            }
            let expected = expectedColumns ?? fields.count
            expectedColumns = expected
            guard fields.count == expected else {
                builder.diagnostics.append(.error("expected \(expected) columns, found \(fields.count)", at: location,
                                                  notes: [columnHint]))
                return
            }
            if roles.count <= fields.count { makeRoles(upTo: fields.count) }
            var tags = headers.tags
            var deck = headers.deck ?? fileDeck
            // The content columns: the first two apart, the others (rare) in `content`.
            var question: String?
            var second: String?
            var contentCount = 0
            var mayBeCloze = headers.html
            for (i, field) in zip(1..., fields) {
                switch roles[i] {
                case .tags: tags = tagsColumn(field)
                case .deck: if let name = deckColumn(field) { deck = name }
                case .ignored: break
                case .content:
                    let value = headers.html ? HTMLText.render(text(field)) : normalize(field)
                    switch contentCount {
                    case 0:
                        question = value
                        if !mayBeCloze { mayBeCloze = withBytes(field) { ByteText.firstIndex(of: 0x7B, in: $0, $1) != nil } }
                    case 1:
                        second = value
                    default:
                        if contentCount == 2 { content.removeAll(keepingCapacity: true) }
                        content.append(value)
                    }
                    contentCount += 1
                }
            }
            let answer: String?
            switch contentCount {
            case 0, 1: answer = nil
            case 2: answer = second
            default: answer = ([second ?? ""] + content).filter { !$0.isEmpty }.joined(separator: "\n")
            }
            addNote(question: question ?? "", mayBeCloze: mayBeCloze, answer: answer, tags: tags, deck: deck,
                    location: location)
        }

        private mutating func makeRoles(upTo count: Int) {
            roles = (0...count).map { column in
                if column == headers.tagsColumn { return .tags }
                if column == headers.deckColumn { return .deck }
                return headers.ignoredColumns.contains(column) ? .ignored : .content
            }
        }

        private func withBytes<R>(_ field: DelimitedRecordReader.Field,
                                  _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> R) -> R {
            switch field {
            case .bytes(let range, _): return body(bytes, range)
            case .text(var text): return text.withUTF8 { body($0, 0..<$0.count) }
            }
        }

        private func text(_ field: DelimitedRecordReader.Field) -> String {
            switch field {
            case .bytes(let range, _): return ByteText.string(bytes, range)
            case .text(let text): return text
            }
        }

        /// ``CardText/normalize(_:)`` of the field, on bytes where that is exact.
        private func normalize(_ field: DelimitedRecordReader.Field) -> String {
            if case let .bytes(range, hasCR) = field, !hasCR, source.isASCII {
                return ByteText.string(bytes, ByteText.trim(bytes, range))
            }
            let isASCII = source.isASCII
            let trimmed: Range<Int>? = withBytes(field) { buffer, range in
                guard ByteText.firstIndex(of: 0x0A, or: 0x0D, in: buffer, range) == nil,
                      isASCII || ByteText.charactersAreBytes(buffer, range) else { return nil }
                return ByteText.trim(buffer, range)
            }
            guard let trimmed else { return CardText.normalize(text(field)) }
            switch field {
            case .bytes: return ByteText.string(bytes, trimmed)
            case .text(let text):
                return trimmed.count == text.utf8.count ? text : withBytes(field) { buffer, _ in ByteText.string(buffer, trimmed) }
            }
        }

        /// The header tags plus the tags of a tags column.
        private mutating func tagsColumn(_ field: DelimitedRecordReader.Field) -> [String] {
            if let lastTags, holds(field, lastTags.field) { return lastTags.tags }
            var tags = headers.tags
            for tag in MarkdownSyntax.tagList(text(field)) where !tags.contains(tag) { tags.append(tag) }
            lastTags = (copy(field), tags)
            return tags
        }

        /// The deck named in a deck column, `nil` when it is blank.
        private mutating func deckColumn(_ field: DelimitedRecordReader.Field) -> String? {
            if let lastDeck, holds(field, lastDeck.field) { return lastDeck.name.isEmpty ? nil : lastDeck.name }
            let name = CardText.trim(text(field))
            lastDeck = (copy(field), name)
            return name.isEmpty ? nil : name
        }

        /// `true` when the field's bytes are `bytes`.
        private func holds(_ field: DelimitedRecordReader.Field, _ bytes: [UInt8]) -> Bool {
            withBytes(field) { buffer, range in bytes.elementsEqual(UnsafeBufferPointer(rebasing: buffer[range])) }
        }

        private func copy(_ field: DelimitedRecordReader.Field) -> [UInt8] {
            withBytes(field) { Array(UnsafeBufferPointer(rebasing: $0[$1])) }
        }

        private mutating func add(_ note: consuming DeckNote) {
            if note.deck != decks[decks.count - 1], !decks.contains(note.deck) { decks.append(note.deck) }
            builder.add(note)
        }

        private var columnHint: String {
            "fields are separated by \(DelimitedHeaders.name(of: separator)); put a field that holds the "
                + "separator or a newline in double quotes, or set another with a '#separator:' header"
        }

        /// `answer` is `nil` for a row with fewer than two content columns; `mayBeCloze` is
        /// `false` when the question cannot hold a cloze (no `{`).
        private mutating func addNote(question: String, mayBeCloze: Bool, answer: String?, tags: [String],
                                      deck: String, location: SourceLocation) {
            if mayBeCloze, ClozeText.looksLikeCloze(question) {
                let (cloze, problems) = ClozeText.parse(question)
                for problem in problems {
                    builder.diagnostics.append(.error(problem.message, at: location, notes: [problem.note]))
                }
                if let cloze {
                    add(DeckNote(content: .cloze(cloze), deck: deck, tags: tags, line: location.line))
                }
                return
            }
            guard let answer else {
                builder.diagnostics.append(.error("a row needs a question and an answer, found one column",
                                                  at: location, notes: [columnHint]))
                return
            }
            if question.isEmpty {
                builder.diagnostics.append(.error("empty question", at: location,
                                                  notes: ["write the question in the first column"]))
            } else if answer.isEmpty {
                builder.diagnostics.append(.error("empty answer", at: location, notes: [
                    "write the answer to '\(Quote.short(question))' in the second column",
                ]))
            } else {
                add(DeckNote(content: .basic(question: question, answer: answer), deck: deck, tags: tags,
                             line: location.line))
            }
        }
    }
}
