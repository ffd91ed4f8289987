import ArgumentParser
import Foundation

/// `--decks` and `--data`, shared by every command that touches a collection.
struct CollectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The collection: a folder of deck files (default: $RECALL_DECKS, else ./Decks, else the data folder's decks/).",
        valueName: "dir"))
    var decks: String?

    @Option(name: .long, help: ArgumentHelp(
        "Where progress is kept (default: $RECALL_DATA, else $XDG_DATA_HOME/recall, else ~/.local/share/recall).",
        valueName: "dir"))
    var data: String?

    /// The data folder, resolved as documented in `--help`.
    func dataDirectory(environment env: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let data, !data.isEmpty { return URL(fileURLWithPath: data) }
        if let d = env["RECALL_DATA"], !d.isEmpty { return URL(fileURLWithPath: d) }
        if let x = env["XDG_DATA_HOME"], !x.isEmpty {
            return URL(fileURLWithPath: x).appendingPathComponent("recall")
        }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/recall")
    }

    /// The collection folder, resolved as documented in `--help`.
    func decksDirectory(environment env: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let decks, !decks.isEmpty { return URL(fileURLWithPath: decks) }
        if let d = env["RECALL_DECKS"], !d.isEmpty { return URL(fileURLWithPath: d) }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: "Decks", isDirectory: &isDir), isDir.boolValue {
            return URL(fileURLWithPath: "Decks")
        }
        return dataDirectory(environment: env).appendingPathComponent("decks")
    }

    /// The error for a collection folder `root` that does not exist: it names the
    /// `recall init` that creates it, after `alternatives` (such as "pass deck files to check").
    func missingFolder(_ root: URL, alternatives: String? = nil) -> CLIError {
        let initCommand = "recall init" + (decks.map { " " + CommandWords.quoted($0) } ?? "")
        let others = [alternatives, "point --decks or $RECALL_DECKS at your deck folder"].compactMap { $0 }
        return CLIError("the collection folder '\(root.relativePath)' does not exist",
                        hint: "run '\(initCommand)' to create it with example decks, or "
                            + others.joined(separator: ", or "))
    }
}
