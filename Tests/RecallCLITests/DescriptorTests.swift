@preconcurrency import Glibc
import Foundation
import Testing
import RecallTestSupport

/// Tests run in parallel in one process: a child process that inherited another test's pipe
/// would keep that pipe's end of input from arriving. The pseudo-terminal driver closes
/// everything above 2 in its child (see PTYTests); these check Foundation's `Process`, which
/// the pipe-driven tests use.
@Suite struct DescriptorTests {
    @Test func aProcessStartedByATestInheritsNoOtherDescriptor() throws {
        let pipe = Descriptors.inheritablePipe()
        defer { close(pipe.read); close(pipe.write) }
        let leaked = Descriptors.pipeTarget(pipe.write)
        #expect(Descriptors.targets(ofProcess: getpid())?.contains(leaked) == true)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/ls")
        process.arguments = ["-l", "/proc/self/fd/"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let listing = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(listing.contains("/proc/"))  // ls's own descriptor: the listing is real
        #expect(!listing.contains(leaked))
    }
}
