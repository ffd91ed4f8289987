import Foundation
import RecallCore
import RecallStore

/// One `recall sync`: commit what changed here, merge what the remote has, push.
///
/// Every step can be interrupted and simply run again: the commit records the files as they
/// are, a merge stopped half-way is finished by the next run, and a push that did not happen
/// happens next time. The collection's lock is held throughout, so no study session writes
/// while git works on the files.
struct SyncRun {
    let repository: SyncRepository
    let store: ProgressStore
    /// `--continue`: the user resolved a deck conflict; finish the merge.
    var continuing = false
    /// `init` merging a remote that shares no history with this folder yet.
    var allowUnrelatedHistories = false

    /// What one sync moved, for its one-line report.
    struct Moved {
        var sentReviews = 0, sentDecks = 0, receivedReviews = 0, receivedDecks = 0
        /// Files outside `.recall` that are not decks (images, sounds, notes).
        var sentOthers = 0, receivedOthers = 0
        var sentSettings = false, receivedSettings = false
    }

    /// Runs the sync and returns the line to print.
    func run() throws -> String {
        let repo = repository
        try repo.registerMergeDriver()
        // A merge finished here brought the other side in: it counts as received.
        let finished = try finishMerge()
        let branch = try repo.branch()
        let committed = try commitLocalChanges()
        guard let upstream = try repo.upstream(of: branch) else {
            return (committed.map { "committed '\($0)'" } ?? "nothing new to commit")
                + "; there is no remote to sync with (add one with 'recall sync init REMOTE')"
        }
        var moved = finished
        for attempt in 1...3 {
            try fetch(upstream)
            let theirs = try repo.commit("refs/remotes/\(upstream.remote)/\(upstream.branch)")
            let before = try repo.commit("HEAD")
            if let theirs {
                if theirs != before { try checkIncoming(theirs, upstream: upstream) }
                try merge(theirs, upstream: upstream)
            }
            guard let head = try repo.commit("HEAD") else {
                return "nothing to sync yet in '\(repo.decks)'"
            }
            moved = try count(before: before, theirs: theirs, head: head, adding: moved)
            if head == theirs { break }
            let pushed = try repo.git.run(["push", "--quiet", "--set-upstream", upstream.remote, "HEAD:refs/heads/\(upstream.branch)"])
            if pushed.succeeded { break }
            let rejected = pushed.stderr.contains("[rejected]") || pushed.stderr.contains("fetch first")
                || pushed.stderr.contains("non-fast-forward")
            if !rejected || attempt == 3 { throw offline(upstream, pushed.reason, what: "send your changes to") }
        }
        return Self.report(moved, remote: upstream.remote)
    }

    /// Finishes a merge that a deck conflict (or an interruption) left under way; returns
    /// what the other side brought in (nothing when no merge was under way).
    private func finishMerge() throws -> Moved {
        let repo = repository
        guard try repo.isMerging(), let ours = try repo.commit("HEAD"), let theirs = try repo.commit("MERGE_HEAD") else {
            return Moved()
        }
        var received = Moved()
        received.receivedReviews = try repo.reviewLines(at: theirs).subtracting(try repo.reviewLines(at: ours)).count
        let base = try repo.git.run(["merge-base", ours, theirs]).lines.first
        let files = try repo.filesChanged(from: base, to: theirs)
        (received.receivedDecks, received.receivedOthers, received.receivedSettings) = files
        let unmerged = try repo.unmergedFiles()
        if !unmerged.isEmpty {
            guard continuing else { throw Self.conflict(unmerged, decks: repo.decks, again: true) }
            let marked = unmerged.filter { file in
                let text = (try? String(contentsOfFile: repo.decks + "/" + file, encoding: .utf8)) ?? ""
                return text.split(separator: "\n").contains { $0.hasPrefix("<<<<<<< ") || $0.hasPrefix(">>>>>>> ") }
            }
            if !marked.isEmpty {
                throw CLIError("\(Self.list(marked)) still \(marked.count == 1 ? "has" : "have") conflict markers",
                               hint: "keep the lines you want and delete the '<<<<<<<', '=======' and '>>>>>>>' lines, then run 'recall sync --continue'")
            }
        }
        try repo.stageAll()
        try repo.git.check(try repo.identityOptions() + ["commit", "--quiet", "--no-verify", "--no-edit"],
                           "finish the merge in '\(repo.decks)'")
        try store.reloadReplacedFiles()
        return received
    }

