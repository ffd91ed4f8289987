import ArgumentParser
import Foundation
import RecallStore

extension Recall {
    /// `recall sync [--continue]`: commit, merge and push a collection kept in git.
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Sync the decks and their progress with other machines through git.",
            usage: """
                recall sync [--continue] [--decks <dir>] [--data <dir>]
                recall sync init [<remote>] [--decks <dir>] [--data <dir>]
                """,
            discussion: """
                Commits what changed in the decks folder (deck edits and new progress), merges \
                what the remote has, pushes, and prints one line of what went out and came in. \
                The progress in .recall/ is merged by Recall and never conflicts; when both \
                machines changed the same lines of a deck file, git leaves the file with \
                conflict markers: edit it, then run 'recall sync --continue'. Without a \
                network the changes stay committed here and go out with the next sync.

                Start with 'recall sync init [REMOTE]'. 'recall config sync_on_exit on' syncs \
                after every study session.

                Examples:
                  recall sync init git@example.com:me/cards.git
                  recall sync
                  recall sync --continue      after resolving a deck conflict
                """,
            subcommands: [SyncInit.self]
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Flag(name: .customLong("continue"), help: "Finish a sync that stopped on a deck conflict, once the files are resolved.")
        var continuing = false

        func run() throws {
            let repository = try Self.syncedRepository(collection)
            print(try Self.sync(repository, collection: collection, continuing: continuing))
        }

        /// The decks folder's repository; throws when the collection is not synced.
        static func syncedRepository(_ collection: CollectionOptions) throws -> SyncRepository {
            let decks = collection.decksDirectory().standardizedFileURL.path
            let repository = SyncRepository(decks: decks)
            guard StoreAccess.location(collection).isSynced, try repository.isRepository() else {
                throw CLIError("'\(decks)' is not synced",
                               hint: "run 'recall sync init [REMOTE]' to keep its decks and progress in git")
            }
            return repository
        }

        /// Runs one sync with the collection's lock held; returns the line to print.
        static func sync(_ repository: SyncRepository, collection: CollectionOptions, continuing: Bool = false,
                         allowUnrelatedHistories: Bool = false) throws -> String {
            let store = try StoreAccess.open(collection, forWriting: true, quietRebuild: true)
            defer { try? store.close() }
            let run = SyncRun(repository: repository, store: store, continuing: continuing,
                              allowUnrelatedHistories: allowUnrelatedHistories)
            let line = try StoreAccess.reporting { try run.run() }
            try StoreAccess.reporting { try store.close() }
            return line
        }

        /// For `sync_on_exit`: syncs a synced collection that has a remote, printing the
        /// outcome on standard error; a failure is reported, never thrown (the session's
        /// work is already saved).
        static func syncOnExit(_ collection: CollectionOptions) {
            let decks = collection.decksDirectory().standardizedFileURL.path
            let repository = SyncRepository(decks: decks)
            guard StoreAccess.location(collection).isSynced,
                  (try? repository.isRepository()) == true,
                  let branch = try? repository.branch(),
                  (try? repository.upstream(of: branch)) != nil else { return }
            do {
                Console.out(try sync(repository, collection: collection) + "\n")
            } catch let error as CLIError {
                Console.err(error.description + "\n")
            } catch {
                Console.err("recall: error: the sync after the session failed\n")
            }
        }
    }
}
