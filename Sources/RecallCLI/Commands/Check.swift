import ArgumentParser

extension Recall {
    /// Placeholder until the deck builder lands; replaced by the real command.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "(in progress)")
        @OptionGroup var collection: CollectionOptions
        func run() throws {}
    }
}
