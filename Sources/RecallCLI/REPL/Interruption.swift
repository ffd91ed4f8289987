@preconcurrency import Glibc
import Synchronization

/// Ctrl-C as the line reader sees it: a flag, and a pipe that wakes up whoever waits for a key
/// (the "self-pipe" pattern). The SIGINT handler sets both.
///
/// A flag alone loses a Ctrl-C that comes after the reader last looked at it and before it
/// blocks reading the terminal (while the prompt is drawn): the read then waits for the next
/// key, and the Ctrl-C cancels the line after. Waiting is therefore a `poll` on the terminal and
/// the pipe together: a Ctrl-C at any moment, before or during the wait, ends it.
final class Interruption: Sendable {
    private let flag = Atomic<Bool>(false)
    private let wakeRead: Int32
    private let wakeWrite: Int32

    /// Without a pipe (none could be made), Ctrl-C is noticed by the flag alone.
    init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        } else {
            fds = [-1, -1]
        }
        wakeRead = fds[0]
        wakeWrite = fds[1]
    }

    deinit {
        if wakeRead >= 0 { close(wakeRead) }
        if wakeWrite >= 0 { close(wakeWrite) }
    }

    /// Records a Ctrl-C. Async-signal-safe: an atomic store and a `write` (dropped when the
    /// pipe is full: it already holds a wake-up).
    func signal() {
        flag.store(true, ordering: .sequentiallyConsistent)
        var byte: UInt8 = 0
        _ = write(wakeWrite, &byte, 1)
    }

    /// Whether a Ctrl-C came since the last call, clearing it.
    func take() -> Bool {
        let came = flag.exchange(false, ordering: .sequentiallyConsistent)
        if came { drain() }
        return came
    }

    /// What ended a ``waitForInput(on:)``.
    enum Wait: Equatable {
        /// `fd` can be read.
        case ready
        /// A Ctrl-C came (it is left for ``take()``).
        case interrupted
        /// Another signal came: the caller decides whether to wait again.
        case otherSignal
        /// `poll` failed.
        case failed
    }

    /// Waits until `fd` can be read, a Ctrl-C not yet taken (see ``take()``) has come (also
    /// before the call), or another signal interrupts the wait.
    func waitForInput(on fd: Int32) -> Wait {
        while true {
            if flag.load(ordering: .sequentiallyConsistent) { return .interrupted }
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 2, -1) < 0 {
                guard errno == EINTR else { return .failed }
                if flag.load(ordering: .sequentiallyConsistent) { return .interrupted }
                return .otherSignal
            }
            // A wake-up left from a Ctrl-C already taken is emptied; the flag decides.
            if fds[1].revents != 0 { drain(); continue }
            if fds[0].revents != 0 { return .ready }
        }
    }

    private func drain() {
        guard wakeRead >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &buffer, buffer.count) > 0 {}
    }
}
