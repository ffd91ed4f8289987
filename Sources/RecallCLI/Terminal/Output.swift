import Foundation
import RecallCore

/// A styled text writer: the one way the REPL and reports print to the user.
///
/// Colour is decided once (see ``Terminal/useColor(noColorFlag:)``); when it is off,
/// ``styled(_:_:)`` returns the text unchanged, so callers never check. Text is written
/// through a sink, so tests can capture it; ``collecting(_:)`` sends what a step prints
/// (a card, an answer and its grade choices) to the sink as one piece.
final class Output {
    /// Whether ANSI styles are emitted.
    let color: Bool
    /// Columns available for wrapping (asked again each time, so a resized window is
    /// followed).
    var width: Int { widthProvider() }
    private let widthProvider: () -> Int
    private let sink: (String) -> Void
    /// Receives Recall's own escape sequences that are not styles (an inline image), as they
    /// are; the same as ``sink`` except for standard output, whose sink filters.
    private let rawSink: (String) -> Void
    /// What ``collecting(_:)`` has gathered so far; nil outside it.
    private var pending: String?

    /// - Parameters:
    ///   - sink: receives every piece of text, in order.
    init(color: Bool, width: Int, sink: @escaping (String) -> Void) {
        self.color = color
        self.widthProvider = { width }
        self.sink = sink
        self.rawSink = sink
    }

    /// An output whose width is read from `width` whenever it is needed.
    init(color: Bool, width: @escaping () -> Int, sink: @escaping (String) -> Void,
         rawSink: ((String) -> Void)? = nil) {
        self.color = color
        self.widthProvider = width
        self.sink = sink
        self.rawSink = rawSink ?? sink
    }

    /// Writes to standard output (unbuffered: each call, or each ``collecting(_:)``, is one
    /// `write(2)`). On a terminal the width follows the window; otherwise (a pipe, a file)
    /// it is `$COLUMNS` or 80, found once.
    static func standard(noColorFlag: Bool = false) -> Output {
        let environment = ProcessInfo.processInfo.environment
        let write: (String) -> Void = { text in Console.out(text) }
        let color = Terminal.useColor(noColorFlag: noColorFlag)
        let raw: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }
        guard Terminal.stdoutIsTerminal else {
            let width = Terminal.width(columnsVariable: environment["COLUMNS"])
            return Output(color: color, width: { width }, sink: write, rawSink: raw)
        }
        return Output(color: color, width: { Terminal.width(environment: environment) }, sink: write, rawSink: raw)
    }

    /// Writes one of Recall's own non-style sequences (built by ``InlineImage`` from base64
    /// and numbers only) unfiltered, in order with the text around it.
    func writeSequence(_ sequence: String) {
        if let text = pending, !text.isEmpty {
            sink(text)
            pending = ""
        }
        rawSink(sequence)
    }

    /// Collects everything into `buffer.text`; handy in tests.
    static func capturing(_ buffer: OutputBuffer, color: Bool = false, width: Int = 80) -> Output {
        Output(color: color, width: width) { buffer.text += $0 }
    }

    /// Writes `text`, filtered for the terminal: without colour nothing in it may be a control
    /// character (``TerminalText``), with colour only Recall's own styles (see ``Console``).
    func write(_ text: String) {
        let text = color ? Console.filtered(text) : TerminalText.sanitized(text)
        if pending != nil { pending?.append(text) } else { sink(text) }
    }

    /// Writes `text` and a newline.
    func line(_ text: String = "") { write(text + "\n") }

    /// Writes `text` wrapped to the width, continuation lines indented by `indent`.
    func wrapped(_ text: String, indent: Int = 0) {
        write(TextWrapper.wrap(text, width: width, indent: indent).joined(separator: "\n") + "\n")
    }

    /// Runs `body` and writes everything it printed in one piece when it returns (the same
    /// text, one `write(2)` instead of one per line). Call it around output that is
    /// followed by reading input, never around the reading itself.
    func collecting<T>(_ body: () throws -> T) rethrows -> T {
        guard pending == nil else { return try body() }  // already inside one
        pending = ""
        defer {
            let text = pending ?? ""
            pending = nil
            if !text.isEmpty { sink(text) }
        }
        return try body()
    }

    /// `text` sanitized (``TerminalText``: it may come from a shared deck), then in the given
    /// styles when colour is on. Never pass it text that is already styled.
    func styled(_ text: String, _ styles: ANSIStyle...) -> String {
        let text = TerminalText.sanitized(text)
        return color ? ANSIStyle.apply(styles, to: text) : text
    }
}

/// A text buffer that an ``Output`` can write into.
final class OutputBuffer {
    var text = ""
    init() {}
}
