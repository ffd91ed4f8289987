extension CardWriter {
    /// A `.tsv`/`.csv` deck: one row at the end, with as many columns as the file's rows (or
    /// its `#columns:` header), tags in its tags column, fields quoted as RFC 4180 says and,
    /// under `#html:true`, escaped as HTML.
    static func addDelimited(_ note: DeckNote, _ context: Context,
                             defaultSeparator: UInt8?) throws(CardWriteError) -> CardAddition {
        var note = note
        guard let source = DeckSource.decode(context.text.bytes, file: context.file, splittingLines: false).source else {
            throw unreadable("this file")
        }
        let headers = DelimitedHeaders.read(source)
        let separator = headers.separator
            ?? DelimitedHeaders.guessSeparator(source, lineAt: headers.firstDataOffset, fallback: defaultSeparator)
        // A '#deck:' header names the deck of every row the file's own name would give.
        if note.deck == context.fileDeck, headers.deckColumn == nil, let deck = headers.deck { note.deck = deck }
        let columns = headers.columns?.count ?? firstRowWidth(source, headers: headers, separator: separator) ?? 2
        let question: String, answer: String
        switch note.content {
        case let .basic(q, a): (question, answer) = (q, a)
        case .cloze(let text): (question, answer) = (text.raw, "")
        case .twoWay:
            throw .cannotWrite("a .tsv or .csv deck cannot hold two-way cards",
                               hint: "leave out --reversed, or add the card to a Markdown (.md) deck")
        }
        let extraTags = note.tags.filter { !headers.tags.contains($0) }
        guard extraTags.isEmpty || headers.tagsColumn != nil else {
            throw .cannotWrite("'\(context.file)' has no tags column",
                               hint: "leave out --tags, or name a column 'Tags' in a '#columns:' header")
        }
        var fields: [String] = []
        var contentColumn = 0
        for column in 1...max(columns, 1) {
            if column == headers.tagsColumn {
                fields.append(extraTags.joined(separator: " "))
            } else if column == headers.deckColumn {
                fields.append(note.deck == (headers.deck ?? context.fileDeck) ? "" : note.deck)
            } else if headers.ignoredColumns.contains(column) {
                fields.append("")
            } else {
                contentColumn += 1
                fields.append(contentColumn == 1 ? question : contentColumn == 2 ? answer : "")
            }
        }
        guard contentColumn >= 2 || (contentColumn == 1 && answer.isEmpty) else {
            throw .cannotWrite("'\(context.file)' has no column for the answer",
                               hint: "add the card to a deck whose rows have a question and an answer column")
        }
        let text = context.text
        let row = fields.enumerated().map { index, field in
            quoted(headers.html ? escapedHTML(field) : field, separator: separator, first: index == 0,
                   lineEnding: text.lineEnding)
        }
        let line = String(decoding: row.joined(separator: String(UnicodeScalar(separator))).utf8, as: UTF8.self)
        let lines = line.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.utf8.last == 0x0D ? $0.dropLast() : $0) }
        guard let addition = context.attempt(lines, after: text.lines.count - 1, note: note),
              addition.note.tags == merged(headers.tags, note.tags) else {
            throw unreadable(DeckName.fileExtension(context.file) == "csv" ? "a .csv deck" : "a .tsv deck")
        }
        return addition
    }

    /// The number of fields of the first row after the headers, if there is one.
    private static func firstRowWidth(_ source: DeckSource, headers: DelimitedHeaders, separator: UInt8) -> Int? {
        source.bytes.withUnsafeBufferPointer { bytes in
            var reader = DelimitedRecordReader(bytes: bytes, separator: separator, offset: headers.firstDataOffset,
                                               line: headers.firstDataLine + 1)
            while reader.next() != nil {
                if reader.fieldCount == 1, case let .bytes(range, _) = reader.fields[0], ByteText.trim(bytes, range).isEmpty {
                    continue  // a blank line
                }
                return reader.fieldCount
            }
            return nil
        }
    }

    /// `field` in double quotes (inner quotes doubled, line breaks as the file writes them)
    /// when it holds the separator, a quote or a line break, or starts with `#` in the first
    /// column (where it would read as a header); else as it is.
    static func quoted(_ field: String, separator: UInt8, first: Bool, lineEnding: String) -> String {
        let needs = field.utf8.contains { $0 == separator || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || (first && field.hasPrefix("#"))
        guard needs else { return field }
        var out = "\""
        for ch in field {
            switch ch {
            case "\"": out += "\"\""
            case "\n": out += lineEnding
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    /// Text as an HTML field: `&`, `<` and `>` escaped, line breaks as `<br>`.
    static func escapedHTML(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n": out += "<br>"
            default: out.append(ch)
            }
        }
        return out
    }
}
