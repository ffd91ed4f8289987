#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The advisory lock held by the one process allowed to write a collection's progress.
///
/// An exclusive `flock` on the `lock` file in the collection folder, with the holder's pid
/// written into the file for the message other processes show. The kernel drops the lock
/// when the holder exits or is killed, so a stale `lock` file never blocks anyone.
final class CollectionLock {
    let path: String
    private var fd: Int32

    /// Takes the lock at once or throws naming the holder's pid; never waits.
    init(path: String) throws(StoreError) {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.system("open the lock file", path: path, errno: errno) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = CollectionLock.holder(fd: fd)
            close(fd)
            guard code == EWOULDBLOCK else { throw StoreError.system("lock", path: path, errno: code) }
            let who = holder.map { "process \($0)" } ?? "another process"
            throw StoreError(path: path, reason: "the collection is in use by \(who) (lock '\(path)')",
                             notes: ["finish or quit the other recall session first; read-only commands such as 'recall stats' still work"])
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Releases the lock (also done by the kernel when the process ends).
    func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        // Unlock explicitly: a child forked by this process may still share the descriptor
        // until it execs, and the lock belongs to the shared open file.
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }

    /// The pid written in the lock file, if it reads as one.
    private static func holder(fd: Int32) -> Int? {
        var buf = [UInt8](repeating: 0, count: 32)
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        let text = String(decoding: buf[0..<n], as: UTF8.self)
        return Int(text.split(separator: "\n").first ?? "")
    }
}
