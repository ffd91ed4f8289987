import Foundation
import RecallCore

/// How cards, answers, diffs, grade choices and summaries look on screen. Colour only
/// adds emphasis: every mark is also visible without it (for pipes and `NO_COLOR`).
struct CardView {
    let output: Output
    /// Draws images and plays sounds; nil where cards show only their text (tests, `quiz`
    /// through a pipe).
    var media: CardMedia? = nil

    /// `Geography::Capitals  new  12 left: 4 new · 3 learning · 5 due` above the question:
    /// the card's kind (none for a review) and what is left of the session, this card included.
    func header(deck: String, left: QueueCounts, note: String? = nil) {
        var text = output.styled(deck, .cyan)
        if let note { text += "  " + output.styled(note, .yellow) }
        let counts = output.styled(CardView.left(left), .dim)
        output.line()
        // On a narrow screen what is left goes on a line of its own.
        output.line(text + (TextWidth.of(text + "  " + counts) <= output.width ? "  " : "\n  ") + counts)
    }

    /// `Geography  3/10  quiz` above a quiz question.
    func header(deck: String, position: Int, total: Int, note: String? = nil) {
        var text = output.styled(deck, .cyan) + "  " + output.styled("\(position)/\(total)", .dim)
        if let note { text += "  " + output.styled(note, .yellow) }
        output.line()
        output.line(text)
    }

    /// `12 left: 4 new · 3 learning · 5 due`.
    static func left(_ c: QueueCounts) -> String {
        "\(c.new + c.learning + c.review) left: \(c.new) new · \(c.learning) learning · \(c.review) due"
    }

    /// The grade just applied and when the card comes back (`→ good (3d)`), for transcripts
    /// of piped sessions, where the typed grade is not echoed.
    func applied(_ rating: Rating, interval: String?) {
        output.line("  → \(rating)" + (interval.map { " (\($0))" } ?? ""))
    }

    /// The question, bold, indented; rich text (see ``RichText``) styled, images drawn
    /// where the terminal can (through ``media``).
    func question(_ text: String, from card: Card? = nil) {
        side(RichText.blocks(TerminalText.sanitized(text)), base: [.bold], card: card)
    }

    /// The answer, indented.
    func answer(_ text: String, from card: Card? = nil) {
        side(RichText.blocks(TerminalText.sanitized(text)), base: [.green], card: card)
    }

    /// A card's answer, indented; a cloze card's deletions in brackets where the question
    /// showed `[...]` (and bold and underlined in colour).
    func answer(_ card: Card) {
        guard let cloze = card.clozeAnswer else { return answer(card.answer, from: card) }
        if cloze.parts.contains(where: { if case .shown(let t) = $0 { CardView.opensFormula(t) } else { false } }) {
            return side([.text(CardView.spansAcrossFormulas(cloze.parts))], base: [.green], card: card)
        }
        var spans: [RichText.Span] = []
        for part in cloze.parts {
            switch part {
            case .shown(let text):
                spans += RichText.inlineSpans(TerminalText.sanitized(text))
            case .hidden(let text):
                let hidden = RichText.inlineSpans(TerminalText.sanitized(text))
                spans.append(RichText.Span("["))
                spans += hidden.map { RichText.Span($0.text, $0.style.union(.highlight)) }
                spans.append(RichText.Span("]"))
            }
        }
        side([.text(spans)], base: [.green], card: card)
    }

    /// Whether `text` holds a formula delimiter, so that a deletion may sit inside a formula
    /// (`$e^{i\pi} + {{c1::1}} = 0$`) and the parts cannot be read one by one.
    static func opensFormula(_ text: String) -> Bool {
        text.contains("$") || text.contains("\\(") || text.contains("\\[")
    }

    /// A cloze answer read as one text, so that formulas around a deletion are converted:
    /// each deletion is marked by two private-use characters, which become its brackets and
    /// the highlight after the text is read.
    static func spansAcrossFormulas(_ parts: [ClozeAnswer.Part]) -> [RichText.Span] {
        let open: Character = "\u{E000}", close: Character = "\u{E001}"
        let whole = parts.map { part -> String in
            switch part {
            case .shown(let text): TerminalText.sanitized(text).filter { $0 != open && $0 != close }
            case .hidden(let text): String(open) + TerminalText.sanitized(text).filter { $0 != open && $0 != close } + String(close)
            }
        }.joined()
        var spans: [RichText.Span] = []
        var inside = false
        for span in RichText.inlineSpans(whole) {
            var run = ""
            func flush() {
                if !run.isEmpty { spans.append(RichText.Span(run, inside ? span.style.union(.highlight) : span.style)) }
                run = ""
            }
            for ch in span.text {
                guard ch == open || ch == close else { run.append(ch); continue }
                flush()
                spans.append(RichText.Span(ch == open ? "[" : "]"))
                inside = ch == open
            }
            flush()
        }
        return spans
    }

