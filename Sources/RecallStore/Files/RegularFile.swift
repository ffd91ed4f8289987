#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening a file for reading that never blocks and never reads anything but a regular file.
///
/// A named pipe (FIFO) called `deck.txt` or `reviews.jsonl` would make a plain `open(2)` wait
/// forever for a writer (holding the collection's lock meanwhile); a device could be read
/// without end. Every reader opens through ``openForReading(_:)``: `O_NONBLOCK` so that the open itself
/// returns, then anything but a regular file is refused before a byte is read.
enum RegularFile {
    enum Opened {
        /// An open descriptor (blocking again) and what `fstat` said about it.
        case file(Int32, stat)
        /// `open` or `fstat` failed with this errno (`ENOENT`: there is no such file).
        case failed(Int32)
        /// Something other than a regular file, named as in ``kind(_:)``.
        case notRegular(String)
    }

    /// Opens `path` read-only (see the type's documentation).
    static func openForReading(_ path: String) -> Opened {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failed(errno) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let code = errno
            close(fd)
            return .failed(code)
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return .notRegular(kind(st.st_mode))
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return .file(fd, st)
    }

    /// What a file of mode `mode` is, for messages: `a folder`, `a named pipe (FIFO)`, ….
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFREG: return "a regular file"
        default: return "not a regular file"
        }
    }

    /// The error for reading `path` when it is not a regular file.
    static func notRegularError(_ path: String, _ kind: String) -> StoreError {
        StoreError(path: path, reason: "cannot read '\(path)': it is \(kind), not a regular file")
    }
}