    /// Commits every change under the decks folder, with a message saying what it holds;
    /// returns the message, or nil when nothing changed.
    @discardableResult
    func commitLocalChanges() throws -> String? {
        let repo = repository
        try repo.stageAll()
        guard try repo.hasStagedChanges() else { return nil }
        let head = try repo.commit("HEAD")
        let logText = (try? String(contentsOfFile: repo.progressFolder + "/reviews.jsonl", encoding: .utf8)) ?? ""
        let old = try repo.reviewLines(at: head)
        let reviews = logText.split(separator: "\n").filter { $0.contains("\"ev\":\"review\"") && !old.contains($0) }.count
        let deckArgs = ["diff", "--cached", "--name-only", "--", ".", ":(exclude)" + SyncRepository.progressSpec]
        let files = try repo.git.run(deckArgs).lines
        let decks = files.filter { DeckFormat(fileExtension: ($0 as NSString).pathExtension) != nil }.count
        let message = Self.commitMessage(reviews: reviews, deckFiles: decks, otherFiles: files.count - decks,
                                         host: SyncRepository.hostName)
        try repo.commitStaged(message)
        return message
    }

    private func fetch(_ upstream: (remote: String, branch: String)) throws {
        let r = try repository.git.run(["fetch", "--quiet", upstream.remote])
        guard r.succeeded else { throw offline(upstream, r.reason, what: "reach") }
    }

    /// Refuses `theirs` before anything is merged when one of its progress files has a line
    /// the store would refuse (a hand-edited time after 2200, say): taken in, that line would
    /// stop every later command here until the file was fixed by hand. Refusing keeps every
    /// line on both sides; dropping the line instead would lose it from the merged history.
    /// A file `theirs` did not change since the common ancestor brings nothing in (a line
    /// fixed here after it was pushed must not stop the sync).
    private func checkIncoming(_ theirs: String, upstream: (remote: String, branch: String)) throws {
        let git = repository.git
        let base = try repository.commit("HEAD").flatMap { try git.run(["merge-base", $0, theirs]).lines.first }
        for kind in ProgressFileMerge.Kind.allCases {
            let file = StoreLocation.syncFolderName + "/" + kind.fileName
            let spec = SyncRepository.progressSpec + "/" + kind.fileName
            if let base {
                let blobs = try [base, theirs].map { try git.run(["rev-parse", "--quiet", "--verify", "\($0):\(spec)"]).lines.first }
                if blobs[0] == blobs[1] { continue }
            }
            let shown = try git.run(["show", "\(theirs):\(spec)"])
            guard shown.succeeded else { continue }
            do throws(StoreError) {
                try ProgressFileMerge.check(shown.stdoutBytes, as: kind, shown: "\(upstream.remote)/\(upstream.branch):\(file)")
            } catch {
                throw StoreError(path: error.path, line: error.line, reason: error.reason, notes: [
                    "nothing was merged: the progress and deck files here are as they were",
                    "fix or delete the line where it was written (in '\(file)' on the machine that sent it) "
                        + "and sync from there, then run 'recall sync' again",
                ])
            }
        }
    }

    /// Merges `theirs`; a deck conflict stops the sync with the files to resolve.
    private func merge(_ theirs: String, upstream: (remote: String, branch: String)) throws {
        let repo = repository
        var args = try repo.identityOptions() + ["merge", "--quiet", "--no-edit", "--no-verify"]
        if allowUnrelatedHistories { args.append("--allow-unrelated-histories") }
        if try repo.commit("HEAD") == nil {
            // Nothing committed here yet: take the remote's branch as it is.
            try repo.git.check(["reset", "--quiet", "--keep", theirs], "take in \(upstream.remote)/\(upstream.branch)")
            try store.reloadReplacedFiles()
            return
        }
        let r = try repo.git.run(args + ["-m", "recall: merge \(upstream.remote)/\(upstream.branch)", theirs])
        try store.reloadReplacedFiles()
        guard !r.succeeded else { return }
        let unmerged = try repo.unmergedFiles()
        guard unmerged.isEmpty else { throw Self.conflict(unmerged, decks: repo.decks, again: false) }
        throw CLIError("could not merge \(upstream.remote)/\(upstream.branch) into '\(repo.decks)': \(r.reason)",
                       hint: "your progress and deck files are committed; fix what git says and run 'recall sync' again")
    }

