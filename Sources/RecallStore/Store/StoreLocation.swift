#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where one collection's progress lives: `DATA/collections/NAME/`, or `DECKS/.recall/` for a
/// collection under `recall sync`.
///
/// `NAME` comes from the decks folder's own name (`~/notes/Decks` → `decks`), lower-cased,
/// with anything but letters, digits, `.`, `_` and `-` turned into `-`. It depends only on
/// that last path component, so two machines that sync the data folder and keep their decks
/// in folders of the same name (anywhere on disk) share the same progress.
///
/// A decks folder holding a `.recall` folder is synced through git: its progress travels with
/// the decks, so it lives in that folder instead (``syncFolderName``). Every other collection
/// keeps its progress in the data folder as before.
public struct StoreLocation: Equatable, Sendable {
    /// The name of the progress folder inside a synced decks folder.
    public static let syncFolderName = ".recall"

    /// The data folder (`--data`, `$RECALL_DATA`, …).
    public var dataDirectory: String
    /// The collection's folder name inside `collections/`.
    public var collection: String
    /// The folder holding the collection's progress (see the type's documentation).
    public var folder: String
    /// The folder no write may leave through a symbolic link: the data folder, or the decks
    /// folder of a synced collection.
    public var boundary: String

    public init(dataDirectory: String, collection: String) {
        self.dataDirectory = dataDirectory
        self.collection = collection
        folder = "\(dataDirectory)/collections/\(collection)"
        boundary = dataDirectory
    }

    /// The location for the decks folder at `decksDirectory`: inside it when it holds a
    /// `.recall` folder, else in the data folder.
    public init(dataDirectory: String, decksDirectory: String) {
        self.init(dataDirectory: dataDirectory, collection: StoreLocation.collectionName(forDecks: decksDirectory))
        let synced = StoreLocation.syncFolder(forDecks: decksDirectory)
        var st = stat()
        if stat(synced, &st) == 0, st.st_mode & S_IFMT == S_IFDIR {
            folder = synced
            boundary = StoreLocation.trimmed(decksDirectory)
        }
    }

    /// The location the decks folder's progress has when it is not synced (where it was
    /// kept before `recall sync init` moved it into the decks folder).
    public static func unsynced(dataDirectory: String, decksDirectory: String) -> StoreLocation {
        StoreLocation(dataDirectory: dataDirectory, collection: collectionName(forDecks: decksDirectory))
    }

    /// `DECKS/.recall`: where a synced collection keeps its progress.
    public static func syncFolder(forDecks decksDirectory: String) -> String {
        trimmed(decksDirectory) + "/" + syncFolderName
    }

    /// Whether the progress lives inside the decks folder (the collection is synced).
    public var isSynced: Bool { folder != "\(dataDirectory)/collections/\(collection)" }

    private static func trimmed(_ path: String) -> String {
        var p = path
        while p.count > 1, p.hasSuffix("/") { p.removeLast() }
        return p
    }

    /// The folder name for a decks folder (see the type's documentation); `default` when
    /// nothing usable is left.
    public static func collectionName(forDecks path: String) -> String {
        let base = lastComponent(absolute(path))
        var out: [UInt8] = []
        for b in base.lowercased().utf8 {
            let keep = isNameByte(b)
            if keep { out.append(b) } else if out.last != 0x2D { out.append(0x2D) }
        }
        while let f = out.first, f == 0x2D || f == 0x2E { out.removeFirst() }
        while let l = out.last, l == 0x2D || l == 0x2E { out.removeLast() }
        return out.isEmpty ? "default" : String(decoding: out.prefix(64), as: UTF8.self)
    }

    /// `path` made absolute against the current folder, with `.` and `..` resolved.
    static func absolute(_ path: String) -> String {
        var full = path
        if !path.hasPrefix("/") {
            var buf = [CChar](repeating: 0, count: 4096)
            if getcwd(&buf, buf.count) != nil {
                full = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/" + path
            }
        }
        return normalized(full)
    }

    /// An absolute `path` with `.` and `..` components resolved (as text: links are not
    /// followed).
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func lastComponent(_ path: String) -> String {
        String(path.split(separator: "/").last ?? "")
    }
}
