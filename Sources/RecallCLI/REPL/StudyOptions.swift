import ArgumentParser
import RecallCore

/// The arguments of `review`, in the REPL and as `recall review`.
struct ReviewArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("Decks (with their subdecks) or #tags to review; all when none.",
                                 valueName: "deck|#tag"))
    var filters: [String] = []

    /// Whether `card` is in the review: in one of the decks (or below it) or with one of
    /// the tags. Case-insensitive; everything matches when there are no filters.
    static func matches(_ card: Card, filters: [String]) -> Bool {
        guard !filters.isEmpty else { return true }
        let deck = card.deck.lowercased()
        return filters.contains { filter in
            let f = filter.lowercased()
            if f.hasPrefix("#") { return card.tags.contains { $0.lowercased() == f.dropFirst() } }
            return deck == f || deck.hasPrefix(f + "::")
        }
    }
}

/// The arguments of `quiz`, in the REPL and as `recall quiz`.
struct QuizArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("Decks, #tags or words to pick cards by; all cards when none.",
                                 valueName: "topic"))
    var topics: [String] = []

    @Option(name: .long, help: "How many questions.")
    var count = 10

    @Option(name: .long, help: "flip (reveal and judge yourself), typed (type the answer) or choice (pick 1-4).")
    var mode: Quiz.Mode = .flip

    @Flag(name: .long, help: "Log the answers as reviews, so they move the schedule.")
    var record = false

    @Option(name: .long, help: ArgumentHelp("Seed for picking and shuffling (default: random).", valueName: "n"))
    var seed: UInt64?

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1, not \(count)") }
    }
}

extension Quiz.Mode: ExpressibleByArgument {}
