import Foundation
import Synchronization

/// A private temporary folder (mode 0700, made by `mkdtemp`) that holds what an import
/// unpacks: the SQLite collection and the media files, until they are read or copied into
/// the collection. It is removed when the last reference goes, which is on every way out of
/// an import, errors included; ``removeAll()`` removes them from a signal handler.
public final class AnkiStaging: Sendable {
    /// The folder's path.
    public let path: String

    /// The folders of the staging values alive now.
    private static let live = Mutex<Set<String>>([])

    /// Removes every staging folder alive now: for a command interrupted by a signal, which
    /// exits without releasing anything.
    public static func removeAll() {
        for path in live.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
    }

    init() throws(AnkiImportError) {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array((base + "/recall-anki-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard made != nil else {
            throw AnkiImportError("cannot create a temporary folder in '\(base)': \(String(cString: strerror(errno)))",
                                  hint: "set TMPDIR to a folder with free space that you can write to")
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        _ = Self.live.withLock { $0.insert(path) }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
        _ = Self.live.withLock { $0.remove(path) }
    }

    /// A new file in the folder, readable and writable only by its owner, opened for writing.
    func create(_ name: String) throws(AnkiImportError) -> (String, FileHandle) {
        let file = path + "/" + name
        guard FileManager.default.createFile(atPath: file, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: file) else {
            throw AnkiImportError("cannot write in the temporary folder: \(String(cString: strerror(errno)))",
                                  hint: "set TMPDIR to a folder with free space that you can write to")
        }
        return (file, handle)
    }
}
