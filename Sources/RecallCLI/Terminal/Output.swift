import Foundation

/// A styled text writer: the one way the REPL and reports print to the user.
///
/// Colour is decided once (see ``Terminal/useColor(noColorFlag:)``); when it is off,
/// ``styled(_:_:)`` returns the text unchanged, so callers never check. Text is written
/// through a sink, so tests can capture it.
final class Output {
    /// Whether ANSI styles are emitted.
    let color: Bool
    /// Columns available for wrapping (asked again each time, so a resized window is
    /// followed).
    var width: Int { widthProvider() }
    private let widthProvider: () -> Int
    private let sink: (String) -> Void

    /// - Parameters:
    ///   - sink: receives every piece of text, in order.
    init(color: Bool, width: Int, sink: @escaping (String) -> Void) {
        self.color = color
        self.widthProvider = { width }
        self.sink = sink
    }

    /// An output whose width is read from `width` whenever it is needed.
    init(color: Bool, width: @escaping () -> Int, sink: @escaping (String) -> Void) {
        self.color = color
        self.widthProvider = width
        self.sink = sink
    }

    /// Writes to standard output (unbuffered: each call is one `write(2)`); the width
    /// follows the terminal window.
    static func standard(noColorFlag: Bool = false) -> Output {
        let environment = ProcessInfo.processInfo.environment
        return Output(color: Terminal.useColor(noColorFlag: noColorFlag),
                      width: { Terminal.width(environment: environment) }) { text in
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// Collects everything into `buffer.text`; handy in tests.
    static func capturing(_ buffer: OutputBuffer, color: Bool = false, width: Int = 80) -> Output {
        Output(color: color, width: width) { buffer.text += $0 }
    }

    /// Writes `text` as is.
    func write(_ text: String) { sink(text) }

    /// Writes `text` and a newline.
    func line(_ text: String = "") { sink(text + "\n") }

    /// Writes `text` wrapped to the width, continuation lines indented by `indent`.
    func wrapped(_ text: String, indent: Int = 0) {
        sink(TextWrapper.wrap(text, width: width, indent: indent).joined(separator: "\n") + "\n")
    }

    /// `text` in the given styles when colour is on, else `text` unchanged.
    func styled(_ text: String, _ styles: ANSIStyle...) -> String {
        color ? ANSIStyle.apply(styles, to: text) : text
    }
}

/// A text buffer that an ``Output`` can write into.
final class OutputBuffer {
    var text = ""
    init() {}
}
