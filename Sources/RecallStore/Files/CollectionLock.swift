#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The advisory lock held by the one process allowed to write a collection's progress.
///
/// An exclusive `flock` on the `lock` file in the collection folder, with the holder's pid
/// and command line written into the file for the message other processes show. The kernel drops the lock
/// when the holder exits or is killed, so a stale `lock` file never blocks anyone.
public final class CollectionLock {
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
            let who = switch holder {
            case let (pid, command?)?: "'\(command)' (process \(pid); lock '\(path)')"
            case let (pid, nil)?: "process \(pid) (lock '\(path)')"
            case nil: "another process (lock '\(path)')"
            }
            throw StoreError(path: path, reason: "the collection is in use by \(who)",
                             notes: ["finish or quit the other recall session first; read-only work still runs beside it: "
                                 + "'recall stats', 'recall decks', 'recall check' and 'recall quiz' without --record"])
        }
        let pid = Array("\(getpid())\n\(CollectionLock.commandLine)\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Releases the lock (also done by the kernel when the process ends).
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        // Unlock explicitly: a child forked by this process may still share the descriptor
        // until it execs, and the lock belongs to the shared open file.
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }

    /// This process's command as the holder names it: the program's file name and its
    /// arguments without the collection's paths (`--decks`, `--data`), on one line, cut short.
    static let commandLine: String = {
        var words: [String] = []
        var skipNext = false
        for (index, word) in CommandLine.arguments.enumerated() {
            if skipNext { skipNext = false; continue }
            if index == 0 { words.append(String(word.split(separator: "/").last ?? Substring(word))); continue }
            if word == "--decks" || word == "--data" { skipNext = true; continue }
            if word.hasPrefix("--decks=") || word.hasPrefix("--data=") { continue }
            words.append(word)
        }
        let line = String(words.joined(separator: " ").map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return line.count > 80 ? String(line.prefix(79)) + "…" : line
    }()

    /// The pid written in the lock file, if it reads as one, and the command written after
    /// it (files written by older versions hold only the pid).
    private static func holder(fd: Int32) -> (pid: Int, command: String?)? {
        var buf = [UInt8](repeating: 0, count: 512)
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        let lines = String(decoding: buf[0..<n], as: UTF8.self).split(separator: "\n")
        guard let first = lines.first, let pid = Int(first) else { return nil }
        let command = lines.dropFirst().first.map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        return (pid, command)
    }
}
