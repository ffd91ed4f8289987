import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall merge [OTHER]`: fold another device's reviews into this collection.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge another device's progress (or sync-conflict copies) into this collection.",
            discussion: """
                OTHER is another data folder, a collection folder or a review log file. The two \
                logs are united (an entry in both counts once) and sorted, card states are \
                recomputed, and the files are replaced atomically; OTHER is only read. Merging is \
                idempotent and gives the same files whichever way round it is done. Without \
                OTHER, every copy of the review log left by a file-sync tool in the collection \
                folder (e.g. reviews.sync-conflict-….jsonl) is merged and then deleted.

                With OTHER, merge first says how many of OTHER's cards are in this \
                collection's decks, and refuses (exit 1, nothing written) when fewer than \
                half are: that is another collection's progress, whose cards would all be \
                orphans here. --force merges it anyway; --dry-run says what would be merged \
                and writes nothing.

                Examples:
                  recall merge                              fold in sync-conflict copies
                  recall merge /mnt/laptop/.local/share/recall
                  recall merge --dry-run ~/Downloads/reviews.jsonl
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Argument(help: ArgumentHelp("Another data folder, collection folder or reviews.jsonl.", valueName: "other"))
        var other: String?

        @Flag(name: .long, help: "Merge OTHER even when most of its cards are in none of this collection's decks.")
        var force = false

        @Flag(name: .customLong("dry-run"), help: "Say what the merge would do, and write nothing.")
        var dryRun = false

        func run() throws {
            // The decks are read while the progress store opens; they are only needed to
            // check OTHER's cards against them.
            let root = collection.decksDirectory()
            let decks = other == nil ? nil : BackgroundDeckLoad(root: root, cacheFolder: StoreAccess.location(collection).folder)
            let store = try StoreAccess.open(collection, forWriting: !dryRun)
            if other == nil, store.conflictCopies().isEmpty {
                print("no sync-conflict copies of the review log to merge in '\(store.location.folder)'")
                try StoreAccess.reporting { try store.close() }
                return
            }
            let plan = try StoreAccess.reporting {
                try other.map { try store.planMerge(from: $0, now: Clock.now()) } ?? store.planMergeOfConflictCopies(now: Clock.now())
            }
            DiagnosticPrinter.standardError(noColor: display.noColor).print(plan.report.warnings)
            if let other, let decks {
                let deckCards = Set(decks.result().cards.lazy.map(\.id))
                let match = Match(incoming: plan.incomingCards.count,
                                  matching: plan.incomingCards.lazy.filter { deckCards.contains($0) }.count)
                print(match.line(other: other))
                if !force, let refusal = match.refusal(other: other) {
                    try StoreAccess.reporting { try store.close() }
                    throw refusal
                }
            }
            if dryRun {
                print(Self.summary(plan.report, dryRun: true))
                try StoreAccess.reporting { try store.close() }
                return
            }
            let report = try StoreAccess.reporting {
                let report = try store.apply(plan)
                try store.close()
                return report
            }
            print(Self.summary(report))
        }

        /// How many of the other log's cards are in this collection's decks.
        struct Match {
            var incoming: Int
            var matching: Int

            /// `30 of the 34 cards in 'OTHER' are in this collection's decks`.
            func line(other: String) -> String {
                "\(matching) of the \(incoming) \(incoming == 1 ? "card" : "cards") in '\(other)' "
                    + "\(incoming == 1 ? "is" : "are") in this collection's decks"
            }

            /// The error when fewer than half match (none of none is no reason to refuse).
            func refusal(other: String) -> CLIError? {
                guard incoming > 0, matching * 2 < incoming else { return nil }
                let what = matching == 0 ? "none of its cards are" : "only \(matching) of its \(incoming) cards are"
                return CLIError("'\(other)' looks like another collection: \(what) in this collection's decks; nothing was merged",
                                hint: "merge the progress of the same decks (check --decks), or use --force to merge it anyway (cards in no deck keep their history as orphans)")
            }
        }

        /// What was merged, or with `dryRun` what would be.
        static func summary(_ r: MergeReport, dryRun: Bool = false) -> String {
            let from = r.sources.map { "'\($0)'" }.joined(separator: ", ")
            var lines = ["\(dryRun ? "would merge" : "merged") \(from): \(r.newEntries) new \(r.newEntries == 1 ? "entry" : "entries") "
                + "(\(r.newReviews) \(r.newReviews == 1 ? "review" : "reviews")), \(r.totalEntries) in the log"]
            if r.newRenames > 0 { lines.append("\(r.newRenames) edited-card \(r.newRenames == 1 ? "rename" : "renames") merged") }
            lines += r.removed.map { "removed '\($0)'" }
            if dryRun { lines.append("nothing was written (--dry-run)") }
            return lines.joined(separator: "\n")
        }
    }
}
