import ArgumentParser

extension Recall {
    /// Placeholder until its issue lands; the owner replaces this file.
    struct Quiz: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "quiz", abstract: "(in progress)")
        @OptionGroup var collection: CollectionOptions
        func run() throws {}
    }
}
