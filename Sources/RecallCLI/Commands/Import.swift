import ArgumentParser

extension Recall {
    /// Placeholder until the deck builder lands; replaced by the real command.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "(in progress)")
        @OptionGroup var collection: CollectionOptions
        func run() throws {}
    }
}
