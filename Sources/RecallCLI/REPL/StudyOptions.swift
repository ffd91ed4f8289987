import ArgumentParser
import RecallCore

/// The arguments of `review`, in the REPL and as `recall review`.
struct ReviewArguments: ParsableArguments {
    // Every word the options do not take is a filter, so that a query's `-is:new` (which
    // looks like an option) reaches the query parser.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("Decks (with their subdecks) or #tags to review, and/or a search query (docs/search.md); all when none.",
                                 valueName: "deck|#tag"))
    var filters: [String] = []

    @Option(name: .long, help: ArgumentHelp("Custom session: review cards due in the next N days now (early reviews).", valueName: "n"))
    var ahead: Int?

    @Flag(name: .long, help: "Custom session: the cards answered again today.")
    var failed = false

    @Option(name: .customLong("new"), help: ArgumentHelp("Custom session: N more new cards today than the limit allows.", valueName: "n"))
    var extraNew: Int?

    @Option(name: .customLong("lowest-r"), help: ArgumentHelp("Custom session: the N cards least likely to be recalled now.", valueName: "n"))
    var lowestR: Int?

    /// A custom session, built on a query.
    enum Custom: Equatable {
        case ahead(Int), failed, extraNew(Int), lowestR(Int)

        /// `ahead 3 days`, for the session header.
        var label: String {
            switch self {
            case .ahead(let n): "ahead \(n) day\(n == 1 ? "" : "s")"
            case .failed: "failed today"
            case .extraNew(let n): "\(n) more new"
            case .lowestR(let n): "lowest R \(n)"
            }
        }
    }

    var custom: Custom? {
        if let ahead { return .ahead(ahead) }
        if failed { return .failed }
        if let extraNew { return .extraNew(extraNew) }
        if let lowestR { return .lowestR(lowestR) }
        return nil
    }

    func validate() throws {
        if let word = filters.first(where: { $0.hasPrefix("--") }) {
            throw ValidationError("Unknown option '\(word)'")
        }
        let chosen = [ahead != nil, failed, extraNew != nil, lowestR != nil].filter { $0 }.count
        if chosen > 1 { throw ValidationError("choose one custom session: --ahead, --failed, --new or --lowest-r") }
        for (name, value) in [("--ahead", ahead), ("--new", extraNew), ("--lowest-r", lowestR)] {
            if let value, value < 1 || value > 36_500 {
                throw ValidationError("\(name) must be from 1 to 36500, not \(value)")
            }
        }
    }

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
    // Every word the options do not take is a topic or query word (see ReviewArguments).
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("Decks, #tags or words to pick cards by, and/or a search query (docs/search.md); all cards when none.",
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
        if let word = topics.first(where: { $0.hasPrefix("--") }) {
            throw ValidationError("Unknown option '\(word)'")
        }
        guard count > 0 else { throw ValidationError("--count must be at least 1, not \(count)") }
    }
}

extension Quiz.Mode: ExpressibleByArgument {}
