/// Reads the Markdown format (`.md`). See ``MarkdownReader`` for the rules.
enum MarkdownDeckParser {
    static func parse(_ source: DeckSource, deck: String, into builder: ParsedDeckBuilder) -> ParsedDeck {
        source.bytes.withUnsafeBufferPointer { bytes in
            var reader = MarkdownReader(source: source, bytes: bytes, fileDeck: deck, builder: builder)
            reader.run()
            return reader.builder.finish(decks: reader.decks)
        }
    }
}

/// The Markdown parser's state machine, one line at a time.
///
/// - `Q:` starts a question (it may run over several lines), `A:` its answer; the answer ends
///   at the next `Q:`, heading or `tags:` line, or at a `---` line after a blank line.
///   Inside these bodies a leading `\` is dropped (it escapes lines that would otherwise
///   be read as markers) and fenced code blocks are kept as they are.
/// - Outside a body, a line with `{{cN::…}}` is a cloze note, a line with `question ::: answer`
///   makes two cards and `question :: answer` one; list markers in front are ignored and
///   other lines are prose.
/// - A level-1 heading is the document title; a level-n heading (n ≥ 2) names a sub-deck
///   n−1 levels below the file's deck, inside the nearest shallower heading.
/// - Front matter `tags:` tag every card of the file; a `tags:` line tags the cards after
///   it up to the next `tags:` line or heading.
///
/// Lines are read as bytes where that gives the same result as reading `Character`s (see
/// ``ByteText/charactersAreBytes(_:_:)``), else through ``MarkdownSyntax``'s `String` functions.
struct MarkdownReader {
    private enum Pending {
        case question(line: Int)
        case answer(line: Int, question: String)
    }

    let source: DeckSource
    let bytes: UnsafeBufferPointer<UInt8>
    let fileDeck: String
    var builder: ParsedDeckBuilder
    private(set) var decks: [String]
    private var frontTags: [String] = [] { didSet { noteTags = nil } }
    private var lineTags: [String] = [] { didSet { noteTags = nil } }
    /// `frontTags` and `lineTags` merged, made once per change and shared by the notes.
    private var noteTags: [String]?
    private var headings: [(level: Int, title: String)] = []
    private var deck: String
    private var pending: Pending?
    /// The lines of the pending question or answer as byte ranges, already right-trimmed.
    private var body: [Range<Int>] = []
    private var inFence = false
    private var previousBlank = true
    /// Where each deck's run of lines starts: the first line after the front matter (0-based
    /// index) with the file's deck, then every heading line with the deck it opens. What
    /// ``CardWriter`` needs to add a card under the right heading.
    private(set) var sections: [(line: Int, deck: String)] = []

    init(source: DeckSource, bytes: UnsafeBufferPointer<UInt8>, fileDeck: String, builder: ParsedDeckBuilder) {
        self.source = source
        self.bytes = bytes
        self.fileDeck = fileDeck
        self.deck = fileDeck
        self.decks = [fileDeck]
        self.builder = builder
        self.builder.reserveCapacity(source.lines.count)
    }

    mutating func run() {
        var index = readFrontMatter()
        sections = [(index, fileDeck)]
        while index < source.lines.count {
            let line = MarkdownLine(range: source.lines[index],
                                    bytesAreCharacters: source.isASCII
                                        || ByteText.charactersAreBytes(bytes, source.lines[index]))
            if pending != nil {
                handleBody(line, number: index + 1)
            } else {
                handleOutside(line, number: index + 1)
            }
            previousBlank = ByteText.trim(bytes, line.range).isEmpty
            index += 1
        }
        finishPending()
    }

    private mutating func handleBody(_ line: MarkdownLine, number: Int) {
        let kind = classify(line)
        if inFence {
            if case .fence = kind { inFence = false }
            appendBody(line, from: line.range.lowerBound)
            return
        }
        switch kind {
        case .question(let start):
            finishPending()
            pending = .question(line: number)
            appendBody(line, from: start)
        case .answer(let start):
            if case let .question(first) = pending {
                pending = .answer(line: first, question: joinBody())
                body.removeAll(keepingCapacity: true)
                appendBody(line, from: start)
            } else {
                appendBody(line, from: line.range.lowerBound)
            }
        case let .heading(level, title):
            finishPending()
            enterHeading(level: level, title: title, line: number)
        case .tags(let tags):
            finishPending()
            lineTags = tags
        case .rule where previousBlank:
            finishPending()
        case .fence:
            inFence = true
            appendBody(line, from: line.range.lowerBound)
        default:
            appendBody(line, from: unescapedStart(line))
        }
    }

