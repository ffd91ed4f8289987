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

                Examples:
                  recall merge                              fold in sync-conflict copies
                  recall merge /mnt/laptop/.local/share/recall
                  recall merge ~/Downloads/reviews.jsonl
                """
        )

        @OptionGroup var collection: CollectionOptions

        @Argument(help: ArgumentHelp("Another data folder, collection folder or reviews.jsonl.", valueName: "other"))
        var other: String?

        func run() throws {
            let store = try StoreAccess.open(collection, forWriting: true)
            if other == nil, store.conflictCopies().isEmpty {
                print("no sync-conflict copies of the review log to merge in '\(store.location.folder)'")
                try StoreAccess.reporting { try store.close() }
                return
            }
            let report = try StoreAccess.reporting {
                let report = try other.map { try store.merge(from: $0, now: Clock.now()) } ?? store.mergeConflictCopies(now: Clock.now())
                try store.close()
                return report
            }
            DiagnosticPrinter.standardError().print(report.warnings)
            print(Self.summary(report))
        }

        static func summary(_ r: MergeReport) -> String {
            let from = r.sources.map { "'\($0)'" }.joined(separator: ", ")
            var lines = ["merged \(from): \(r.newEntries) new \(r.newEntries == 1 ? "entry" : "entries") "
                + "(\(r.newReviews) \(r.newReviews == 1 ? "review" : "reviews")), \(r.totalEntries) in the log"]
            if r.newRenames > 0 { lines.append("\(r.newRenames) edited-card \(r.newRenames == 1 ? "rename" : "renames") merged") }
            lines += r.removed.map { "removed '\($0)'" }
            return lines.joined(separator: "\n")
        }
    }
}
