import Foundation
import Ink
import RecallCore

/// A Markdown deck's text as the HTML Anki shows: emphasis, strong, code spans, `<pre>` for
/// fenced code, lists, links; `<`, `>` and `&` escaped. Rendered by Ink, with three changes:
///
/// - Before Ink, outside code: `<` is escaped (Ink passes anything tag-like through as raw
///   HTML, so `Vec<T>` would vanish in Anki), and a `*` with spaces on both sides
///   (`5 * 3`) or a `_` inside a word (`snake_case`) is backslash-escaped, as CommonMark
///   reads them as text where Ink starts emphasis.
/// - Formulas (``MathSpan``: `$…$`, `$$…$$`, `\(…\)`, `\[…\]`) are kept out of Ink's
///   reach and come out as the `\(…\)` and `\[…\]` that Anki's MathJax renders (it does not
///   read `$`), their LaTeX untouched but for `<`, `>` and `&`.
/// - After Ink: a lone paragraph loses its `<p>` (Anki fields are inline text), and line
///   breaks inside `<pre>` become `<br>` so that every field stays on one line of the file.
enum AnkiMarkdownHTML {
    static func render(_ markdown: String) -> String {
        var formulas: [MathSpan] = []
        var html = MarkdownParser().html(from: escapedOutsideCode(markdown, formulas: &formulas))
        for (n, formula) in formulas.enumerated() {
            let latex = formula.latex.replacingOccurrences(of: "&", with: "&amp;")
                .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            html = html.replacingOccurrences(of: placeholder(n),
                                             with: formula.display ? "\\[" + latex + "\\]" : "\\(" + latex + "\\)")
        }
        html = html.replacingOccurrences(of: "\n</code></pre>", with: "</code></pre>")
            .replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\n", with: "<br>")
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), html.components(separatedBy: "<p>").count == 2 {
            html = String(html.dropFirst(3).dropLast(4))
        }
        return html
    }

    /// Where formula `n` stands while Ink runs: private-use characters, which neither Ink nor
    /// card text gives a meaning to.
    private static func placeholder(_ n: Int) -> String { "\u{E000}\(n)\u{E001}" }

    /// `text` with the escapes described above, leaving fenced blocks and code spans alone;
    /// each formula outside them replaced by a placeholder and added to `formulas`.
    static func escapedOutsideCode(_ text: String, formulas: inout [MathSpan]) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var inFence = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (n, line) in lines.enumerated() {
            if n > 0 { out += "\n" }
            if line.drop(while: { $0 == " " }).hasPrefix("```") || line.drop(while: { $0 == " " }).hasPrefix("~~~") {
                inFence.toggle()
                out += line
            } else if inFence {
                out += line
            } else {
                out += escapedLine(Array(line), formulas: &formulas)
            }
        }
        return out
    }

    private static func escapedLine(_ chars: [Character], formulas: inout [MathSpan]) -> String {
        var out = ""
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            if ch == "`" {
                // A code span: from a run of backticks to the next run of the same length.
                var run = 0
                while i + run < chars.count, chars[i + run] == "`" { run += 1 }
                if let end = closingRun(chars, from: i + run, length: run) {
                    out += String(chars[i..<(end + run)])
                    i = end + run
                } else {
                    out += String(chars[i..<(i + run)])
                    i += run
                }
                continue
            }
            if ch == "$" || ch == "\\", let formula = MathSpan.at(i, in: chars) {
                out += placeholder(formulas.count)
                formulas.append(formula)
                i = formula.end
                continue
            }
            let before = i > 0 ? chars[i - 1] : " "
            let after = i + 1 < chars.count ? chars[i + 1] : " "
            switch ch {
            case "\\" where i + 1 < chars.count:
                out.append(ch)
                out.append(chars[i + 1])
                i += 2
                continue
            case "<": out += "&lt;"
            case "*" where before.isWhitespace && after.isWhitespace: out += "\\*"
            case "_" where (before.isLetter || before.isNumber) && (after.isLetter || after.isNumber): out += "\\_"
            default: out.append(ch)
            }
            i += 1
        }
        return out
    }

    /// Where a run of exactly `length` backticks starts at or after `start`.
    private static func closingRun(_ chars: [Character], from start: Int, length: Int) -> Int? {
        var j = start
        while j < chars.count {
            guard chars[j] == "`" else { j += 1; continue }
            var run = 0
            while j + run < chars.count, chars[j + run] == "`" { run += 1 }
            if run == length { return j }
            j += run
        }
        return nil
    }
}
