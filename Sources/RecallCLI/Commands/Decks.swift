import ArgumentParser

extension Recall {
    /// Placeholder until the deck builder lands; replaced by the real command.
    struct Decks: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "decks", abstract: "(in progress)")
        @OptionGroup var collection: CollectionOptions
        func run() throws {}
    }
}
