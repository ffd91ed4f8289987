import RecallCore

/// Joins the lines of paragraphs that were hard-wrapped in a deck file, so that the
/// terminal's width, not the file's, decides where they break.
///
/// A line is joined to the one before it only when both are prose: blank lines, list items
/// (`- `, `* `, `+ `, `• `, `1. `, `1) `), indented lines, code fences and the lines between
/// them, quotes and tables are kept as they are. The line before must also be long (at least
/// ``wrappedLineWidth`` columns): short lines written one under the other (a list of names,
/// an address, a poem) were broken on purpose.
enum TextReflow {
    /// A line this wide or wider that is followed by more prose was most likely wrapped by
    /// an editor rather than ended by its writer.
    static let wrappedLineWidth = 40

    /// Card text as a list shows it, on one line: as a card shows it (``RichText/plain(_:)``:
    /// Markdown and HTML markers dropped, formulas converted), paragraphs joined, the line
    /// breaks left shown as ` / `, and sanitized for the terminal.
    static func oneLine(_ text: String) -> String {
        TerminalText.sanitized(joinParagraphs(RichText.plain(text)).replacingOccurrences(of: "\n", with: " / "),
                               keepingNewlines: false)
    }

    static func joinParagraphs(_ text: String) -> String {
        guard text.contains("\n") else { return text }
        var out: [String] = []
        var inFence = false
        var previousJoins = false  // the last line in `out` is long prose that may continue
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                out.append(String(line))
                previousJoins = false
                continue
            }
            let prose = !inFence && isProse(line)
            if prose, previousJoins, let last = out.last {
                out[out.count - 1] = last + " " + line
            } else {
                out.append(String(line))
            }
            // A long list item takes its unindented continuation lines too (as in Markdown).
            previousJoins = (prose || (!inFence && isListItem(line))) && TextWidth.of(line) >= wrappedLineWidth
        }
        return out.joined(separator: "\n")
    }

    /// Not blank, not indented, not a list item, quote, table row or heading.
    private static func isProse(_ line: Substring) -> Bool {
        guard let first = line.first, first != " ", first != "\t" else { return false }
        if first == ">" || first == "|" || first == "#" { return false }
        return !isListItem(line)
    }

    private static func isListItem(_ line: Substring) -> Bool {
        let body = line.drop(while: { $0 == " " || $0 == "\t" })
        guard let first = body.first else { return false }
        if "-*+•".contains(first) { return body.dropFirst().first == " " }
        let digits = body.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count < 4 else { return false }
        let rest = body.dropFirst(digits.count)
        return (rest.first == "." || rest.first == ")") && rest.dropFirst().first == " "
    }
}
