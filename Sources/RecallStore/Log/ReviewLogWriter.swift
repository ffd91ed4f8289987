import RecallCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends entries to `reviews.jsonl`, each with one `write` and an `fsync` before returning.
///
/// Before the first append it repairs the end of the log as the reader found it: a torn
/// final line (a crash mid-append) is cut off, and a final line missing its newline gets one,
/// so later appends never glue onto a broken line. If an append fails (disk full), the log
/// is cut back to where it was, so a failed append never leaves a partial line behind.
final class ReviewLogWriter {
    let path: String
    private var fd: Int32
    /// Where the log ends, as far as this writer knows.
    private(set) var size: Int
    /// The open file's device and inode (fixed while it is open); nil if they are unknown.
    private let file: (device: UInt64, inode: UInt64)?
    private var repair: ReviewLogReader.Outcome?

    /// Opens (creating if needed) the log for appending; `outcome` says how its end looked.
    init(path: String, outcome: ReviewLogReader.Outcome?) throws(StoreError) {
        self.path = path
        let existed = AtomicFile.exists(path)
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.system("open", path: path, errno: errno) }
        var st = stat()
        if fstat(fd, &st) == 0 {
            let opened = FileIdentity(st)
            file = (opened.device, opened.inode)
            size = opened.size
        } else {
            file = nil
            size = 0
        }
        repair = outcome
        if !existed { try AtomicFile.syncFolder(AtomicFile.parentFolder(of: path)) }
    }

    deinit {
        if needsSync { _ = syncData(fd) }  // best effort; ProgressStore syncs before letting go
        if fd >= 0 { close(fd) }
    }

    /// Makes every line written so far durable (fsync); nothing to do when they are.
    func sync() throws(StoreError) {
        guard needsSync else { return }
        guard syncData(fd) == 0 else { throw StoreError.system("save", path: path, errno: errno) }
        needsSync = false
    }

    /// True when ``path`` still names the file open here and that file ends where this
    /// writer left it; false when something replaced, removed or extended the log behind
    /// its back (a sync tool). One `stat(2)`: the open file's device and inode cannot change,
    /// and while the path names that very file, its size is the open file's size.
    var isCurrent: Bool {
        guard let file, let now = FileIdentity.of(path: path) else { return false }
        return now.device == file.device && now.inode == file.inode && now.size == size
    }

    /// Lines written since the last fsync.
    private(set) var needsSync = false

    /// Writes `entries` (already in their final form) as lines, with one `write`, and with
    /// `sync` fsyncs (which also makes any earlier unsynced lines durable). Without it the
    /// lines are in the file (a crash of the process cannot lose them) and ``sync()`` makes
    /// them durable.
    func append(_ entries: [ReviewLogEntry], sync: Bool = true) throws(StoreError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 110 + 1)
        if let repair, repair.tornBytes > 0 {
            guard ftruncate(fd, off_t(repair.validEnd)) == 0 else {
                throw StoreError.system("repair the end of", path: path, errno: errno)
            }
            size = repair.validEnd
        } else if let repair, repair.missingFinalNewline {
            bytes.append(0x0A)
        }
        for entry in entries { ReviewLogCodec.encode(entry, into: &bytes) }
        let before = size
        do throws(StoreError) {
            try AtomicFile.writeAll(fd, bytes, path: path)
            if sync { guard syncData(fd) == 0 else { throw StoreError.system("save", path: path, errno: errno) } }
        } catch {
            _ = ftruncate(fd, off_t(before))
            throw error
        }
        repair = nil
        size = before + bytes.count
        needsSync = !sync
    }
}

/// `fdatasync` where there is one (it also flushes the new file size), else `fsync`.
@inline(__always) func syncData(_ fd: Int32) -> Int32 {
    #if os(Linux)
    return fdatasync(fd)
    #else
    return fsync(fd)
    #endif
}
