#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import RecallCore

/// Loads a collection: a folder of deck files whose sub-folders are sub-decks.
///
/// `Decks/History/Gaza.txt` is deck `History::Gaza`. Files and folders whose names start
/// with `.` are skipped, and files that are not `.txt`, `.md`, `.tsv` or `.csv` are ignored.
public struct CollectionLoader {
    /// Folders nested deeper than this are not read (guards against symlink loops).
    static let maximumDepth = 32

    /// Loads every deck under `root`; paths in diagnostics and card sources are relative to it.
    ///
    /// With a `cache`, files whose bytes it has seen are not parsed again, and the cache is
    /// saved for next time.
    public static func load(root: URL, cache: DeckCache? = nil) -> LoadedCollection {
        var builder = CollectionBuilder()
        builder.cache = cache  // saved by `finish()` once the files are read
        let rootPath = root.path
        guard isFolder(rootPath) else {
            builder.report(.error("the collection folder '\(rootPath)' does not exist", at: nil, notes: [
                "create it, or point --decks or $RECALL_DECKS at your deck folder",
            ]))
            return builder.finish()
        }
        builder.walk(folder: rootPath, relative: "", display: "")
        return builder.finish()
    }

    /// Loads the given files and folders (for `recall check PATH...`); paths in diagnostics
    /// are shown as given. Deck names are relative to `collectionRoot` for paths inside it,
    /// else to the folder given (or the file's own name).
    /// A file given explicitly is read even when hidden; an unsupported one is an error.
    public static func load(paths: [String], collectionRoot: URL?) -> LoadedCollection {
        var builder = CollectionBuilder()
        let rootPath = collectionRoot.map { canonical($0.path) }
        for path in paths {
            let inside = rootPath.flatMap { relativePath(canonical(path), inside: $0) }
            if isFolder(path) {
                builder.walk(folder: path, relative: inside ?? "", display: path)
            } else if access(path, F_OK) != 0 {
                builder.report(.error("no such file or folder '\(path)'", at: nil))
            } else {
                let name = String(path.split(separator: "/").last ?? Substring(path))
                let deck = DeckName.forFile(relativePath: inside ?? name)
                builder.read(path: path, display: path, deck: deck)
            }
        }
        return builder.finish()
    }

    static func isFolder(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }

    /// An absolute path with symlinks resolved (the path itself when that fails).
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `path` relative to `folder` when inside it (`""` for the folder itself).
    static func relativePath(_ path: String, inside folder: String) -> String? {
        if path == folder { return "" }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }
}
