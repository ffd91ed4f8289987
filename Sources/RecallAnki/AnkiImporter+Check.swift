import Foundation
import RecallCore
import RecallStore

extension AnkiImporter {
    /// What stops `plan` from being written into the collection at `collectionRoot`, found
    /// without writing anything (empty when it can be written):
    /// - a path that goes through a symbolic link leading out of the collection (a `media`
    ///   folder or deck folder linked elsewhere would have the package write there);
    /// - a deck file to extend that is not a regular file or does not read cleanly (not
    ///   UTF-8, binary, a parse error): it is never rewritten, its own diagnostics say why.
    ///
    /// `shownRoot` is how the collection is shown in messages (e.g. `Decks`).
    public static func check(_ plan: AnkiImportPlan, collectionRoot: URL, shownRoot: String) -> [Diagnostic] {
        let root = collectionRoot.path
        let realRoot = realPath(root) ?? root
        let shown = shownRoot.hasSuffix("/") ? shownRoot : shownRoot + "/"
        var problems: [Diagnostic] = []
        var checked: Set<String> = []
        let paths = plan.files.map(\.relativePath) + plan.media.map(\.relativePath)
        for relative in paths {
            if let problem = linkProblem(relative, root: root, realRoot: realRoot, shown: shown, checked: &checked) {
                if !problems.contains(problem) { problems.append(problem) }
            }
        }
        guard problems.isEmpty else { return problems }
        for file in plan.files {
            problems += deckFileProblems(root + "/" + file.relativePath, shown: shown + file.relativePath)
        }
        for media in plan.media where !isRegularOrAbsent(root + "/" + media.relativePath) {
            problems.append(.error("'\(shown + media.relativePath)' is in the way: it exists and is not a regular file",
                                   at: nil, notes: ["nothing was imported; move it away and import again"]))
        }
        return problems
    }

    /// The first folder or file on the way to `relative` that is a symbolic link leading out
    /// of the collection.
    private static func linkProblem(_ relative: String, root: String, realRoot: String, shown: String,
                                    checked: inout Set<String>) -> Diagnostic? {
        var current = ""
        for part in relative.split(separator: "/") {
            current += current.isEmpty ? String(part) : "/" + part
            guard checked.insert(current).inserted else { continue }
            let full = root + "/" + current
            var info = stat()
            guard lstat(full, &info) == 0 else { return nil }  // missing: made by the import
            guard info.st_mode & S_IFMT == S_IFLNK else { continue }
            let target = realPath(full)
            if let target, target == realRoot || target.hasPrefix(realRoot + "/") { continue }
            let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? target ?? "?"
            return .error("'\(shown + current)' is a symbolic link to '\(destination)', outside the collection", at: nil,
                          notes: ["nothing was imported; an import writes only inside the collection, "
                                  + "so replace the link with a folder, or import into another collection"])
        }
        return nil
    }

    /// Errors that stop the existing deck file at `path` from being extended.
    private static func deckFileProblems(_ path: String, shown: String) -> [Diagnostic] {
        var info = stat()
        guard lstat(path, &info) == 0 else { return [] }  // a new file
        let kind = info.st_mode & S_IFMT
        if kind == S_IFLNK, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            // A link within the collection (checked before) to a regular file: read it.
        } else if kind != S_IFREG {
            return [.error("'\(shown)' is in the way: it exists and is not a regular file", at: nil,
                           notes: ["nothing was imported; move it away and import again"])]
        }
        let parsed = DeckFile.load(path: path, displayPath: shown, deck: DeckName.forFile(relativePath: shown),
                                   makingCards: false, keepingNotes: false)
        var errors = parsed.diagnostics.filter { $0.severity == .error }
        guard !errors.isEmpty else { return [] }
        errors[errors.count - 1].notes.append(
            "nothing was imported: the import adds cards to '\(shown)' only when it reads cleanly; fix it, or move it away")
        return errors
    }

    private static func isRegularOrAbsent(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return true }
        return info.st_mode & S_IFMT == S_IFREG
    }

    /// The path with every symbolic link resolved, or `nil` when it does not resolve.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
