/// Anki's text-import header lines (`#key:value`) at the top of a `.tsv` or `.csv` file.
struct DelimitedHeaders {
    var separator: UInt8?
    var html = false
    var tags: [String] = []
    /// Column names from `#columns:`, split by the separator.
    var columns: [String]?
    var deck: String?
    /// 1-based column numbers.
    var tagsColumn: Int?
    var deckColumn: Int?
    var ignoredColumns: Set<Int> = []
    var notetype: String?
    /// Index of the first line after the headers.
    var firstDataLine = 0
    /// The byte offset where that line starts (the file's size when there is none).
    var firstDataOffset = 0
    var diagnostics: [Diagnostic] = []

    static let knownKeys = [
        "separator", "html", "tags", "columns", "deck", "notetype", "tags column", "deck column",
        "notetype column", "guid column", "if matches",
    ]

    private static let separatorNames: [String: UInt8] = [
        "tab": 0x09, "comma": 0x2C, "semicolon": 0x3B, "pipe": 0x7C, "colon": 0x3A, "space": 0x20,
    ]

    /// Reads the `#` lines at the top of `source`.
    static func read(_ source: DeckSource) -> DelimitedHeaders {
        var headers = DelimitedHeaders()
        var rawColumns: String?
        var index = 0
        var offset = 0
        while let found = source.bytes.withUnsafeBufferPointer({ ByteText.line($0, from: offset) }) {
            let text = source.string(found.line)
            guard text.hasPrefix("#") else { break }
            if let colon = text.firstIndex(of: ":") {
                let key = CardText.trim(text[text.index(after: text.startIndex)..<colon]).lowercased()
                let value = String(text[text.index(after: colon)...])
                if key == "columns" { rawColumns = value } else {
                    headers.apply(key: key, value: value, line: index + 1, source: source)
                }
            }
            index += 1
            offset = found.next
        }
        headers.firstDataLine = index
        headers.firstDataOffset = min(offset, source.bytes.count)
        if let rawColumns { headers.setColumns(rawColumns) }
        return headers
    }

    private mutating func apply(key: String, value: String, line: Int, source: DeckSource) {
        let trimmed = CardText.trim(value)
        let location = source.location(line: line)
        switch key {
        case "separator":
            let literal = trimmed.isEmpty ? value : trimmed
            if let byte = Self.separatorNames[literal.lowercased()] {
                separator = byte
            } else if literal.utf8.count == 1, let byte = literal.utf8.first {
                separator = byte
            } else if literal == "\\t" {
                separator = 0x09
            } else {
                diagnostics.append(.error("unknown separator '\(value)'", at: location, notes: [
                    "use Tab, Comma, Semicolon, Pipe, Colon, Space or a single character",
                ]))
            }
        case "html":
            switch trimmed.lowercased() {
            case "true", "yes", "1": html = true
            case "false", "no", "0": html = false
            default:
                diagnostics.append(.error("'#html:' must be true or false, not '\(trimmed)'", at: location))
            }
        case "tags": tags = MarkdownSyntax.tagList(trimmed)
        case "deck": deck = trimmed.isEmpty ? nil : trimmed
        case "notetype": notetype = trimmed
        case "tags column": tagsColumn = columnNumber(trimmed, key: key, at: location)
        case "deck column": deckColumn = columnNumber(trimmed, key: key, at: location)
        case "notetype column", "guid column":
            if let n = columnNumber(trimmed, key: key, at: location) { ignoredColumns.insert(n) }
        case "if matches": break
        default:
            diagnostics.append(.warning("unknown header '#\(key):'", at: location, notes: [
                "known headers: " + Self.knownKeys.map { "#\($0):" }.joined(separator: ", "),
            ]))
        }
    }

    private mutating func columnNumber(_ text: String, key: String, at location: SourceLocation) -> Int? {
        guard let n = Int(text), n >= 1 else {
            diagnostics.append(.error("'#\(key):' must be a column number from 1, not '\(text)'", at: location))
            return nil
        }
        return n
    }

    private mutating func setColumns(_ raw: String) {
        let sep = Character(Unicode.Scalar(separator ?? 0x09))
        let names = raw.split(separator: sep, omittingEmptySubsequences: false).map { CardText.trim($0) }
        columns = names
        for (i, name) in names.enumerated() {
            switch name.lowercased() {
            case "tags" where tagsColumn == nil: tagsColumn = i + 1
            case "deck" where deckColumn == nil: deckColumn = i + 1
            case "notetype", "guid": ignoredColumns.insert(i + 1)
            default: break
            }
        }
    }

    /// Anki-style guess when there is no `#separator:`: the most frequent of Tab, `;`, `,` and
    /// `|` on the first data line, else `fallback`, else comma.
    static func guessSeparator(_ source: DeckSource, lineAt offset: Int, fallback: UInt8?) -> UInt8 {
        if let fallback { return fallback }
        guard let range = source.bytes.withUnsafeBufferPointer({ ByteText.line($0, from: offset)?.line }) else {
            return 0x2C
        }
        let line = source.bytes[range]
        var best: (byte: UInt8, count: Int) = (0x2C, 0)
        for candidate: UInt8 in [0x09, 0x3B, 0x2C, 0x7C] {
            let count = line.reduce(0) { $1 == candidate ? $0 + 1 : $0 }
            if count > best.count { best = (candidate, count) }
        }
        return best.byte
    }

    static func name(of separator: UInt8) -> String {
        if let entry = separatorNames.first(where: { $0.value == separator }) {
            return entry.key.prefix(1).uppercased() + entry.key.dropFirst()
        }
        return "'\(Character(Unicode.Scalar(separator)))'"
    }
}
