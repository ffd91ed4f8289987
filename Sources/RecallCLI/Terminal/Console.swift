import Foundation
import RecallCore

/// Standard output and standard error: every piece of text Recall prints goes through here
/// (``Output``, ``DiagnosticPrinter`` and `print`, which this module shadows below), so no
/// output path can hand a terminal a control sequence from a shared deck.
///
/// Untrusted text is sanitized where it is shown (``TerminalText/sanitized(_:keepingNewlines:)``)
/// before Recall styles it; as a second line of defence, ``filtered(_:keepingStyles:)``
/// sanitizes everything else with the same function, letting through only SGR styles
/// (`ESC [ digits m`), and those only on a stream Recall styles (a terminal, colour on).
enum Console {
    /// Writes `text` to standard output, filtered (unbuffered, as ``Output`` always wrote).
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(filtered(text, keepingStyles: stylesOnStandardOutput).utf8))
    }

    /// Writes `text` to standard error, filtered.
    static func err(_ text: String) {
        FileHandle.standardError.write(Data(filtered(text, keepingStyles: stylesOnStandardError).utf8))
    }

    /// Whether Recall styles what it writes to standard output: only then may a style
    /// sequence pass the filter, since any other must come from a file.
    static var stylesOnStandardOutput: Bool { stdoutIsTerminal && stylesWanted }

    /// The same for standard error.
    static var stylesOnStandardError: Bool { stderrIsTerminal && stylesWanted }

    private static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    private static let stderrIsTerminal = isatty(STDERR_FILENO) == 1
    private static let environmentAllowsStyles = Terminal.useColor(isTerminal: true, noColorFlag: false,
                                                                    environment: ProcessInfo.processInfo.environment)
    private static var stylesWanted: Bool { environmentAllowsStyles && !Terminal.noColorGiven }

    /// Writes a progress line to standard error: its `\r` and `ESC [ K` redraw the line (see
    /// ``progressFiltered(_:)``).
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data(progressFiltered(text).utf8))
    }

    /// `text` with the carriage returns and `ESC [ K` (erase to the end of the line) that
    /// redraw a progress bar kept, and everything between them filtered as
    /// ``filtered(_:keepingStyles:)`` does: a progress line may name a file.
    static func progressFiltered(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let cut = rest.firstIndex(where: { $0 == "\r" || $0 == "\u{1B}" }) {
            out += filtered(String(rest[..<cut]))
            rest = rest[cut...]
            if rest.hasPrefix("\r") {
                out += "\r"
                rest = rest.dropFirst()
            } else if rest.hasPrefix("\u{1B}[K") {
                out += "\u{1B}[K"
                rest = rest.dropFirst(3)
            } else {
                // Any other escape: up to the next redraw mark, as text.
                let end = rest.dropFirst().firstIndex(where: { $0 == "\r" || $0 == "\u{1B}" }) ?? rest.endIndex
                out += filtered(String(rest[..<end]))
                rest = rest[end...]
            }
        }
        return out + filtered(String(rest))
    }

    /// Writes JSON to standard output with C1 controls and bidirectional controls escaped as
    /// `\uXXXX` (JSON encoders escape C0 controls already): the same data, inert on a terminal.
    static func json(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        guard TerminalText.needsSanitizing(text) else { return FileHandle.standardOutput.write(data) }
        var out = ""
        for scalar in text.unicodeScalars {
            if TerminalText.kind(of: scalar) != nil && scalar != "\n" {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// `text` with Recall's SGR styles kept (when `keepingStyles`: the stream is styled) and
    /// everything else sanitized.
    static func filtered(_ text: String, keepingStyles: Bool = true) -> String {
        guard TerminalText.needsSanitizing(text) else { return text }
        guard keepingStyles else { return TerminalText.sanitized(text) }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var plain = String.UnicodeScalarView()
        var i = 0
        func flush() {
            if !plain.isEmpty { out.append(contentsOf: TerminalText.sanitized(String(plain)).unicodeScalars) }
            plain = String.UnicodeScalarView()
        }
        while i < scalars.count {
            if scalars[i] == "\u{1B}", let end = styleEnd(scalars, from: i) {
                flush()
                out.append(contentsOf: scalars[i...end])
                i = end + 1
            } else {
                plain.append(scalars[i])
                i += 1
            }
        }
        flush()
        return String(out)
    }

    /// The index of the `m` ending an SGR sequence `ESC [ [0-9;]* m` that starts at `start`.
    private static func styleEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
        var i = start + 2
        while i < scalars.count, i - start < 24 {
            let c = scalars[i]
            if c == "m" { return i }
            guard ("0"..."9").contains(c) || c == ";" else { return nil }
            i += 1
        }
        return nil
    }
}

/// Swift's `print`, filtered through ``Console`` (see there): within this module every `print`
/// is this one. Buffered like Swift's, so it keeps its order with other `print`s.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(Console.filtered(text, keepingStyles: Console.stylesOnStandardOutput), terminator: "")
}
