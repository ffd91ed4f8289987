#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory map of a whole file (empty files map to an empty buffer).
///
/// Reading a large review log this way costs no copy; the pages come from the page cache.
final class MappedFile {
    let path: String
    let bytes: UnsafeRawBufferPointer
    /// The file's inode and device, to notice when a file is replaced by a sync tool.
    let identity: FileIdentity
    private let base: UnsafeMutableRawPointer?

    /// Maps `path`; returns nil when the file does not exist.
    ///
    /// `populate` maps every page at once (Linux: `MAP_POPULATE`), for a file that will be
    /// read whole: one call instead of a page fault per 4 KiB.
    init?(path: String, populate: Bool = false) throws(StoreError) {
        let fd: Int32
        let st: stat
        switch RegularFile.openForReading(path) {
        case .file(let descriptor, let info): (fd, st) = (descriptor, info)
        case .failed(let code):
            if code == ENOENT { return nil }
            throw StoreError.system("read", path: path, errno: code)
        case .notRegular(let kind): throw RegularFile.notRegularError(path, kind)
        }
        defer { close(fd) }
        self.path = path
        identity = FileIdentity(st)
        let size = Int(st.st_size)
        guard size > 0 else {
            base = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        #if os(Linux)
        let flags = MAP_PRIVATE | (populate ? MAP_POPULATE : 0)
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let p = mmap(nil, size, PROT_READ, flags, fd, 0), p != MAP_FAILED else {
            throw StoreError.system("read", path: path, errno: errno)
        }
        base = p
        bytes = UnsafeRawBufferPointer(start: p, count: size)
    }

    deinit {
        if let base { munmap(base, bytes.count) }
    }
}

/// Which file a path pointed at, and how big it was.
struct FileIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int(st.st_size)
    }

    /// The identity of the file at `path` now, or nil if there is none.
    static func of(path: String) -> FileIdentity? {
        var st = stat()
        return stat(path, &st) == 0 ? FileIdentity(st) : nil
    }
}
