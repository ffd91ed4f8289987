#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Durable whole-file replacement and other small POSIX helpers.
enum AtomicFile {
    /// Replaces `path` with `bytes`: writes a temp file in the same folder, fsyncs it,
    /// renames it over `path` and fsyncs the folder. A crash leaves either the old or the
    /// new file, never a mix. An existing file's permission bits are kept; a new file gets
    /// `mode` (filtered by the umask).
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(StoreError) {
        let folder = parentFolder(of: path)
        let temp = "\(path).tmp-\(getpid())"
        var existing = stat()
        let keepMode = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : nil
        // A new file, never one already there (a link planted under the temp name).
        unlink(temp)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, keepMode ?? mode)
        guard fd >= 0 else { throw StoreError.system("write", path: temp, errno: errno) }
        do throws(StoreError) {
            if let keepMode { fchmod(fd, keepMode) }
            try writeAll(fd, bytes, path: temp)
            guard fsync(fd) == 0 else { throw StoreError.system("write", path: temp, errno: errno) }
            close(fd)
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        guard rename(temp, path) == 0 else {
            let code = errno
            unlink(temp)
            throw StoreError.system("replace", path: path, errno: code)
        }
        try syncFolder(folder)
    }

    /// Replaces a cache file at `path` (temp file and rename, so a reader never sees half of
    /// one; no fsync: a cache lost in a power cut is simply made again). Best-effort.
    static func replaceCache(_ bytes: [UInt8], at path: String) {
        let temp = "\(path).tmp-\(getpid())"
        unlink(temp)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        let written = (try? writeAll(fd, bytes, path: temp)) != nil
        close(fd)
        if !written || rename(temp, path) != 0 { unlink(temp) }
    }

    /// Appends `bytes` to `path` (creating it) and fsyncs, as the review log is written.
    static func append(_ bytes: [UInt8], to path: String) throws(StoreError) {
        let existed = exists(path)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.system("open", path: path, errno: errno) }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
        guard fsync(fd) == 0 else { throw StoreError.system("save", path: path, errno: errno) }
        if !existed { try syncFolder(parentFolder(of: path)) }
    }

    /// Writes all of `bytes` to `fd`, retrying short writes and EINTR.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StoreError) {
        var done = 0
        let code: Int32? = bytes.withUnsafeBytes { buf in
            guard let base = buf.baseAddress else { return nil }
            while done < buf.count {
                let n = systemWrite(fd, base + done, buf.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return nil
        }
        if let code { throw StoreError.system("write", path: path, errno: code) }
    }

    /// fsyncs a folder so that a rename or a new file in it survives a power cut.
    static func syncFolder(_ folder: String) throws(StoreError) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.system("open", path: folder, errno: errno) }
        defer { close(fd) }
        // Some file systems refuse fsync on folders (EINVAL); the rename is still done.
        if fsync(fd) != 0, errno != EINVAL { throw StoreError.system("sync", path: folder, errno: errno) }
    }

    /// Creates `path` and its missing parents (mode 0755).
    static func makeFolders(_ path: String) throws(StoreError) {
        var isFolder = stat()
        if stat(path, &isFolder) == 0 {
            guard isFolder.st_mode & S_IFMT == S_IFDIR else {
                throw StoreError(path: path, reason: "'\(path)' exists but is not a folder")
            }
            return
        }
        let parent = parentFolder(of: path)
        if parent != path { try makeFolders(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw StoreError.system("create the folder", path: path, errno: errno)
        }
    }

    /// Reads a whole (small) file; nil when it does not exist.
    static func read(_ path: String) throws(StoreError) -> [UInt8]? {
        guard let map = try MappedFile(path: path) else { return nil }
        return Array(map.bytes)
    }

    /// The folder part of `path` (`.` for a bare name).
    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }
}

/// `write(2)`, named apart from the many Swift `write` methods.
@inline(__always) func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}
