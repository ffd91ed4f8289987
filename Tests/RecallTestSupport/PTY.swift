@preconcurrency import Glibc
import Foundation

/// Runs a program on a pseudo-terminal (`forkpty`) so tests can type real keys at it and
/// read what it draws, as a user at a terminal would.
///
/// Output is matched after stripping ANSI escapes and BELs (libedit redraws lines with
/// cursor motion). ``expect(_:timeout:)`` consumes output up to the match, so each call
/// looks only at what came after the previous one.
public final class PTYProcess {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// How many times longer than asked every wait may take: `RECALL_TEST_TIMEOUT_SCALE` if
    /// set, else 5 when the tests run under AddressSanitizer or ThreadSanitizer (whose
    /// `recall` is several times slower, more so on a loaded machine), else 1.
    public static let timeoutScale: Double = {
        if let text = ProcessInfo.processInfo.environment["RECALL_TEST_TIMEOUT_SCALE"],
           let scale = Double(text), scale > 0 { return scale }
        guard let program = dlopen(nil, RTLD_NOW) else { return 1 }
        defer { dlclose(program) }
        let runtimes: [String] = ["__asan_init", "__tsan_init"]
        return runtimes.contains { name in dlsym(program, name) != nil } ? 5 : 1
    }()

    public let pid: pid_t
    private let fd: Int32
    private var raw: [UInt8] = []
    private var consumed = 0
    public private(set) var exitStatus: Int32?

    /// Starts `path` with `arguments` and exactly `environment` (plus
    /// `RECALL_AUTO_OPTIMIZE=foreground` unless it sets that: nothing runs in the background
    /// after a test's session), on a 100×30 terminal.
    public init(path: String, arguments: [String], environment: [String: String]) throws {
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let environment = environment.merging(["RECALL_AUTO_OPTIMIZE": "foreground"]) { own, _ in own }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        var master: Int32 = -1
        let child = argv.withUnsafeBufferPointer { a in
            envp.withUnsafeBufferPointer { e -> pid_t in
                let pid = forkpty(&master, nil, nil, &size)
                if pid == 0 {
                    // Child: async-signal-safe calls only. Swift Testing's threads block most
                    // signals and the mask survives exec, so clear it (else Ctrl-C does nothing).
                    sigprocmask(SIG_SETMASK, &emptyMask, nil)
                    signal(SIGINT, SIG_DFL)
                    signal(SIGPIPE, SIG_DFL)
                    // Descriptors other tests opened without close-on-exec (a pipe's write
                    // end, another terminal's master) must not live on in this child: a
                    // test waiting for a pipe's end of input would wait as long as it runs.
                    closefrom(3)
                    if let program = a[0], let args = a.baseAddress, let env = e.baseAddress {
                        execve(program, args, env)
                    }
                    _exit(127)
                }
                return pid
            }
        }
        guard child > 0 else { throw Failure(description: "forkpty failed: errno \(errno)") }
        pid = child
        fd = master
        // Processes other tests start must not hold this terminal open.
        _ = fcntl(master, F_SETFD, fcntl(master, F_GETFD) | FD_CLOEXEC)
    }

    /// Whether the master side is closed in every process started after this one.
    public var masterIsCloseOnExec: Bool { fcntl(fd, F_GETFD) & FD_CLOEXEC != 0 }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(fd)
    }

    /// Types `text` (use `\r` for Enter, `\u{03}` for Ctrl-C, `\u{04}` for Ctrl-D,
    /// `\u{1B}[A` for Up, `\t` for TAB).
    public func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Every byte the program wrote to the terminal so far, escapes and all.
    public var rawOutput: [UInt8] { raw }

    /// Everything drawn so far, escapes stripped.
    public var screen: String { PTYProcess.strip(raw) }

    /// Waits until `text` appears in the output after the last match; returns the output
    /// from the last match up to and including this one. Throws after `timeout` seconds
    /// (a safety net against hangs, not a timing assertion; scaled by ``timeoutScale``).
    @discardableResult
    public func expect(_ text: String, timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout * PTYProcess.timeoutScale)
        while true {
            let pending = PTYProcess.strip(Array(raw[consumed...]))
            if let range = pending.range(of: text) {
                let upTo = String(pending[..<range.upperBound])
                consumed = raw.count - PTYProcess.rawSuffixLength(raw[consumed...], afterStripped: String(pending[range.upperBound...]))
                return upTo
            }
            if Date() > deadline || !readMore(until: deadline) {
                throw Failure(description: "did not see \"\(text)\"; output since last match:\n\(pending)\n--- whole screen:\n\(screen)\n--- raw tail: \(Array(raw.suffix(120)))")
            }
        }
    }

    /// Waits until `prompt` appears (see ``expect(_:timeout:)``) and the program has put
    /// the terminal in raw mode to read a line, as a user waits for the prompt before
    /// typing. Keys sent earlier land in cooked mode, where the kernel echoes them and
    /// turns Ctrl-C into a signal before the line editor is listening.
    @discardableResult
    public func expectPrompt(_ prompt: String, timeout: TimeInterval = 20) throws -> String {
        let seen = try expect(prompt, timeout: timeout)
        let deadline = Date().addingTimeInterval(timeout * PTYProcess.timeoutScale)
        var modes = termios()
        while tcgetattr(fd, &modes) == 0, modes.c_lflag & tcflag_t(ICANON) != 0 {
            if Date() > deadline { throw Failure(description: "the terminal never left canonical mode after \"\(prompt)\"") }
            _ = readMore(until: deadline)
        }
        return seen
    }

    /// Reads what is available (waiting up to 100 ms); false once the terminal is closed
    /// and nothing more can come.
    private func readMore(until deadline: Date) -> Bool {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&pfd, 1, 100)
        if ready <= 0 { return Date() <= deadline }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(fd, &buffer, buffer.count)
        if n <= 0 { return false }
        raw += buffer[0..<n]
        return true
    }

    /// Waits for the program to exit and returns its exit status (128+signal if killed).
    public func waitForExit(timeout: TimeInterval = 20) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout * PTYProcess.timeoutScale)
        while Date() < deadline {
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                exitStatus = code
                _ = readMore(until: Date())
                return code
            }
            _ = readMore(until: deadline)
        }
        throw Failure(description: "the program did not exit; screen:\n\(screen)")
    }

    /// Removes `ESC [ … letter`, `ESC` + one character, BEL and carriage returns.
    public static func strip(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let b = bytes[i]
            if b == 0x1B {
                i = bytes.index(after: i)
                guard i != bytes.endIndex else { break }
                if bytes[i] == UInt8(ascii: "[") {
                    i = bytes.index(after: i)
                    while i != bytes.endIndex, !(0x40...0x7E).contains(bytes[i]) { i = bytes.index(after: i) }
                }
                if i != bytes.endIndex { i = bytes.index(after: i) }
                continue
            }
            if b != 0x07 && b != UInt8(ascii: "\r") { out.append(b) }
            i = bytes.index(after: i)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// How many raw bytes at the end of `bytes` strip to `strippedTail` (so the consumed
    /// cursor can be placed just after a match).
    private static func rawSuffixLength(_ bytes: ArraySlice<UInt8>, afterStripped strippedTail: String) -> Int {
        if strippedTail.isEmpty { return 0 }
        var start = bytes.endIndex
        while start > bytes.startIndex {
            start -= 1
            if strip(bytes[start...]).utf8.count >= strippedTail.utf8.count { return bytes.endIndex - start }
        }
        return bytes.count
    }
}
