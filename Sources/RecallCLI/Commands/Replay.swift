import ArgumentParser

extension Recall {
    /// Placeholder until its issue lands; the owner replaces this file.
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "replay", abstract: "(in progress)")
        @OptionGroup var collection: CollectionOptions
        func run() throws {}
    }
}
