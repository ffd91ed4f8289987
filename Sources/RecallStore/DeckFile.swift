#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RecallCore

/// Reading and writing single deck files.
public enum DeckFile {
    /// Files larger than this are refused rather than read into memory.
    public static let maximumSize = 1 << 30

    /// Reads and parses the deck file at `path`.
    ///
    /// - Parameters:
    ///   - displayPath: the path shown in diagnostics and card sources.
    ///   - deck: the file's deck name.
    ///   - format: `nil` to choose by the file's extension.
    ///   - makingCards, keepingNotes: `false` to leave out the cards or the notes (see ``DeckParser``).
    /// Unreadable, binary and non-UTF-8 files give one error and no cards.
    public static func load(path: String, displayPath: String, deck: String, format: DeckFormat? = nil,
                            makingCards: Bool = true, keepingNotes: Bool = true) -> ParsedDeck {
        guard let format = format ?? DeckFormat(fileExtension: DeckName.fileExtension(path)) else {
            return failed(unsupported(displayPath), deck: deck, file: displayPath)
        }
        switch read(path: path, displayPath: displayPath) {
        case .failure(let diagnostic): return failed(diagnostic, deck: deck, file: displayPath)
        case .success(let bytes):
            return DeckParser.parse(bytes: bytes, file: displayPath, deck: deck, format: format,
                                    makingCards: makingCards, keepingNotes: keepingNotes)
        }
    }

    /// The error for a file whose extension is not a deck format.
    public static func unsupported(_ displayPath: String) -> Diagnostic {
        let ext = DeckName.fileExtension(displayPath)
        let what = ext.isEmpty ? "it has no extension" : "'.\(ext)' is not a deck format"
        return .error("cannot read '\(displayPath)' as a deck: \(what)", at: nil, notes: [
            "deck files end in " + DeckFormat.supportedExtensions.map { "." + $0 }.joined(separator: ", "),
        ])
    }

    /// A read failure or the file's bytes.
    public enum ReadResult {
        case success([UInt8])
        case failure(Diagnostic)
    }

    /// Reads the whole file. A file with NUL bytes in its first 8 KiB is rejected as binary
    /// without reading the rest.
    public static func read(path: String, displayPath: String) -> ReadResult {
        let fd: Int32
        let st: stat
        switch RegularFile.openForReading(path) {
        case .file(let descriptor, let info): (fd, st) = (descriptor, info)
        case .failed(let code): return .failure(systemError("read", displayPath, code))
        case .notRegular(let kind):
            return .failure(.error("'\(displayPath)' is \(kind), not a deck file", at: nil,
                                   notes: kind == "a folder" ? [] : ["only regular files are read as decks"]))
        }
        defer { close(fd) }
        let size = Int(st.st_size)
        guard size <= maximumSize else {
            return .failure(.error("'\(displayPath)' is too large for a deck (\(size / (1 << 20)) MiB)", at: nil,
                                   notes: ["split it into smaller deck files"]))
        }
        // Read straight into the array, sized for the whole file and one byte more (to see
        // the end); a file that grew meanwhile is read on in chunks.
        var failure: Int32?
        var binary = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            while count < buffer.count {
                let n = systemRead(fd, buffer.baseAddress! + count, buffer.count - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }
                count += n
                if count <= 8192 + n, UnsafeBufferPointer(rebasing: buffer[..<min(count, 8192)]).contains(0) {
                    binary = true
                    return
                }
            }
        }
        if let failure { return .failure(systemError("read", displayPath, failure)) }
        if binary { return .success(Array(bytes.prefix(8192))) }  // binary: the parser reports it
        guard bytes.count == size + 1 else { return .success(bytes) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(systemError("read", displayPath, errno))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count <= 8192 + n, bytes.prefix(8192).contains(0) {
                return .success(Array(bytes.prefix(8192)))  // binary: the parser reports it
            }
        }
        return .success(bytes)
    }

    /// Writes `text` to `path` atomically, creating missing folders.
    public static func write(_ text: String, to path: String) throws(StoreError) {
        try write(bytes: Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path` atomically, creating missing folders.
    public static func write(bytes: [UInt8], to path: String) throws(StoreError) {
        try AtomicFile.makeFolders(AtomicFile.parentFolder(of: path))
        try AtomicFile.write(bytes, to: path)
    }

    static func systemError(_ what: String, _ path: String, _ code: Int32) -> Diagnostic {
        .error("cannot \(what) '\(path)': \(errorText(code).lowercased())", at: nil)
    }

    private static func failed(_ diagnostic: Diagnostic, deck: String, file: String) -> ParsedDeck {
        ParsedDeck(notes: [], file: file, diagnostics: [diagnostic], decks: [deck])
    }
}

/// `read(2)`, named apart from the many Swift `read` methods.
private func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, p, n)
    #else
    return Darwin.read(fd, p, n)
    #endif
}
