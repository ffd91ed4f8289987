import ArgumentParser
import RecallCore

/// The arguments of `cards`, on the command line and in the shell.
struct CardsOptions: ParsableArguments {
    // Every word the options do not take is part of the query, so that `-is:suspended`
    // (which looks like an option) reaches the query parser.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(
        "The search query (see docs/search.md); every card when none.", valueName: "query"))
    var query: [String] = []

    @Option(name: .long, help: "Order: due, r, s, d, lapses, reps or deck.")
    var sort: CardListing.Order = .due

    @Flag(name: .long, help: "Reverse the order.")
    var reverse = false

    @Option(name: .long, help: ArgumentHelp("Show (or act on) only the first N cards.", valueName: "n"))
    var limit: Int?

    @Flag(name: .long, help: "Print the cards with every field as JSON.")
    var json = false

    @Flag(name: .long, help: "Print only the card ids, one a line (a query accepts them back).")
    var ids = false

    @Flag(name: .long, help: "Suspend the cards (they leave reviews until unsuspended).")
    var suspend = false
    @Flag(name: .long, help: "Unsuspend the cards.")
    var unsuspend = false
    @Flag(name: .long, help: "Bury the cards until the next study day.")
    var bury = false
    @Flag(name: .long, help: "Unbury the cards.")
    var unbury = false
    @Flag(name: .long, help: "Reset the cards to new (their history stays in the log).")
    var forget = false
    @Option(name: .customLong("set-due"), help: ArgumentHelp(
        "Make studied cards due in DAYS days (0 = today), or spread over a range such as 3..7.", valueName: "days"))
    var setDue: String?
    @Flag(name: .long, help: "Recompute the due dates from memory state and the current settings.")
    var reschedule = false

    @Flag(name: .customLong("dry-run"), help: "Say what an action would change, and change nothing.")
    var dryRun = false
    @Flag(name: .long, help: "Do not ask before changing more than 50 cards.")
    var yes = false
    @Option(name: .long, help: ArgumentHelp("Seed for spreading --set-due over a range (default: today's date).", valueName: "n"))
    var seed: UInt64?

    /// The query as one string: the words joined by spaces.
    var queryText: String { query.joined(separator: " ") }

    /// `--set-due`'s days: `N` or `A..B`, each from 0 to 36500.
    static func dueRange(_ text: String) -> ClosedRange<Int>? {
        let parts = text.components(separatedBy: "..")
        let numbers = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == parts.count, (1...2).contains(numbers.count),
              let low = numbers.first, let high = numbers.last,
              low >= 0, high >= low, high <= 36_500 else { return nil }
        return low...high
    }

    func validate() throws {
        if let word = query.first(where: { $0.hasPrefix("--") }) {
            throw ValidationError("Unknown option '\(word)'")
        }
        let actions = [suspend, unsuspend, bury, unbury, forget, setDue != nil, reschedule].filter { $0 }.count
        if actions > 1 {
            throw ValidationError("give one action at a time (--suspend, --unsuspend, --bury, --unbury, --forget, --set-due or --reschedule)")
        }
        if json && ids { throw ValidationError("--json and --ids cannot be combined") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, not \(limit)") }
        if let setDue, CardsOptions.dueRange(setDue) == nil {
            throw ValidationError("--set-due takes a number of days from 0, or a range such as 3..7, not '\(setDue)'")
        }
        if dryRun && actions == 0 { throw ValidationError("--dry-run goes with an action such as --suspend") }
    }

    /// The action asked for, if any; `today` seeds a `--set-due` spread without `--seed`.
    func action(today: Int) -> CardAction? {
        if suspend { return .suspend }
        if unsuspend { return .unsuspend }
        if bury { return .bury }
        if unbury { return .unbury }
        if forget { return .forget }
        if reschedule { return .reschedule }
        if let setDue, let range = CardsOptions.dueRange(setDue) {
            return .setDue(range, seed: seed ?? UInt64(bitPattern: Int64(today)))
        }
        return nil
    }

    /// Whether an action will write to the log (it needs the collection's lock).
    var writes: Bool {
        !dryRun && (suspend || unsuspend || bury || unbury || forget || setDue != nil || reschedule)
    }
}

extension CardListing.Order: ExpressibleByArgument {}
