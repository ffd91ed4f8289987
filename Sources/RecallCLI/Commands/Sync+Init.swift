import ArgumentParser
import Foundation
import RecallStore

extension Recall {
    /// `recall sync init [REMOTE]`: put a collection under git sync.
    struct SyncInit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Keep the decks folder and its progress in git, optionally with a remote.",
            discussion: """
                Makes the decks folder a git repository (or adopts the one it is in) and moves \
                its progress into DECKS/.recall/, with a .gitignore that keeps the caches out and \
                a .gitattributes that names Recall's merge driver ('recall merge-file') for the \
                progress files. With REMOTE, an empty or missing decks folder is cloned from it; \
                a folder that already holds decks is merged with it. Progress studied on this \
                machine before is merged in either way, so nothing is lost. Then it syncs.

                Examples:
                  recall sync init                          a local repository only
                  recall sync init git@example.com:me/cards.git
                  recall --decks ~/cards sync init /srv/git/cards.git
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Argument(help: ArgumentHelp("The git remote to sync with (any URL or path git takes).", valueName: "remote"))
        var remote: String?

        func run() throws {
            let decksURL = collection.decksDirectory().standardizedFileURL
            let decks = decksURL.path
            let repository = SyncRepository(decks: decks)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: decks))
            var madeRepository = false
            let remote = self.remote.map(Self.absoluteIfLocal)
            if let remote, (names ?? []).filter({ !$0.hasPrefix(".") || $0 == ".git" }).isEmpty {
                try clone(remote, into: decksURL, repository: repository)
                print("cloned '\(remote)' into '\(decks)'")
            } else {
                guard names != nil else {
                    throw CLIError("the collection folder '\(decks)' does not exist",
                                   hint: "give 'recall sync init' the REMOTE to clone it from, or run 'recall init' to create it")
                }
                if try !repository.isRepository() {
                    try repository.git.check(["init", "--quiet"], "make '\(decks)' a git repository")
                    print("made '\(decks)' a git repository")
                    madeRepository = true
                }
            }
            try repository.writeGitFiles()
            try repository.registerMergeDriver()
            if let adopted = try adoptProgress(decks: decks) { print(adopted) }
            print("its progress is kept in '\(repository.progressFolder)'")
            if let remote {
                // Committed first, so that nothing is left loose if the remote cannot be reached.
                try StoreAccess.reporting {
                    let store = try StoreAccess.open(collection, forWriting: true, quietRebuild: true)
                    defer { try? store.close() }
                    try SyncRun(repository: repository, store: store).commitLocalChanges()
                }
                try connect(remote, repository: repository, rename: madeRepository)
            }
            // Each step above was printed as it was done: a deck conflict here stops the command.
            print(try Sync.sync(repository, collection: collection, allowUnrelatedHistories: true))
        }

        private func clone(_ remote: String, into decks: URL, repository: SyncRepository) throws {
            let parent = decks.deletingLastPathComponent()
            try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            let r = try Git(directory: parent.path).run(["clone", "--quiet", remote, decks.path])
            guard r.succeeded else {
                throw CLIError("could not clone '\(remote)': \(r.reason)",
                               hint: "check the address and the network, then run 'recall sync init' again")
            }
            // A remote whose HEAD names a branch it does not have clones to an unborn branch.
            if try repository.commit("HEAD") == nil, let first = try remoteBranches(repository, remote: "origin").first {
                try repository.git.check(["checkout", "--quiet", "-B", first, "origin/\(first)"], "check out '\(first)'")
            }
        }

        /// Names `remote` as `origin` (when the repository has no remote yet), fetches it and
        /// points this branch at the remote's branch.
        private func connect(_ remote: String, repository: SyncRepository, rename: Bool) throws {
            let git = repository.git
            let remotes = try git.run(["remote"]).lines
            let name: String
            if remotes.isEmpty {
                try git.check(["remote", "add", "origin", remote], "add the remote '\(remote)'")
                name = "origin"
            } else if let same = try remotes.first(where: { try git.run(["remote", "get-url", $0]).lines.first == remote }) {
                name = same
            } else if remotes.count == 1, let only = remotes.first, try remoteBranches(repository, remote: only).isEmpty {
                // Never reached (a mistyped address at the first `init`): take the new one
                // rather than sending a user who does not know git to `git remote set-url`.
                let old = try git.run(["remote", "get-url", only]).lines.first ?? ""
                try git.check(["remote", "set-url", only, remote], "change the remote '\(only)' to '\(remote)'")
                print("the remote '\(only)' was '\(old)', which was never reached; it is now '\(remote)'")
                name = only
            } else {
                func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
                throw CLIError("the decks repository already has \(remotes.count == 1 ? "a remote" : "remotes") ('\(remotes.joined(separator: "', '"))')",
                               hint: "run 'recall sync' to sync with it, or point it at the new address first: "
                                   + "git -C \(quoted(repository.decks)) remote set-url \(remotes[0]) \(quoted(remote))")
            }
            let fetched = try git.run(["fetch", "--quiet", name])
            guard fetched.succeeded else {
                throw CLIError("could not reach '\(remote)': \(fetched.reason)",
                               hint: "the decks folder is set up and its progress committed here; run 'recall sync' when the remote can be reached")
            }
            let branch = try repository.branch()
            let theirs = try remoteBranches(repository, remote: name)
            var target = branch
            if !theirs.isEmpty, !theirs.contains(branch) {
                let head = try git.run(["ls-remote", "--symref", name, "HEAD"]).lines.first { $0.hasPrefix("ref: refs/heads/") }
                let named = head.map { String($0.dropFirst("ref: refs/heads/".count).prefix { $0 != "\t" }) }
                target = named.flatMap { theirs.contains($0) ? $0 : nil } ?? theirs[0]
                if rename {
                    // A repository made just now takes the remote's branch name.
                    try git.check(["branch", "-M", target], "rename the branch '\(branch)' to '\(target)'")
                }
            }
            let local = try repository.branch()
            try git.check(["config", "branch.\(local).remote", name], "set the branch's remote")
            try git.check(["config", "branch.\(local).merge", "refs/heads/\(target)"], "set the branch's remote")
        }

        /// A remote given as a path to an existing folder, made absolute (git runs in the
        /// decks folder, not where the command was typed); anything else as it is.
        static func absoluteIfLocal(_ remote: String) -> String {
            guard !remote.hasPrefix("/"), !remote.contains(":"), FileManager.default.fileExists(atPath: remote) else { return remote }
            return URL(fileURLWithPath: remote).standardizedFileURL.path
        }

        private func remoteBranches(_ repository: SyncRepository, remote: String) throws -> [String] {
            try repository.git.run(["for-each-ref", "--format=%(refname:strip=3)", "refs/remotes/\(remote)"]).lines
                .filter { $0 != "HEAD" }
        }

        /// Merges the progress kept in the data folder before syncing into `.recall/`; says
        /// so, or nil when there was none. The old folder is left as it was.
        private func adoptProgress(decks: String) throws -> String? {
            let data = collection.dataDirectory().path
            let old = StoreLocation.unsynced(dataDirectory: data, decksDirectory: decks).folder
            let synced = StoreLocation.syncFolder(forDecks: decks)
            let fm = FileManager.default
            guard fm.fileExists(atPath: old + "/reviews.jsonl") || fm.fileExists(atPath: old + "/settings.json") else { return nil }
            var tookSettings = false
            if fm.fileExists(atPath: old + "/settings.json"), !fm.fileExists(atPath: synced + "/settings.json") {
                tookSettings = true
                do {
                    try fm.copyItem(atPath: old + "/settings.json", toPath: synced + "/settings.json")
                } catch {
                    throw CLIError("cannot copy '\(old)/settings.json' into '\(synced)': \(error.localizedDescription)")
                }
            }
            guard fm.fileExists(atPath: old + "/reviews.jsonl") else { return tookSettings ? "took the settings from '\(old)'" : nil }
            let store = try StoreAccess.open(collection, forWriting: true, quietRebuild: true)
            let report = try StoreAccess.reporting {
                let report = try store.merge(from: old, now: Clock.now())
                try store.close()
                return report
            }
            // Run again (`init` on a collection already synced), there is nothing new to say.
            guard report.newEntries > 0 || report.newRenames > 0 || tookSettings else { return nil }
            return "merged the progress in '\(old)': \(SyncRun.plural(report.newReviews, "review")) brought in "
                + "(that folder is no longer used and can be deleted)"
        }
    }
}
