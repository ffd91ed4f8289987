import ArgumentParser
import Foundation
import RecallStore

extension Recall {
    /// `recall merge-file BASE OURS THEIRS [PATH]`: git's merge driver for the progress files.
    struct MergeFile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge-file",
            abstract: "Merge two versions of a progress file (git's merge driver for 'recall sync').",
            discussion: """
                'recall sync init' registers this command as the merge driver for the files \
                in .recall/ (reviews.jsonl, renames.jsonl, settings.json); git runs it when both \
                machines changed one. The result replaces OURS and is never a conflict: the two \
                logs are united (an entry in both counts once) in canonical order, as \
                'recall merge' does, and settings take the side that changed each one (ours \
                when both did). PATH, the file's name in the repository, decides which kind \
                of file it is and names it in messages. Any other file is refused (exit 1) \
                and left to git.

                Example (what git runs):
                  recall merge-file .merge_file_a .merge_file_b .merge_file_c .recall/reviews.jsonl
                """,
            // Plumbing for git: not listed among the commands people type.
            shouldDisplay: false
        )

        @Argument(help: ArgumentHelp("The common ancestor (an empty file when there is none).", valueName: "base"))
        var base: String
        @Argument(help: ArgumentHelp("This side's version; replaced by the result.", valueName: "ours"))
        var ours: String
        @Argument(help: ArgumentHelp("The other side's version.", valueName: "theirs"))
        var theirs: String
        @Argument(help: ArgumentHelp("The file's path in the repository.", valueName: "path"))
        var path: String?

        func run() throws {
            try StoreAccess.reporting {
                let merged = try ProgressFileMerge.merge(base: base, ours: ours, theirs: theirs, name: path)
                try ProgressFileMerge.write(merged.text, to: ours)
            }
        }
    }
}