    private mutating func handleOutside(_ line: MarkdownLine, number: Int) {
        let kind = classify(line)
        if inFence {
            if case .fence = kind { inFence = false }
            return
        }
        switch kind {
        case .question(let start):
            pending = .question(line: number)
            appendBody(line, from: start)
        case .answer:
            builder.diagnostics.append(.error("'A:' without a question", at: source.location(line: number),
                                              notes: ["start each card with a 'Q:' line, then its 'A:' line"]))
        case let .heading(level, title):
            enterHeading(level: level, title: title, line: number)
        case .tags(let tags):
            lineTags = tags
        case .fence:
            inFence = true
        case .text:
            readOneLiner(line, number: number)
        case .blank, .rule:
            break
        }
    }

    /// Adds the text of `line` from byte `start` to the pending body, right-trimmed.
    private mutating func appendBody(_ line: MarkdownLine, from start: Int) {
        guard pending != nil else { return }
        body.append(trimRight(line, from: start))
    }

    /// The pending body's lines joined as ``CardText/join(_:)`` joins them.
    private func joinBody() -> String {
        var first = 0
        var last = body.count - 1
        while first <= last, body[first].isEmpty { first += 1 }
        while last >= first, body[last].isEmpty { last -= 1 }
        guard first <= last else { return "" }
        if first == last { return ByteText.string(bytes, body[first]) }
        var length = last - first
        for i in first...last { length += body[i].count }
        return String(unsafeUninitializedCapacity: length) { out in
            var at = 0
            for i in first...last {
                if i > first { out[at] = 0x0A; at += 1 }
                let range = body[i]
                if !range.isEmpty {
                    UnsafeMutableRawPointer(out.baseAddress! + at)
                        .copyMemory(from: bytes.baseAddress! + range.lowerBound, byteCount: range.count)
                    at += range.count
                }
            }
            return at
        }
    }

    private mutating func finishPending() {
        defer {
            pending = nil
            inFence = false
            body.removeAll(keepingCapacity: true)
        }
        switch pending {
        case .question(let line):
            builder.diagnostics.append(.error("missing 'A:' for this question", at: source.location(line: line), notes: [
                "write the answer on an 'A:' line after the question '\(Quote.short(joinBody()))'",
            ]))
        case .answer(let line, let question):
            if let warning = ClozeText.literalMarkupWarning(question: question, at: source.location(line: line)) {
                builder.diagnostics.append(warning)
            }
            addCard(question: question, answer: joinBody(), twoWay: false, line: line)
        case nil:
            break
        }
    }

    mutating func addCard(question: String, answer: String, twoWay: Bool, line: Int) {
        let location = source.location(line: line)
        if question.isEmpty {
            builder.diagnostics.append(.error("empty question", at: location,
                                              notes: ["write the question before the answer '\(Quote.short(answer))'"]))
        } else if answer.isEmpty {
            builder.diagnostics.append(.error("empty answer", at: location,
                                              notes: ["write the answer to '\(Quote.short(question))'"]))
        } else {
            let content: DeckNote.Content = twoWay
                ? .twoWay(question: question, answer: answer) : .basic(question: question, answer: answer)
            addNote(content, line: line)
        }
    }

    mutating func addNote(_ content: DeckNote.Content, line: Int) {
        let tags: [String]
        if let noteTags {
            tags = noteTags
        } else {
            var merged = frontTags
            for tag in lineTags where !merged.contains(tag) { merged.append(tag) }
            noteTags = merged
            tags = merged
        }
        builder.add(DeckNote(content: content, deck: deck, tags: tags, line: line))
    }

    mutating func report(_ diagnostic: Diagnostic) { builder.diagnostics.append(diagnostic) }

    private mutating func enterHeading(level: Int, title: String, line: Int) {
        lineTags = []
        headings.removeAll { $0.level >= level }
        if level >= 2, !title.isEmpty { headings.append((level, title)) }
        deck = ([fileDeck] + headings.map(\.title)).joined(separator: "::")
        if !decks.contains(deck) { decks.append(deck) }
        sections.append((line - 1, deck))
    }

    /// Reads `---`-fenced front matter at the top of the file; returns the next line index.
    private mutating func readFrontMatter() -> Int {
        guard let first = source.lines.first, CardText.trim(source.string(first)) == "---" else { return 0 }
        var index = 1
        var inTagList = false
        while index < source.lines.count {
            let text = source.string(source.lines[index])
            let trimmed = CardText.trim(text)
            if trimmed == "---" || trimmed == "..." { return index + 1 }
            if text.lowercased().hasPrefix("tags:") {
                frontTags = MarkdownSyntax.tagList(text.dropFirst(5))
                inTagList = frontTags.isEmpty
            } else if inTagList, trimmed.hasPrefix("- ") {
                for tag in MarkdownSyntax.tagList(trimmed.dropFirst(2)) where !frontTags.contains(tag) {
                    frontTags.append(tag)
                }
            } else {
                inTagList = false
            }
            index += 1
        }
        builder.diagnostics.append(.error("front matter is not closed", at: source.location(line: 1),
                                          notes: ["end it with a line holding only '---'"]))
        frontTags = []
        return 1
    }
}