    /// Writes the blocks of one side of a card.
    private func side(_ blocks: [RichText.Block], base: [ANSIStyle], card: Card?) {
        let layout = RichTextView(color: output.color, width: output.width, base: base)
        for block in blocks {
            switch block {
            case .text(let spans): output.line(layout.prose(spans).joined(separator: "\n"))
            case .code(let lines, _): output.line(layout.code(lines).joined(separator: "\n"))
            case .media(let item):
                if let media, let card, media.show(item, of: card, output: output) { continue }
                if !item.placeholder.isEmpty { output.line("  " + output.styled(item.placeholder, .dim)) }
            }
        }
    }

    /// What was typed against the answer: two aligned lines with `^` under every wrong or
    /// missing character, then the verdict. A partial answer gets the verdict and, for a
    /// list, the items not given.
    func diff(typed: String, answer: String, match: AnswerMatch) {
        let verdict: String
        switch match {
        case .exact: verdict = output.styled("correct", .green, .bold)
        case .close(let n): verdict = output.styled("almost (\(n) typo\(n == 1 ? "" : "s"))", .yellow, .bold)
        case let .partial(found, total, missing):
            let count = missing.isEmpty ? "part of the answer" : "\(found) of \(total)"
            output.line("  " + output.styled("partly (\(count))", .yellow, .bold))
            if !missing.isEmpty {
                let list = "missing: " + TerminalText.sanitized(missing.joined(separator: ", "))
                output.line(TextWrapper.wrap(list, width: output.width - 2, indent: 9)
                    .map { "  " + $0 }.joined(separator: "\n"))
            }
            return
        case .unsure: verdict = output.styled("part of the answer, or another thing? grade it yourself", .yellow, .bold)
        case .wrong: verdict = output.styled("not quite", .red, .bold)
        }
        if match != .exact {
            // In a formula the operators count too (`+` for `-`), so they are marked.
            let formula = AnswerMatcher.isFormula(answer)
            // Compared as shown: formulas converted and Markdown markers dropped on both sides.
            let answer = TerminalText.sanitized(TextReflow.joinParagraphs(RichText.plain(answer)))
            let diff = AnswerDiff(typed: TerminalText.sanitized(RichText.plain(typed)), answer: answer)
            // Spaces and punctuation never count, so they are marked only in an answer
            // made of nothing else.
            let marksAll = !answer.contains { $0.isLetter || $0.isNumber }
            markedLine(label: "you typed: ", diff.typedSide, marked: .extra, style: .red, marksAll: marksAll, formula: formula)
            markedLine(label: "answer:    ", diff.answerSide, marked: .missing, style: .green, marksAll: marksAll, formula: formula)
        }
        output.line("  " + verdict)
    }

    /// One side of the diff after its label, wrapped to the width (at a space when one
    /// fits), each row followed by a row with `^` under its marked characters. Text that
    /// holds line breaks is shown without marks.
    private func markedLine(label: String, _ segments: [AnswerDiff.Segment],
                            marked: AnswerDiff.Segment.Kind, style: ANSIStyle, marksAll: Bool, formula: Bool) {
        let cells = segments.flatMap { seg in
            let counts = marksAll || seg.isSignificant
                || (formula && seg.text.contains { AnswerMatcher.formulaOperators.contains($0) })
            return seg.text.map { (char: $0, marked: seg.kind == marked && counts) }
        }
        let showMarks = !cells.contains { $0.char == "\n" }
        let pad = String(repeating: " ", count: 2 + label.count)
        guard showMarks else {
            let text = TextWrapper.wrap(String(cells.map(\.char)), width: output.width - 2 - label.count)
            for (index, row) in text.enumerated() { output.line((index == 0 ? "  " + output.styled(label, .dim) : pad) + row) }
            return
        }
        for (index, fullRow) in CardView.rows(cells.map(\.char), width: max(10, output.width - 2 - label.count)).enumerated() {
            var row = fullRow  // without the unmarked spaces it ends with
            while row.upperBound > row.lowerBound, cells[row.upperBound - 1].char == " ", !cells[row.upperBound - 1].marked {
                row = row.lowerBound..<(row.upperBound - 1)
            }
            var text = index == 0 ? "  " + output.styled(label, .dim) : pad
            var marks = pad
            var start = row.lowerBound
            while start < row.upperBound {
                var end = start
                while end < row.upperBound, cells[end].marked == cells[start].marked { end += 1 }
                let run = String(cells[start..<end].map(\.char))
                text += cells[start].marked ? output.styled(run, style, .underline) : run
                marks += String(repeating: cells[start].marked ? "^" : " ", count: TextWidth.of(run))
                start = end
            }
            output.line(text)
            if showMarks, marks.contains("^") {
                output.line(String(marks.reversed().drop(while: { $0 == " " }).reversed()))
            }
        }
    }

