@preconcurrency import Glibc
import Foundation

/// What a process has open, read from `/proc`, so a test can check a child's descriptors
/// directly instead of inferring them from what a shared pipe does (which any other test
/// starting a process at the same moment can change).
public enum Descriptors {
    /// The targets of `/proc/PID/fd/*` (e.g. `pipe:[1234]`, `/dev/pts/3`), or nil when the
    /// process is gone.
    public static func targets(ofProcess pid: pid_t) -> Set<String>? {
        let folder = "/proc/\(pid)/fd"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        return Set(names.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\($0)") })
    }

    /// How `/proc/*/fd` names the pipe or socket behind `fd` (`pipe:[INODE]`).
    public static func pipeTarget(_ fd: Int32) -> String {
        var info = stat()
        fstat(fd, &info)
        return "pipe:[\(info.st_ino)]"
    }

    /// A pipe whose ends every child process inherits unless it closes them itself: the
    /// descriptors a careless spawn would leak.
    public static func inheritablePipe() -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        pipe(&fds)
        return (fds[0], fds[1])
    }
}
