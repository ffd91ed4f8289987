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

    private func indented(_ text: String, style: [ANSIStyle]) -> String {
        TextWrapper.wrap(TerminalText.sanitized(text), width: output.width - 2)
            .map { "  " + (output.color ? ANSIStyle.apply(style, to: $0) : $0) }
            .joined(separator: "\n")
    }

    /// What was typed against the answer: two aligned lines with `^` under every wrong or
    /// missing character, then the verdict.
    func diff(typed: String, answer: String, match: AnswerMatch) {
        let diff = AnswerDiff(typed: TerminalText.sanitized(typed), answer: TerminalText.sanitized(answer))
        let verdict: String = switch match {
        case .exact: output.styled("correct", .green, .bold)
        case .close(let n): output.styled("almost (\(n) typo\(n == 1 ? "" : "s"))", .yellow, .bold)
        case .wrong: output.styled("not quite", .red, .bold)
        }
        if match != .exact {
            markedLine(label: "you typed: ", diff.typedSide, marked: .extra, style: .red)
            markedLine(label: "answer:    ", diff.answerSide, marked: .missing, style: .green)
        }
        output.line("  " + verdict)
    }

    private func markedLine(label: String, _ segments: [AnswerDiff.Segment],
                            marked: AnswerDiff.Segment.Kind, style: ANSIStyle) {
        var text = "  " + output.styled(label, .dim)
        var marks = String(repeating: " ", count: 2 + label.count)
        for seg in segments {
            let isMarked = seg.kind == marked
            text += isMarked ? output.styled(seg.text, style, .underline) : TerminalText.sanitized(seg.text)
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