    /// `chars` cut into rows of at most `width` columns, each ending after its last space
    /// when the next character would not fit (a word longer than a row is cut).
    static func rows(_ chars: [Character], width: Int) -> [Range<Int>] {
        var rows: [Range<Int>] = []
        var start = 0
        while start < chars.count {
            var end = start, used = 0
            var afterSpace: Int?
            while end < chars.count {
                let w = TextWidth.of(chars[end])
                if used + w > width, end > start { break }
                used += w
                end += 1
                if chars[end - 1] == " " { afterSpace = end }
            }
            if end < chars.count, let afterSpace, afterSpace > start { end = afterSpace }
            rows.append(start..<end)
            start = end
        }
        return rows.isEmpty ? [0..<0] : rows
    }

    private func seg(_ segments: [AnswerDiff.Segment]) -> String { segments.map(\.text).joined() }

    /// `1 again <10m  2 hard 1d  3 good 3d  4 easy 8d`, the suggestion in bold and named;
    /// on a narrow screen on several lines, breaking only between choices.
    func gradeChoices(_ preview: SchedulingPreview, suggestion: Rating?) {
        var parts = Rating.allCases.map { r -> (text: String, styled: String) in
            let text = "\(r.rawValue) \(r) \(preview.label(r))"
            return (text, r == suggestion ? output.styled(text, .bold, .underline) : output.styled(text, .dim))
        }
        if let suggestion {
            let text = "(Enter: \(suggestion))"
            parts.append((text, output.styled(text, .yellow)))
        }
        for row in CardView.rows(parts.map { TextWidth.of($0.text) }, width: output.width - 2, gap: 2) {
            output.line("  " + parts[row].map(\.styled).joined(separator: "  "))
        }
    }

    /// Items of the given `widths`, `gap` columns apart, in rows of at most `width` columns,
    /// breaking only between items (an item wider than a row gets a row of its own).
    static func rows(_ widths: [Int], width: Int, gap: Int) -> [Range<Int>] {
        var rows: [Range<Int>] = []
        var start = 0
        var used = 0
        for (i, w) in widths.enumerated() {
            if i > start, used + gap + w > width {
                rows.append(start..<i)
                start = i
                used = w
            } else {
                used += (i > start ? gap : 0) + w
            }
        }
        if start < widths.count { rows.append(start..<widths.count) }
        return rows
    }

    /// A short line in a quiet style (notices, hints), wrapped to the width.
    func note(_ text: String) { output.line(wrapped(text, style: .dim)) }

    /// A warning line, wrapped to the width.
    func warning(_ text: String) { output.line(wrapped(text, style: .yellow)) }

    /// Items joined by ` · ` on as few lines as the width allows, breaking between items,
    /// in a quiet style.
    func noteItems(_ items: [String]) {
        for line in CardView.pack(items, width: output.width - 2) { note(line) }
    }

    /// `items` joined by ` · ` into lines of at most `width` columns, breaking only between
    /// items (an item wider than a line gets a line of its own).
    static func pack(_ items: [String], width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for item in items {
            if current.isEmpty {
                current = item
            } else if TextWidth.of(current) + 3 + TextWidth.of(item) <= width {
                current += " · " + item
            } else {
                lines.append(current)
                current = item
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// `text` two spaces in, continuation lines four, wrapped to the width.
    private func wrapped(_ text: String, style: ANSIStyle) -> String {
        TextWrapper.wrap(text, width: output.width - 2, indent: 2)
            .map { "  " + output.styled($0, style) }
            .joined(separator: "\n")
    }

    /// `3m 20s`, `45s`, `1h 02m`.
    static func duration(ms: Int) -> String {
        let s = max(0, ms) / 1000
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m \(String(format: "%02d", s % 60))s" }
        return "\(s / 3600)h \(String(format: "%02d", (s % 3600) / 60))m"
    }

    /// `90%`.
    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}
