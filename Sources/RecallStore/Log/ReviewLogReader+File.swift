#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RecallCore

extension ReviewLogReader {
    /// Size of the window a whole log is read through.
    static let chunkSize = 4 << 20

    /// Reads the whole log file at `path` in windows of ``chunkSize`` bytes, so the memory it
    /// takes does not grow with the log. Same results as ``read(_:from:linesBefore:path:_:)`` on
    /// the whole file; nil when the file does not exist.
    static func readFile(_ path: String, _ body: (ReviewLogEntry) -> Void) throws(StoreError) -> Outcome? {
        let fd: Int32
        switch RegularFile.openForReading(path) {
        case .file(let descriptor, _): fd = descriptor
        case .failed(let code):
            if code == ENOENT { return nil }
            throw StoreError.system("read", path: path, errno: code)
        case .notRegular(let kind): throw RegularFile.notRegularError(path, kind)
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var filled = 0            // bytes of `buffer` holding file data
        var bufferStart = 0       // file offset of buffer[0]
        var lines = 0
        while true {
            if filled == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let n = buffer.withUnsafeMutableBytes { b in
                b.baseAddress.map { pread(fd, $0 + filled, b.count - filled, off_t(bufferStart + filled)) } ?? 0
            }
            guard n >= 0 else {
                if errno == EINTR { continue }
                throw StoreError.system("read", path: path, errno: errno)
            }
            filled += n
            let atEnd = n == 0
            // Lines up to the last newline are complete; at the end of the file, all of it.
            let usable = atEnd ? filled : (buffer[0..<filled].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)
            if usable > 0 || atEnd {
                let result = buffer.withUnsafeBytes { b in
                    Result { () throws(StoreError) in
                        try read(UnsafeRawBufferPointer(rebasing: b[0..<usable]), from: 0, to: usable,
                                 linesBefore: lines, path: path, body)
                    }
                }
                var outcome = try result.get()
                outcome.validEnd += bufferStart
                if atEnd { return outcome }
                lines = outcome.lines
                buffer.replaceSubrange(0..<usable, with: [])
                buffer += [UInt8](repeating: 0, count: usable)
                filled -= usable
                bufferStart += usable
            }
        }
    }
}
