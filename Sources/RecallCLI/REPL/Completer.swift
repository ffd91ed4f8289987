import RecallCore

/// The result of completing the word before the cursor.
struct Completion: Equatable, Sendable {
    /// The partial word being completed, without its quotes and escapes.
    var word: String
    /// Every candidate that starts with ``word``, sorted, without duplicates.
    var candidates: [String]
    /// The partial word as typed (with its quotes and backslashes).
    var typed: String = ""
    /// The quote left open in the typed word, if any.
    var openQuote: Character?

    /// The longest text all candidates start with (at least ``word``).
    var commonPrefix: String { Completer.commonPrefix(candidates) }

    /// What the typed word becomes: the one candidate, quoted as the shell reads it back and
    /// followed by a space, or the candidates' longest common prefix; nil when that adds
    /// nothing. A prefix opens no quote the user did not type (`World\ `, not `"World `), so
    /// the line stays one the shell reads as it looks.
    var replacement: String? {
        if candidates.count == 1, let only = candidates.first {
            // A query term's name (`deck:`) goes on with its value: no space after it.
            if only.hasSuffix(":") { return written(only, finished: false) }
            return written(only, finished: true) + " "
        }
        let prefix = commonPrefix
        guard prefix.count > word.count else { return nil }
        return written(prefix, finished: false)
    }

    /// Whether TAB also lists the candidates under the line: when it cannot finish the word.
    var listsCandidates: Bool { candidates.count > 1 }

    /// `text` quoted in the typed word's style: inside its open quote; else, finished, in
    /// double quotes when it holds a space or a quote; unfinished, with backslashes.
    private func written(_ text: String, finished: Bool) -> String {
        if let openQuote { return CommandWords.inQuote(openQuote, text, closed: finished) }
        return finished ? CommandWords.quoted(text) : CommandWords.escaped(text)
    }
}

/// Decides what TAB completes, from the line typed so far: command names as the first
/// word, then deck names, `#tags` and options depending on the command. Pure.
struct Completer: Sendable {
    /// Shell command names (first word).
    var commands: [String] = []
    /// Full deck names (`History::Gaza`).
    var decks: [String] = []
    /// Tags without `#`.
    var tags: [String] = []
    /// Setting names for `config`.
    var configKeys: [String] = []
    /// In-session commands such as `:undo` (completed when the word starts with `:`).
    var sessionCommands: [String] = []

    /// Completes the last word of `textBeforeCursor`.
    /// Words are read as ``CommandWords`` reads them, so quoted and escaped names complete.
    func complete(_ textBeforeCursor: String) -> Completion {
        let (previous, last) = CommandWords.scan(textBeforeCursor)
        let word = last?.value ?? ""
        let pool = candidates(previous: previous, word: word)
        // A name holding a control character (a shared deck's) cannot be typed, and TAB
        // would print it raw under the line or put it into the line being edited.
        let matches = Set(pool.filter { $0.hasPrefix(word) && !TerminalText.needsSanitizing($0, keepingNewlines: false) }).sorted()
        return Completion(word: word, candidates: matches, typed: last?.raw ?? "", openQuote: last?.openQuote)
    }

    private func candidates(previous: [String], word: String) -> [String] {
        if word.hasPrefix(":") { return sessionCommands }
        guard let command = previous.first else { return commands }
        let topics = decks + tags.map { "#" + $0 }
        switch command {
        case "cards":
            if previous.last == "--sort" { return ["due", "r", "s", "d", "lapses", "reps", "deck"] }
            if ["--limit", "--set-due", "--seed"].contains(previous.last ?? "") { return [] }
            return queryWords(word) + Completer.cardsOptions
        case "review":
            if ["--ahead", "--new", "--lowest-r"].contains(previous.last ?? "") { return [] }
            return topics + queryWords(word) + ["--ahead", "--failed", "--new", "--lowest-r"]
        case "stats": return topics
        case "quiz":
            if previous.last == "--mode" { return ["flip", "typed", "choice"] }
            if previous.last == "--count" || previous.last == "--seed" { return [] }
            return topics + ["--count", "--mode", "--record", "--seed"]
        case "add": return previous.count == 1 ? decks : []
        case "help": return previous.count == 1 ? commands : []
        case "config": return previous.count == 1 ? configKeys : []
        default: return []
        }
    }

    static let cardsOptions = ["--sort", "--reverse", "--limit", "--json", "--ids", "--suspend", "--unsuspend",
                               "--bury", "--unbury", "--forget", "--set-due", "--reschedule", "--dry-run", "--yes", "--seed"]

    /// Search terms for a query word being typed: term names (`deck:`), then, after one,
    /// its values (`deck:Geography`, `is:due`, `prop:r`), and `#tags`; a leading `-` is kept.
    func queryWords(_ word: String) -> [String] {
        if word.hasPrefix("-"), !word.hasPrefix("--") { return queryWords(String(word.dropFirst())).map { "-" + $0 } }
        let names = SearchTermParser.prefixes.map { $0 + ":" }
        guard let colon = word.firstIndex(of: ":") else { return names + tags.map { "#" + $0 } }
        let name = word[..<colon].lowercased()
        switch name {
        case "deck": return decks.map { "deck:" + $0 }
        case "tag": return tags.map { "tag:" + $0 }
        case "is": return SearchTerm.State.allCases.map { "is:" + $0.rawValue }
        case "prop": return SearchTerm.Property.allCases.map { "prop:" + $0.rawValue }
        default: return []
        }
    }

    /// The longest common prefix of `strings`, by characters ("" for none).
    static func commonPrefix(_ strings: [String]) -> String {
        guard let firstString = strings.first else { return "" }
        var prefix = Substring(firstString)
        for s in strings.dropFirst() {
            prefix = prefix.prefix(zip(prefix, s).prefix(while: { $0 == $1 }).count)
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }
}
