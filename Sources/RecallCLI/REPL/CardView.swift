import Foundation
import RecallCore

/// How cards, answers, diffs, grade choices and summaries look on screen. Colour only
/// adds emphasis: every mark is also visible without it (for pipes and `NO_COLOR`).
struct CardView {
    let output: Output

    /// `Geography::Capitals  12/40` above the question.
    func header(deck: String, position: Int, total: Int, note: String? = nil) {
        var text = output.styled(deck, .cyan) + "  " + output.styled("\(position)/\(total)", .dim)
        if let note { text += "  " + output.styled(note, .yellow) }
        output.line()
        output.line(text)
    }

    /// The question, bold, indented.
    func question(_ text: String) {
        output.line(indented(text, style: [.bold]))
    }

    /// The answer, indented.
    func answer(_ text: String) {
        output.line(indented(text, style: [.green]))
    }

    /// A card's answer, indented; a cloze card's deletions in brackets where the question
    /// showed `[...]` (and bold and underlined in colour).
    func answer(_ card: Card) {
        guard let cloze = card.clozeAnswer else { return answer(card.answer) }
        let text = cloze.parts.map { part -> String in
            switch part {
            case .shown(let text): text
            case .hidden(let text):
                output.color ? "[\u{1B}[1;4m" + text + "\u{1B}[22;24m]" : "[" + text + "]"
            }
        }.joined()
        answer(text)
    }

    private func indented(_ text: String, style: [ANSIStyle]) -> String {
        TextWrapper.wrap(text, width: output.width - 2)
            .map { "  " + (output.color ? ANSIStyle.apply(style, to: $0) : $0) }
            .joined(separator: "\n")
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
                let list = "missing: " + missing.joined(separator: ", ")
                output.line(TextWrapper.wrap(list, width: output.width - 2, indent: 9)
                    .map { "  " + $0 }.joined(separator: "\n"))
            }
            return
        case .wrong: verdict = output.styled("not quite", .red, .bold)
        }
        if match != .exact {
            let diff = AnswerDiff(typed: typed, answer: answer)
            // Spaces and punctuation never count, so they are marked only in an answer
            // made of nothing else.
            let marksAll = !answer.contains { $0.isLetter || $0.isNumber }
            markedLine(label: "you typed: ", diff.typedSide, marked: .extra, style: .red, marksAll: marksAll)
            markedLine(label: "answer:    ", diff.answerSide, marked: .missing, style: .green, marksAll: marksAll)
        }
        output.line("  " + verdict)
    }

    private func markedLine(label: String, _ segments: [AnswerDiff.Segment],
                            marked: AnswerDiff.Segment.Kind, style: ANSIStyle, marksAll: Bool) {
        var text = "  " + output.styled(label, .dim)
        var marks = String(repeating: " ", count: 2 + label.count)
        for seg in segments {
            let isMarked = seg.kind == marked && (marksAll || seg.isSignificant)
            text += isMarked ? output.styled(seg.text, style, .underline) : seg.text
            let w = TextWidth.of(seg.text)
            marks += String(repeating: isMarked ? "^" : " ", count: w)
        }
        output.line(text)
        if marks.contains("^") && !seg(segments).contains("\n") {
            output.line(String(marks.reversed().drop(while: { $0 == " " }).reversed()))
        }
    }

    private func seg(_ segments: [AnswerDiff.Segment]) -> String { segments.map(\.text).joined() }

    /// `1 again <10m  2 hard 1d  3 good 3d  4 easy 8d`, the suggestion in bold and named.
    func gradeChoices(_ preview: SchedulingPreview, suggestion: Rating?) {
        let parts = Rating.allCases.map { r -> String in
            let text = "\(r.rawValue) \(r) \(preview.label(r))"
            return r == suggestion ? output.styled(text, .bold, .underline) : output.styled(text, .dim)
        }
        var line = "  " + parts.joined(separator: "  ")
        if let suggestion { line += "  " + output.styled("(Enter: \(suggestion))", .yellow) }
        output.line(line)
    }

    /// A short line in a quiet style (notices, hints).
    func note(_ text: String) { output.line("  " + output.styled(text, .dim)) }

    /// A warning line.
    func warning(_ text: String) { output.line("  " + output.styled(text, .yellow)) }

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
