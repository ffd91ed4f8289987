/// Reads the Markdown format (`.md`). See ``MarkdownReader`` for the rules.
enum MarkdownDeckParser {
    static func parse(_ source: DeckSource, deck: String) -> ParsedDeck {
        var reader = MarkdownReader(source: source, fileDeck: deck)
        reader.run()
        return ParsedDeck(notes: reader.notes, file: source.file, diagnostics: reader.diagnostics,
                          decks: reader.decks)
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
struct MarkdownReader {
    private enum Pending {
        case question(line: Int, lines: [Substring])
        case answer(line: Int, question: String, lines: [Substring])
    }

    let source: DeckSource
    let fileDeck: String
    private(set) var notes: [DeckNote] = []
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var decks: [String]
    private var frontTags: [String] = []
    private var lineTags: [String] = []
    private var headings: [(level: Int, title: String)] = []
    private var deck: String
    private var pending: Pending?
    private var inFence = false
    private var previousBlank = true

    init(source: DeckSource, fileDeck: String) {
        self.source = source
        self.fileDeck = fileDeck
        self.deck = fileDeck
        self.decks = [fileDeck]
    }

    mutating func run() {
        var index = readFrontMatter()
        while index < source.lines.count {
            let text = source.string(source.lines[index])
            if pending != nil {
                handleBody(text, number: index + 1)
            } else {
                handleOutside(text, number: index + 1)
            }
            previousBlank = CardText.isBlank(text)
            index += 1
        }
        finishPending()
    }

    private mutating func handleBody(_ text: String, number: Int) {
        if inFence {
            if case .fence = MarkdownSyntax.classify(text) { inFence = false }
            appendBody(Substring(text))
            return
        }
        switch MarkdownSyntax.classify(text) {
        case .question(let rest):
            finishPending()
            pending = .question(line: number, lines: [Substring(rest)])
        case .answer(let rest):
            if case let .question(line, lines) = pending {
                pending = .answer(line: line, question: CardText.join(lines), lines: [Substring(rest)])
            } else {
                appendBody(Substring(text))
            }
        case let .heading(level, title):
            finishPending()
            enterHeading(level: level, title: title)
        case .tags(let tags):
            finishPending()
            lineTags = tags
        case .rule where previousBlank:
            finishPending()
        case .fence:
            inFence = true
            appendBody(Substring(text))
        default:
            appendBody(text.hasPrefix("\\") ? text.dropFirst() : Substring(text))
        }
    }

    private mutating func handleOutside(_ text: String, number: Int) {
        if inFence {
            if case .fence = MarkdownSyntax.classify(text) { inFence = false }
            return
        }
        switch MarkdownSyntax.classify(text) {
        case .question(let rest):
            pending = .question(line: number, lines: [Substring(rest)])
        case .answer:
            diagnostics.append(.error("'A:' without a question", at: source.location(line: number),
                                      notes: ["start each card with a 'Q:' line, then its 'A:' line"]))
        case let .heading(level, title):
            enterHeading(level: level, title: title)
        case .tags(let tags):
            lineTags = tags
        case .fence:
            inFence = true
        case .text:
            readOneLiner(text, number: number)
        case .blank, .rule:
            break
        }
    }

    private mutating func appendBody(_ line: Substring) {
        switch pending {
        case .question(let start, var lines):
            pending = nil
            lines.append(line)
            pending = .question(line: start, lines: lines)
        case .answer(let start, let question, var lines):
            pending = nil
            lines.append(line)
            pending = .answer(line: start, question: question, lines: lines)
        case nil:
            break
        }
    }

    private mutating func finishPending() {
        defer { pending = nil; inFence = false }
        switch pending {
        case .question(let line, let lines):
            diagnostics.append(.error("missing 'A:' for this question", at: source.location(line: line), notes: [
                "write the answer on an 'A:' line after the question '\(Quote.short(CardText.join(lines)))'",
            ]))
        case .answer(let line, let question, let lines):
            addCard(question: question, answer: CardText.join(lines), twoWay: false, line: line)
        case nil:
            break
        }
    }

    mutating func addCard(question: String, answer: String, twoWay: Bool, line: Int) {
        let location = source.location(line: line)
        if question.isEmpty {
            diagnostics.append(.error("empty question", at: location,
                                      notes: ["write the question before the answer '\(Quote.short(answer))'"]))
        } else if answer.isEmpty {
            diagnostics.append(.error("empty answer", at: location,
                                      notes: ["write the answer to '\(Quote.short(question))'"]))
        } else {
            let content: DeckNote.Content = twoWay
                ? .twoWay(question: question, answer: answer) : .basic(question: question, answer: answer)
            addNote(content, line: line)
        }
    }

    mutating func addNote(_ content: DeckNote.Content, line: Int) {
        var tags = frontTags
        for tag in lineTags where !tags.contains(tag) { tags.append(tag) }
        notes.append(DeckNote(content: content, deck: deck, tags: tags, line: line))
    }

    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    private mutating func enterHeading(level: Int, title: String) {
        lineTags = []
        headings.removeAll { $0.level >= level }
        if level >= 2, !title.isEmpty { headings.append((level, title)) }
        deck = ([fileDeck] + headings.map(\.title)).joined(separator: "::")
        if !decks.contains(deck) { decks.append(deck) }
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
        diagnostics.append(.error("front matter is not closed", at: source.location(line: 1),
                                  notes: ["end it with a line holding only '---'"]))
        frontTags = []
        return 1
    }
}
