import Foundation
import RecallCore
import RecallStore

/// A decks folder under `recall sync`: the git repository it is (or is in) and the `.recall`
/// folder that carries its progress.
struct SyncRepository {
    /// The decks folder, absolute.
    let decks: String
    /// Git, run in the decks folder (so `.` is the decks folder in path specs).
    let git: Git

    init(decks: String) {
        self.decks = decks
        git = Git(directory: decks)
    }

    var progressFolder: String { StoreLocation.syncFolder(forDecks: decks) }

    /// `.recall/.gitignore`: everything in the folder but the progress itself stays on this
    /// machine (caches are rebuilt on each; the lock and temp files mean nothing elsewhere).
    static let ignoreText = """
        # Written by 'recall sync init'. Only the progress travels; caches are rebuilt on each machine.
        *
        !.gitignore
        !.gitattributes
        !reviews.jsonl
        !renames.jsonl
        !settings.json

        """

    /// `.recall/.gitattributes`: Recall's merge driver for the progress files, so that they
    /// are never part of a conflict.
    static let attributesText = """
        # Written by 'recall sync init': 'recall merge-file' merges these; they never conflict.
        reviews.jsonl merge=recall -text
        renames.jsonl merge=recall -text
        settings.json merge=recall -text

        """

    /// The path of the progress files in git's path specs, relative to the decks folder.
    static let progressSpec = "./" + StoreLocation.syncFolderName

    /// Whether the decks folder is inside a git work tree.
    func isRepository() throws -> Bool {
        let r = try git.run(["rev-parse", "--is-inside-work-tree"])
        return r.succeeded && r.stdout.hasPrefix("true")
    }

    /// Writes `.recall/.gitignore` and `.gitattributes` unless they are already as they should be.
    func writeGitFiles() throws {
        try FileManager.default.createDirectory(atPath: progressFolder, withIntermediateDirectories: true)
        for (name, text) in [(".gitignore", Self.ignoreText), (".gitattributes", Self.attributesText)] {
            let path = progressFolder + "/" + name
            if (try? String(contentsOfFile: path, encoding: .utf8)) == text { continue }
            do {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw CLIError("cannot write '\(path)': \(error.localizedDescription)")
            }
        }
    }

    /// Registers `recall merge-file` as the `recall` merge driver in the repository's own
    /// config (not committed, so each machine names its own `recall`). Done at every sync, so
    /// a `recall` that moved is found again.
    func registerMergeDriver() throws {
        let executable = Bundle.main.executablePath.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
            ?? CommandLine.arguments[0]
        let driver = "'" + executable.replacingOccurrences(of: "'", with: "'\\''") + "' merge-file %O %A %B %P"
        let current = try git.run(["config", "--local", "merge.recall.driver"])
        guard current.stdout.trimmingCharacters(in: .newlines) != driver else { return }
        try git.check(["config", "--local", "merge.recall.name", "Recall progress (review logs, renames, settings)"],
                      "register Recall's merge driver")
        try git.check(["config", "--local", "merge.recall.driver", driver], "register Recall's merge driver")
    }

    /// The current branch; throws when the repository is not on one.
    func branch() throws -> String {
        let r = try git.run(["symbolic-ref", "--quiet", "--short", "HEAD"])
        guard r.succeeded, let name = r.lines.first else {
            throw CLIError("the decks repository '\(decks)' is not on a branch",
                           hint: "check out a branch ('git switch main') and run 'recall sync' again")
        }
        return name
    }

    /// The remote and branch this branch syncs with: its upstream, else the only remote (or
    /// `origin`) and a branch of the same name; nil when there is no remote.
    func upstream(of branch: String) throws -> (remote: String, branch: String)? {
        let remote = try git.run(["config", "branch.\(branch).remote"]).lines.first
        let merge = try git.run(["config", "branch.\(branch).merge"]).lines.first
        if let remote, remote != ".", let merge, merge.hasPrefix("refs/heads/") {
            return (remote, String(merge.dropFirst("refs/heads/".count)))
        }
        let remotes = try git.run(["remote"]).lines
        if let only = remotes.count == 1 ? remotes.first : remotes.first(where: { $0 == "origin" }) {
            return (only, branch)
        }
        return nil
    }

    /// The commit `rev` names, or nil when it names none (an unborn branch, a missing ref).
    func commit(_ rev: String) throws -> String? {
        let r = try git.run(["rev-parse", "--quiet", "--verify", rev + "^{commit}"])
        return r.succeeded ? r.lines.first : nil
    }

    /// Whether a merge is under way (stopped on a conflict, or interrupted before its commit).
    func isMerging() throws -> Bool { try commit("MERGE_HEAD") != nil }

    /// Files (relative to the decks folder) git could not merge.
    func unmergedFiles() throws -> [String] {
        try git.run(["diff", "--relative", "--name-only", "--diff-filter=U"]).lines
    }

    /// Stages every change under the decks folder (new, edited and deleted files).
    func stageAll() throws {
        try git.check(["add", "--all", "--", "."], "stage the changes in '\(decks)'")
    }

    /// Whether anything is staged.
    func hasStagedChanges() throws -> Bool {
        try !git.run(["diff", "--cached", "--quiet"]).succeeded
    }

    /// `-c user.name=… -c user.email=…` when git has no identity to commit with (a machine
    /// where git was never set up), so that syncing does not stop on it.
    func identityOptions() throws -> [String] {
        let env = ProcessInfo.processInfo.environment
        let name = try git.run(["config", "user.name"]).succeeded || env["GIT_AUTHOR_NAME"] != nil
        let email = try git.run(["config", "user.email"]).succeeded || env["GIT_AUTHOR_EMAIL"] != nil || env["EMAIL"] != nil
        var options: [String] = []
        if !name { options += ["-c", "user.name=Recall"] }
        if !email { options += ["-c", "user.email=recall@\(SyncRepository.hostName)"] }
        return options
    }

    /// Commits what is staged with `message`.
    func commitStaged(_ message: String) throws {
        try git.check(try identityOptions() + ["commit", "--quiet", "--no-verify", "-m", message],
                      "commit the changes in '\(decks)'")
    }

    /// The review-log lines of `.recall/reviews.jsonl` at `rev` (none when it has no log).
    func reviewLines(at rev: String?) throws -> Set<Substring> {
        guard let rev else { return [] }
        let r = try git.run(["show", "\(rev):\(Self.progressSpec)/reviews.jsonl"])
        return r.succeeded ? Set(r.stdout.split(separator: "\n").filter { $0.contains("\"ev\":\"review\"") }) : []
    }

    /// What differs between two commits outside the review log: deck files (by their
    /// extension), other files outside `.recall` (media, notes), and whether the settings
    /// changed. `from` nil means every file of `to`.
    func filesChanged(from: String?, to: String) throws -> (decks: Int, others: Int, settings: Bool) {
        let args = from.map { ["diff", "--relative", "--name-only", $0, to, "--", "."] }
            ?? ["ls-tree", "-r", "--name-only", to, "--", "."]
        let progress = StoreLocation.syncFolderName + "/"
        let files = try git.run(args).lines
        let outside = files.filter { !$0.hasPrefix(progress) }
        let decks = outside.filter { DeckFormat(fileExtension: ($0 as NSString).pathExtension) != nil }.count
        return (decks, outside.count - decks, files.contains(progress + "settings.json"))
    }

    /// This machine's short host name, for commit messages.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "this machine" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.split(separator: ".").first.map(String.init) ?? "this machine"
    }
}
