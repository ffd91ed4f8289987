import ArgumentParser

extension Recall {
    /// Placeholder until its issue lands; the owner replaces this file.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "review", abstract: "(in progress)")
        @OptionGroup var collection: CollectionOptions
        func run() throws {}
    }
}
