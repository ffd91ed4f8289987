import Foundation
import RecallCore

/// The one printer of diagnostics: `file:line[:col]: error|warning: message` plus `note:`
/// lines, on standard error. Bold and colour only when stderr is a terminal, `NO_COLOR`
/// is unset and `--no-color` is not given.
struct DiagnosticPrinter {
    /// At most this many diagnostics are printed per file; a note counts the rest.
    static let limitPerFile = 100

    var color: Bool
    /// Columns to wrap lines to (continuations indented two spaces), or nil to keep each on
    /// one line, as tools that read `file:line:` locations from a pipe expect.
    var width: Int?

    init(color: Bool, width: Int? = nil) {
        self.color = color
        self.width = width
    }

    /// The printer for this process's standard error (`noColor` is `--no-color`, which
    /// ``Terminal/noColorGiven`` also knows once options are parsed): wrapped to the window
    /// when that is a terminal.
    static func standardError(noColor: Bool = false) -> DiagnosticPrinter {
        var size = winsize()
        let isTerminal = isatty(STDERR_FILENO) == 1
        let width = isTerminal && ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0
            ? max(20, Int(size.ws_col)) : nil
        return DiagnosticPrinter(color: Terminal.useColor(isTerminal: isTerminal, noColorFlag: noColor || Terminal.noColorGiven,
                                                          environment: ProcessInfo.processInfo.environment),
                                 width: width)
    }

    /// Prints `diagnostics` to standard error in one write.
    func print(_ diagnostics: [Diagnostic]) {
        let text = render(diagnostics)
        guard !text.isEmpty else { return }
        Console.err(text)
    }

    /// All diagnostics as printed, each line ending in a newline; beyond
    /// ``limitPerFile`` problems in one file, one note says how many were left out.
    func render(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        var shown: [String: Int] = [:]
        var hidden: [(file: String, count: Int)] = []
        var hiddenIndex: [String: Int] = [:]
        for diagnostic in diagnostics {
            let file = diagnostic.location?.file ?? ""
            let count = shown[file, default: 0]
            guard count < Self.limitPerFile || file.isEmpty else {
                if let i = hiddenIndex[file] { hidden[i].count += 1 } else {
                    hiddenIndex[file] = hidden.count
                    hidden.append((file, 1))
                }
                continue
            }
            shown[file] = count + 1
            out += wrapped(render(diagnostic)) + "\n"
        }
        for (file, count) in hidden {
            let problems = count == 1 ? "problem" : "problems"
            out += style("note:", bold: true) + " \(count) more \(problems) in '\(TerminalText.sanitized(file, keepingNewlines: false))' not shown; "
                + "'\(TypedCommand.text("check --json"))' lists them all\n"
        }
        return out
    }

    /// `text` wrapped to ``width`` when set.
    private func wrapped(_ text: String) -> String {
        guard let width else { return text }
        return TextWrapper.wrap(text, width: width, indent: 2).joined(separator: "\n")
    }

    /// One diagnostic with its notes, without a final newline. File names and quoted text
    /// come from the user's files: they are sanitized (``TerminalText``) before styling.
    func render(_ diagnostic: Diagnostic) -> String {
        var diagnostic = diagnostic
        if let location = diagnostic.location {
            diagnostic.location?.file = TerminalText.sanitized(location.file, keepingNewlines: false)
        }
        diagnostic.message = TerminalText.sanitized(diagnostic.message, keepingNewlines: false)
        diagnostic.notes = diagnostic.notes.map { TerminalText.sanitized($0, keepingNewlines: false) }
        guard color else { return diagnostic.rendered }
        let place: String
        if let location = diagnostic.location {
            place = diagnostic.column.map { "\(location):\($0)" } ?? location.description
        } else {
            place = "recall"
        }
        let severity = switch diagnostic.severity {
        case .error: style("error:", code: "31")
        case .warning: style("warning:", code: "35")
        case .note: style("note:", code: "36")
        }
        let headline = style(place + ":", bold: true) + " " + severity + " " + style(diagnostic.message, bold: true)
        return ([headline] + diagnostic.notes.map { style("note:", code: "36") + " " + $0 }).joined(separator: "\n")
    }

    private func style(_ text: String, bold: Bool = false, code: String? = nil) -> String {
        guard color else { return text }
        var codes: [String] = []
        if bold || code != nil { codes.append("1") }
        if let code { codes.append(code) }
        return "\u{1B}[\(codes.joined(separator: ";"))m\(text)\u{1B}[0m"
    }
}
