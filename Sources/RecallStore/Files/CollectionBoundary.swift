#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RecallCore

/// Whether a path inside a folder Recall owns (a decks folder, a collection's progress
/// folder) leaves that folder through a symbolic link.
///
/// A shared deck or a synced folder can hold a link such as `media -> /elsewhere`; writing
/// `media/payload.sh` would then write outside the collection. Every writer checks its target
/// with ``checkWrite(to:inside:)`` first; readers use ``escape(of:inside:)`` to warn.
/// The root itself may be a link (a decks folder kept in a synced folder): only links below
/// it count.
public enum CollectionBoundary {
    /// A symbolic link below the root whose target lies outside it.
    public struct Escape: Equatable, Sendable {
        /// The link, as a path built from the root given (so it reads like the caller's paths).
        public var link: String
        /// Where the link leads, resolved (the link's own text when it leads nowhere).
        public var target: String
    }

    /// The first symbolic link on the way from `root` down to `path` (the last component
    /// included) that leads outside `root`; nil when there is none, or when `path` is not
    /// below `root` as written. Components that do not exist yet end the search: they will be
    /// created as real files and folders.
    public static func escape(of path: String, inside root: String) -> Escape? {
        let rootText = trimmed(root)
        let prefix = rootText == "/" ? "/" : rootText + "/"
        guard path.hasPrefix(prefix) else { return nil }
        let resolvedRoot = resolved(rootText) ?? rootText
        var current = rootText
        for component in path.dropFirst(prefix.count).split(separator: "/") where component != "." {
            current = current == "/" ? "/" + component : current + "/" + component
            var st = stat()
            guard lstat(current, &st) == 0 else { return nil }
            guard st.st_mode & S_IFMT == S_IFLNK else { continue }
            if let target = resolved(current) {
                if !isInside(target, resolvedRoot) { return Escape(link: current, target: target) }
                continue
            }
            // A link to nothing: a write would create its target, wherever that is.
            let text = linkText(current) ?? ""
            let parent = resolved(AtomicFile.parentFolder(of: current)) ?? resolvedRoot
            let target = StoreLocation.normalized(text.hasPrefix("/") ? text : parent + "/" + text)
            if !isInside(target, resolvedRoot) { return Escape(link: current, target: text) }
            return nil
        }
        return nil
    }

    /// Throws when writing `path` would go through a symbolic link out of `root`, naming the
    /// link and where it leads.
    public static func checkWrite(to path: String, inside root: String) throws(StoreError) {
        guard let escape = escape(of: path, inside: root) else { return }
        throw StoreError(path: path, reason: "refusing to write '\(path)': '\(escape.link)' is a symbolic link "
                             + "to '\(escape.target)', outside '\(trimmed(root))'",
                         notes: ["replace the link with a real file or folder, or remove it"])
    }

    /// The warning for reading a deck file or folder through a link out of the collection;
    /// `shown` is the link as the user's paths show it.
    public static func readWarning(_ escape: Escape, shown: String) -> Diagnostic {
        .warning("'\(shown)' is a symbolic link to '\(escape.target)', outside the collection; "
                     + "its decks are read all the same", at: nil,
                 notes: ["a shared deck should not point elsewhere on your disk; remove the link if you did not make it"])
    }

    /// `path` with symbolic links, `.` and `..` resolved; nil when it does not exist.
    static func resolved(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    private static func linkText(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    private static func trimmed(_ path: String) -> String {
        var p = path
        while p.count > 1, p.hasSuffix("/") { p.removeLast() }
        return p
    }
}
