/// What one attempt to read a line gave.
enum LineInput: Equatable, Sendable {
    /// A line the user entered, without its newline.
    case line(String)
    /// Ctrl-C: the current line was abandoned; the REPL goes on.
    case interrupted
    /// End of input (Ctrl-D on an empty line, or the end of piped input).
    case end
}

/// Where the REPL gets its lines: libedit on a terminal (``EditLineReader``), plain
/// `readLine` for pipes (``PlainLineReader``), a script in tests (``ScriptedLineReader``).
protocol LineReader: AnyObject {
    /// Reads one line, showing `prompt` if the reader shows prompts.
    func read(prompt: String) -> LineInput
    /// Adds `line` to the history (for up-arrow and Ctrl-R) and persists it, if the reader
    /// keeps history.
    func remember(_ line: String)
    /// What TAB completes; the REPL updates it when decks or the mode change.
    var completer: Completer { get set }
    /// True when the user sees a prompt and types at a terminal.
    var isInteractive: Bool { get }
    /// Saves history and restores the terminal. Safe to call twice.
    func close()
}

/// Reads standard input line by line with Swift's `readLine`: no prompt, no echo, no
/// libedit. Used when standard input or output is not a terminal, so sessions can be
/// scripted. SIGINT keeps its default action here: a handler without `SA_RESTART`
/// would make `readLine` spin.
final class PlainLineReader: LineReader {
    var completer = Completer()
    var isInteractive: Bool { false }

    init() {}

    func read(prompt: String) -> LineInput {
        guard var line = Swift.readLine(strippingNewline: true) else { return .end }
        if line.hasSuffix("\r") { line.removeLast() }
        return .line(line)
    }

    func remember(_ line: String) {}
    func close() {}
}

/// Replays a fixed list of inputs; records the prompts it was asked to show. For tests.
final class ScriptedLineReader: LineReader {
    var completer = Completer()
    var isInteractive: Bool { false }
    /// Every prompt passed to ``read(prompt:)``, in order.
    private(set) var prompts: [String] = []
    /// Every line passed to ``remember(_:)``.
    private(set) var history: [String] = []
    private var inputs: [LineInput]
    private(set) var closed = false

    /// `inputs` are returned in order; after them, `.end`.
    init(_ inputs: [LineInput]) { self.inputs = inputs }

    /// Convenience: each string is one entered line.
    convenience init(lines: [String]) { self.init(lines.map(LineInput.line)) }

    func read(prompt: String) -> LineInput {
        prompts.append(prompt)
        return inputs.isEmpty ? .end : inputs.removeFirst()
    }

    func remember(_ line: String) { history.append(line) }
    func close() { closed = true }
}
