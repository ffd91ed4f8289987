@preconcurrency import Glibc
@preconcurrency import CEditLine
import Foundation
import Synchronization

/// Facts about the terminal the process runs on: whether it is interactive, whether to use
/// colour, how wide it is. Reads the environment; the decisions themselves are in small
/// pure functions so tests can check them.
enum Terminal {
    /// True when both standard input and standard output are terminals. Only then does the
    /// REPL use libedit (with stdout piped, libedit falls back to a mode without prompt or
    /// completion, so stdin alone is not enough).
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// True when standard output is a terminal.
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Whether to colour output: only on a terminal, never with `--no-color`, never when
    /// `NO_COLOR` is set to anything non-empty (https://no-color.org), never with `TERM=dumb`.
    static func useColor(isTerminal: Bool, noColorFlag: Bool,
                         environment env: [String: String]) -> Bool {
        guard isTerminal, !noColorFlag else { return false }
        if let value = env["NO_COLOR"], !value.isEmpty { return false }
        return env["TERM"] != "dumb"
    }

    /// The colour decision for standard output of this process.
    static func useColor(noColorFlag: Bool = false) -> Bool {
        useColor(isTerminal: stdoutIsTerminal, noColorFlag: noColorFlag || noColorGiven,
                 environment: ProcessInfo.processInfo.environment)
    }

    /// Whether a command of this process was given `--no-color` (recorded when its options
    /// are parsed). Like `NO_COLOR`, it holds for every printer, including those reached
    /// from shared helpers (store notices, deck warnings) that have no options at hand.
    static var noColorGiven: Bool { noColorFlag.withLock { $0 } }

    /// Notes that a command was given `--no-color` (see ``noColorGiven``).
    static func recordNoColorFlag() {
        noColorFlag.withLock { $0 = true }
    }

    private static let noColorFlag = Mutex(false)

    /// Columns of the terminal: the window size of stdout (`TIOCGWINSZ`), else `$COLUMNS`,
    /// else 80. Never less than 20.
    static func width(environment env: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return max(20, Int(size.ws_col))
        }
        return width(columnsVariable: env["COLUMNS"])
    }

    /// Rows of the window and the height of one text row in pixels (`TIOCGWINSZ`); without a
    /// window, `$LINES` or 24 rows, and a usual cell height when the terminal gives no pixels.
    static func rowsAndCellHeight(environment env: [String: String] = ProcessInfo.processInfo.environment) -> (rows: Int, cellHeight: Int) {
        let usualCellHeight = 18
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 {
            let cell = size.ws_ypixel > 0 ? Int(size.ws_ypixel) / Int(size.ws_row) : usualCellHeight
            return (Int(size.ws_row), max(1, cell))
        }
        return (env["LINES"].flatMap { Int($0) }.map { max(3, $0) } ?? 24, usualCellHeight)
    }

    /// `report` wrapped to the terminal's ``width(environment:)``, continuation lines
    /// indented under their line's text.
    static func fitted(_ report: String) -> String {
        let width = width()
        return report.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let indent = line.prefix(while: { $0 == " " }).count + 2
            return TextWrapper.wrap(String(line), width: width, indent: indent).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// `$COLUMNS` if it is a positive number, else 80; never less than 20.
    static func width(columnsVariable: String?) -> Int {
        guard let text = columnsVariable, let n = Int(text), n > 0 else { return 80 }
        return max(20, n)
    }

    /// Sets the C locale from the environment and makes sure the character set is UTF-8
    /// (falling back to `C.UTF-8`). Call first thing: libedit decodes input with `mbrtowc`
    /// and silently drops every non-ASCII byte in a non-UTF-8 locale.
    static func setUpLocale() {
        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
        setlocale(LC_CTYPE, "C.UTF-8")
    }
}
