#if canImport(Glibc)
import Glibc
#endif
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
    /// True when the next ``read(prompt:)`` will return without waiting: a whole line (or the
    /// end of input) is already there, as when a script pipes answers in. An answer's log
    /// flush may then wait until the input runs dry (see ``REPLContext/log(_:)``).
    var hasInputWaiting: Bool { get }
    /// Saves history and restores the terminal. Safe to call twice.
    func close()
}

/// Reads standard input line by line: no prompt, no echo, no libedit. Used when standard
/// input or output is not a terminal, so sessions can be scripted. Reads with `read(2)` into
/// its own buffer, so it can tell whether another line is already waiting. SIGINT keeps its
/// default action here (a handler would interrupt the read for nothing).
final class PlainLineReader: LineReader {
    var completer = Completer()
    var isInteractive: Bool { false }
    private let fd: Int32
    private var buffer: [UInt8] = []
    /// Where the unread bytes of `buffer` start.
    private var start = 0
    private var atEnd = false

    init(fd: Int32 = 0) { self.fd = fd }

    func read(prompt: String) -> LineInput {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                return .line(take(upTo: newline, skipping: 1))
            }
            if atEnd {
                guard start < buffer.count else { return .end }
                return .line(take(upTo: buffer.count, skipping: 0))
            }
            fill()
        }
    }

    var hasInputWaiting: Bool {
        if atEnd || buffer[start...].contains(0x0A) { return true }
        // Take in what has arrived, without waiting for more.
        while !atEnd, !buffer[start...].contains(0x0A) {
            var probe = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&probe, 1, 0) > 0 else { return false }
            fill()
        }
        return true
    }

    /// Reads what is available (waiting if nothing is), or notes the end of input.
    private func fill() {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let chunk = 1 << 16
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        var n = 0
        repeat {
            n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + old, chunk) }
        } while n < 0 && errno == EINTR
        buffer.removeLast(chunk - max(n, 0))
        if n <= 0 { atEnd = true }
    }

    /// The line in `buffer[start..<end]` (a trailing CR dropped), moving past it and `skip` bytes.
    private func take(upTo end: Int, skipping skip: Int) -> String {
        var stop = end
        if stop > start, buffer[stop - 1] == 0x0D { stop -= 1 }
        let line = String(decoding: buffer[start..<stop], as: UTF8.self)
        start = end + skip
        return line
    }

    func remember(_ line: String) {}
    func close() {}
}

/// Replays a fixed list of inputs; records the prompts it was asked to show. For tests.
final class ScriptedLineReader: LineReader {
    var completer = Completer()
    var isInteractive: Bool { false }
    var hasInputWaiting: Bool { !inputs.isEmpty }
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