    private func count(before: String?, theirs: String?, head: String, adding moved: Moved) throws -> Moved {
        let repo = repository
        var m = moved
        let headLines = try repo.reviewLines(at: head)
        if head != before {
            m.receivedReviews += headLines.subtracting(try repo.reviewLines(at: before)).count
            if before != nil {
                let files = try repo.filesChanged(from: before, to: head)
                m.receivedDecks += files.decks
                m.receivedOthers += files.others
                m.receivedSettings = m.receivedSettings || files.settings
            }
        }
        if head != theirs {
            m.sentReviews = headLines.subtracting(try repo.reviewLines(at: theirs)).count
            let files = try repo.filesChanged(from: theirs, to: head)
            m.sentDecks = files.decks
            m.sentOthers = files.others
            m.sentSettings = files.settings
        }
        return m
    }

    private func offline(_ upstream: (remote: String, branch: String), _ reason: String, what: String) -> CLIError {
        CLIError("could not \(what) the remote '\(upstream.remote)': \(reason)",
                 hint: "your progress and deck edits are committed in '\(repository.decks)'; nothing is lost, and the next 'recall sync' sends them")
    }

    // MARK: Messages

    /// `recall: 23 reviews on laptop, 2 deck files changed`.
    static func commitMessage(reviews: Int, deckFiles: Int, otherFiles: Int = 0, host: String) -> String {
        var parts: [String] = []
        if reviews > 0 { parts.append("\(plural(reviews, "review")) on \(host)") }
        let files = (deckFiles > 0 ? [plural(deckFiles, "deck file")] : []) + (otherFiles > 0 ? [plural(otherFiles, "other file")] : [])
        if !files.isEmpty { parts.append(files.joined(separator: " and ") + " changed") }
        return "recall: " + (parts.isEmpty ? "progress on \(host)" : parts.joined(separator: ", "))
    }

    /// `synced with origin: sent 3 reviews and 1 deck file, received nothing`.
    static func report(_ m: Moved, remote: String) -> String {
        func what(_ reviews: Int, _ decks: Int, _ others: Int, _ settings: Bool) -> String {
            let parts = (reviews > 0 ? [plural(reviews, "review")] : []) + (decks > 0 ? [plural(decks, "deck file")] : [])
                + (others > 0 ? [plural(others, "other file")] : []) + (settings ? ["the settings"] : [])
            guard let last = parts.last else { return "nothing" }
            return parts.count == 1 ? last : parts.dropLast().joined(separator: ", ") + " and " + last
        }
        return "synced with \(remote): sent \(what(m.sentReviews, m.sentDecks, m.sentOthers, m.sentSettings)), "
            + "received \(what(m.receivedReviews, m.receivedDecks, m.receivedOthers, m.receivedSettings))"
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    static func list(_ files: [String]) -> String {
        let quoted = files.map { "'\($0)'" }
        return quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " and " + (quoted.last ?? "")
    }

    /// The error for deck files both machines changed in the same place.
    static func conflict(_ files: [String], decks: String, again: Bool) -> CLIError {
        let subject = again ? "the last sync stopped on a conflict in" : "your deck edits and the other machine's conflict in"
        return CLIError("\(subject) \(list(files)) (in '\(decks)')",
                        hint: "your progress is merged and safe; edit \(files.count == 1 ? "the file" : "each file") to keep the lines you want "
                            + "(remove the '<<<<<<<', '=======' and '>>>>>>>' lines), then run 'recall sync --continue'")
    }
}
