import ArgumentParser

extension Recall {
    /// Placeholder until its issue lands; the owner replaces this file.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stats", abstract: "(in progress)")
        @OptionGroup var collection: CollectionOptions
        func run() throws {}
    }
}
