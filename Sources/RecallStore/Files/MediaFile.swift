import Foundation
import RecallCore

/// Where an image or sound a card refers to is on disk, never outside the collection.
///
/// A path is looked up next to the deck file first (`![flag](img/peru.png)` in
/// `Geography/Peru.md` is `Geography/img/peru.png`), then from the top of the decks folder
/// (`media/a.png`, where `recall import` puts Anki's media). An absolute path, a URL, a path
/// that climbs out with `..` or a file reached through a symbolic link to elsewhere is
/// refused: a shared deck must not make Recall open or play a file from the rest of the disk.
public enum MediaFile {
    /// What a media path leads to.
    public enum Resolution: Equatable, Sendable {
        /// The file, as an absolute path below the decks folder.
        case found(String)
        /// No such file in the collection.
        case missing
        /// Refused: the path names something outside the collection (the reason says how).
        case outside(String)
    }

    /// Looks up `path` as written in the card, for a card from `deckFile` (absolute, or
    /// relative to `decksRoot` as a loaded card's ``SourceLocation/file`` is).
    public static func resolve(_ path: String, deckFile: String, decksRoot: String) -> Resolution {
        if path.contains("://") || path.hasPrefix("data:") { return .outside("it is a URL, not a file in the collection") }
        if path.hasPrefix("/") || path.hasPrefix("~") { return .outside("it is an absolute path; media paths are relative to the deck file") }
        let root = absolute(decksRoot)
        let realRoot = CollectionBoundary.resolved(root) ?? root
        let deckFolder = AtomicFile.parentFolder(of: StoreLocation.normalized(deckFile.hasPrefix("/") ? deckFile : root + "/" + deckFile))
        var climbsOut = false
        for base in [deckFolder, root] {
            let candidate = StoreLocation.normalized(base + "/" + path)
            guard isInside(candidate, root) else { climbsOut = true; continue }
            guard FileManager.default.fileExists(atPath: candidate) else { continue }
            guard let real = CollectionBoundary.resolved(candidate), isInside(real, realRoot) else {
                return .outside("it is reached through a symbolic link that leads out of the collection")
            }
            return .found(candidate)
        }
        return climbsOut ? .outside("it leads out of the collection ('..')") : .missing
    }

    /// `path` made absolute from the working directory, `.` and `..` resolved.
    static func absolute(_ path: String) -> String {
        StoreLocation.normalized(path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path)
    }

    private static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }
}

extension MediaFile {
    /// A warning for each image or sound that `cards` refer to and the collection does not
    /// have (or that lies outside it), at the card's line, once per file and path.
    /// The cards' ``SourceLocation/file`` paths start from the working directory, as
    /// `recall check` loads them; a deck file outside `decksRoot` is bounded by its own folder.
    public static func diagnostics(for cards: [Card], decksRoot: String) -> [Diagnostic] {
        let root = absolute(decksRoot)
        var seen = Set<String>()
        var out: [Diagnostic] = []
        for card in cards {
            for media in RichText.media(card.question) + RichText.media(card.answer) {
                let what: String
                switch media.kind {
                case .image: what = "image"
                case .sound: what = "sound"
                case .speech: continue
                }
                guard seen.insert(card.source.description + "\u{0}" + media.path).inserted else { continue }
                let file = absolute(card.source.file)
                let boundary = isInside(file, root) ? root : AtomicFile.parentFolder(of: file)
                switch resolve(media.path, deckFile: file, decksRoot: boundary) {
                case .found: continue
                case .missing:
                    out.append(.warning("\(what) '\(media.path)' does not exist", at: card.source,
                                        notes: ["paths are relative to the deck file, or to the decks folder (as 'media/…' from 'recall import' is)"]))
                case .outside(let reason):
                    out.append(.warning("\(what) '\(media.path)' is not shown: \(reason)", at: card.source,
                                        notes: ["keep the card's media inside the decks folder"]))
                }
            }
        }
        return out
    }
}
