import Foundation
import RecallCore

/// Lays out ``RichText`` blocks for the terminal: prose wrapped to the width with each
/// span's style as SGR escapes (or none, without colour), code blocks line for line with a
/// margin, cut with `…` rather than wrapped. Card text must be sanitized before it is read
/// into blocks; the only escapes here are the ones this type adds.
struct RichTextView {
    /// Whether styles are shown.
    let color: Bool
    /// Columns for the text, the indent included.
    let width: Int
    /// Spaces before each line of prose.
    var indent = 2
    /// The style of the whole side (bold for a question, green for an answer).
    var base: [ANSIStyle] = []

    /// Extra spaces before each line of a code block, on top of ``indent``.
    static let codeMargin = 2
    /// What ends a code line cut at the width.
    static let cutMarker = "…"

    /// The lines of one text block.
    func prose(_ spans: [RichText.Span]) -> [String] {
        let margin = String(repeating: " ", count: indent)
        if spans.allSatisfy({ $0.style.isEmpty }) {
            // Unstyled text (most cards): every character in the base style, so no need to
            // follow each one through the wrapping.
            let codes = color ? sgr([]) : ""
            return TextWrapper.wrap(TextReflow.joinParagraphs(spans.map(\.text).joined()), width: width - indent).map {
                margin + ($0.isEmpty || codes.isEmpty ? $0 : "\u{1B}[" + codes + "m" + $0 + "\u{1B}[0m")
            }
        }
        let cells = spans.flatMap { span in span.text.map { (char: $0, style: span.style) } }
        let plain = String(cells.map(\.char))
        let wrapped = TextWrapper.wrap(TextReflow.joinParagraphs(plain), width: width - indent)
        var p = 0
        return wrapped.map { line in
            var styles: [RichText.Style] = []
            for ch in line {
                if ch == " " {
                    if p < cells.count, cells[p].char.isWhitespace { styles.append(cells[p].style); p += 1 } else { styles.append([]) }
                    continue
                }
                while p < cells.count, cells[p].char != ch, cells[p].char.isWhitespace { p += 1 }
                if p < cells.count, cells[p].char == ch { styles.append(cells[p].style); p += 1 } else { styles.append([]) }
            }
            return margin + styledLine(Array(line), styles)
        }
    }

    /// The lines of a code block: tabs as four spaces, a line too wide cut with ``cutMarker``.
    func code(_ lines: [String]) -> [String] {
        let margin = String(repeating: " ", count: indent + RichTextView.codeMargin)
        let room = max(8, width - margin.count)
        return lines.map { raw in
            let line = raw.replacingOccurrences(of: "\t", with: "    ")
            guard TextWidth.of(line) > room else {
                return margin + styledLine(Array(line), Array(repeating: .code, count: line.count))
            }
            var kept = "", used = 0
            for ch in line {
                let w = TextWidth.of(ch)
                if used + w > room - 1 { break }
                kept.append(ch)
                used += w
            }
            let chars = Array(kept) + Array(RichTextView.cutMarker)
            let styles = Array(repeating: RichText.Style.code, count: kept.count) + [RichText.Style.dim]
            return margin + styledLine(chars, styles)
        }
    }

    /// `chars` with an escape at each change of style (and a reset at the end), or as they
    /// are without colour.
    func styledLine(_ chars: [Character], _ styles: [RichText.Style]) -> String {
        guard color else { return String(chars) }
        var out = ""
        var current: String?
        for (index, ch) in chars.enumerated() {
            let codes = sgr(index < styles.count ? styles[index] : [])
            if codes != current {
                if current == nil {
                    if !codes.isEmpty { out += "\u{1B}[" + codes + "m" }
                } else {
                    out += "\u{1B}[0" + (codes.isEmpty ? "" : ";" + codes) + "m"
                }
                current = codes
            }
            out.append(ch)
        }
        return current?.isEmpty ?? true ? out : out + "\u{1B}[0m"
    }

    /// The SGR parameters for `style` on top of ``base``.
    func sgr(_ style: RichText.Style) -> String {
        var codes = base.map(\.rawValue)
        if style.contains(.bold) { codes.append("1") }
        if style.contains(.italic) { codes.append("3") }
        if style.contains(.code) { codes.append("33") }
        if style.contains(.dim) { codes.append("2") }
        if style.contains(.highlight) { codes.append(contentsOf: ["1", "4"]) }
        var seen = Set<String>()
        return codes.filter { seen.insert($0).inserted }.joined(separator: ";")
    }
}
