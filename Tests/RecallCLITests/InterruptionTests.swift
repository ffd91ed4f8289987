@preconcurrency import Glibc
import Foundation
import Testing
@testable import RecallCLI

/// How the line reader waits for a key (``Interruption``): a Ctrl-C at any moment ends the
/// wait, including one that came after the reader last looked and before it started waiting
/// (while the prompt was drawn), which a flag checked before a blocking read would miss.
@Suite struct InterruptionTests {
    /// A pipe standing in for the terminal; closed by the caller.
    func terminal() -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        return (fds[0], fds[1])
    }

    @Test func aCtrlCBeforeTheWaitEndsItAtOnce() {
        let interruption = Interruption()
        let tty = terminal()
        defer { close(tty.read); close(tty.write) }
        var key = UInt8(ascii: "x")
        #expect(write(tty.write, &key, 1) == 1)
        #expect(interruption.waitForInput(on: tty.read) == .ready)
        interruption.signal()  // as the SIGINT handler does, before the wait begins
        #expect(interruption.waitForInput(on: tty.read) == .interrupted)
        #expect(interruption.waitForInput(on: tty.read) == .interrupted)  // until taken
        #expect(interruption.take())
        #expect(!interruption.take())
        #expect(interruption.waitForInput(on: tty.read) == .ready)
    }

    /// Whether the Ctrl-C comes before or during the wait, the wait ends with it (the
    /// outcome does not depend on which comes first).
    @Test func aCtrlCDuringTheWaitEndsIt() {
        let interruption = Interruption()
        let tty = terminal()
        defer { close(tty.read); close(tty.write) }
        let other = Thread { interruption.signal() }
        other.start()
        #expect(interruption.waitForInput(on: tty.read) == .interrupted)
        #expect(interruption.take())
    }
}
