/// The result of completing the word before the cursor.
struct Completion: Equatable, Sendable {
    /// The partial word being completed (the text after the last space).
    var word: String
    /// Every candidate that starts with ``word``, sorted, without duplicates.
    var candidates: [String]

    /// The longest text all candidates start with (at least ``word``).
    var commonPrefix: String { Completer.commonPrefix(candidates) }
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
    func complete(_ textBeforeCursor: String) -> Completion {
        let words = textBeforeCursor.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let endsInSpace = textBeforeCursor.last == " " || textBeforeCursor.isEmpty
        let word = endsInSpace ? "" : (words.last ?? "")
        let previous = endsInSpace ? words : Array(words.dropLast())
        let pool = candidates(previous: previous, word: word)
        let matches = Set(pool.filter { $0.hasPrefix(word) }).sorted()
        return Completion(word: word, candidates: matches)
    }

    private func candidates(previous: [String], word: String) -> [String] {
        if word.hasPrefix(":") { return sessionCommands }
        guard let command = previous.first else { return commands }
        let topics = decks + tags.map { "#" + $0 }
        switch command {
        case "review", "stats": return topics
        case "quiz":
            if previous.last == "--mode" { return ["flip", "typed", "choice"] }
            if previous.last == "--count" { return [] }
            return topics + ["--count", "--mode", "--record"]
        case "help": return previous.count == 1 ? commands : []
        case "config": return previous.count == 1 ? configKeys : []
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
