import ArgumentParser

extension Recall {
    /// Placeholder until its issue lands; the owner replaces this file.
    struct Shell: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "shell", abstract: "(in progress)")
        @OptionGroup var collection: CollectionOptions
        func run() throws {}
    }
}
