/// Turns one term's text (`deck:Swift`, `#tag`, `prop:r<0.8`, a word) into a ``SearchTerm``.
public enum SearchTermParser {
    /// Names before `:` that start a term; any other `name:` is an error (quote text that
    /// holds a colon).
    public static let prefixes = ["front", "back", "deck", "tag", "file", "is", "prop", "rated", "introduced", "added"]

    static let termsHint = "terms are words, \"phrases\", front: back: deck: tag: #TAG file: is: prop: rated: introduced: added:"

    /// The longest number of days a term may look back (about a century).
    static let maximumDays = 36_500

    static func parse(_ text: String, quoted: Bool, column: Int) throws(SearchError) -> SearchTerm {
        if !quoted, text.count == 16, let id = CardID(text) { return .cardID(id) }
        if !quoted, text.hasPrefix("#") {
            return .tag(try pattern(String(text.dropFirst()), term: text, column: column, example: "#capitals"))
        }
        guard let colon = text.firstIndex(of: ":") else { return .text(SearchPattern(text), side: .either) }
        let name = text[..<colon].lowercased()
        let value = String(text[text.index(after: colon)...])
        guard prefixes.contains(name) else {
            if quoted { return .text(SearchPattern(text), side: .either) }
            // `Swift::Closures` is how deck paths read everywhere else (`review Swift::Closures`);
            // the word may be part of a longer name, so the hint gives the form, not the name.
            let deckHint = text.contains("::") ? "; a deck is written deck:NAME, in quotes when NAME has spaces" : ""
            throw SearchError(column: column, "unknown search term '\(name):' in '\(text)'",
                              hint: termsHint + deckHint + "; put text with a colon in quotes, as \"\(text)\"")
        }
        switch name {
        case "front": return .text(try pattern(value, term: text, column: column, example: "front:capital"), side: .front)
        case "back": return .text(try pattern(value, term: text, column: column, example: "back:Paris"), side: .back)
        case "deck": return .deck(try pattern(value, term: text, column: column, example: "deck:Swift or deck:\"World News\""))
        case "tag": return .tag(try pattern(value, term: text, column: column, example: "tag:capitals"))
        case "file": return .file(try pattern(value, term: text, column: column, example: "file:Swift.md"))
        case "is": return .state(try state(value, term: text, column: column))
        case "prop": return try property(value, term: text, column: column)
        case "rated": return try rated(value, term: text, column: column)
        case "introduced": return .introduced(days: try days(value, term: text, column: column, example: "introduced:7"))
        default: return .added(days: try days(value, term: text, column: column, example: "added:7"))
        }
    }

    private static func pattern(_ value: String, term: String, column: Int, example: String) throws(SearchError) -> SearchPattern {
        guard !value.isEmpty else {
            throw SearchError(column: column, "'\(term)' needs a value", hint: "as in \(example)")
        }
        return SearchPattern(value)
    }

    private static func state(_ value: String, term: String, column: Int) throws(SearchError) -> SearchTerm.State {
        guard let state = SearchTerm.State(rawValue: value.lowercased()) else {
            let names = SearchTerm.State.allCases.map(\.rawValue)
            throw SearchError(column: column, "unknown card state '\(value)' in '\(term)'",
                              hint: "is: takes " + names.dropLast().joined(separator: ", ") + " or " + (names.last ?? ""))
        }
        return state
    }

    static let propertyHint = "write prop:NAME OP VALUE with NAME one of ivl, due, s, d, r, lapses, reps and OP one of = != < <= > >=, as in prop:ivl>=10"

    private static func property(_ value: String, term: String, column: Int) throws(SearchError) -> SearchTerm {
        let name = String(value.prefix { $0.isLetter }).lowercased()
        let rest = value.dropFirst(name.count)
        guard let property = SearchTerm.Property(rawValue: name) else {
            throw SearchError(column: column, name.isEmpty ? "'\(term)' names no property" : "unknown property '\(name)' in '\(term)'",
                              hint: propertyHint)
        }
        let op = String(rest.prefix { "=!<>".contains($0) })
        guard let comparison = SearchTerm.Comparison(rawValue: op) else {
            throw SearchError(column: column, "'\(term)' needs a comparison after '\(name)'", hint: propertyHint)
        }
        let number = String(rest.dropFirst(op.count))
        guard let v = Double(number), v.isFinite else {
            throw SearchError(column: column, "'\(term)' needs a number after '\(op)'", hint: propertyHint)
        }
        if property.isWhole, v != v.rounded() {
            throw SearchError(column: column, "'\(term)' needs a whole number after '\(op)'",
                              hint: "\(name) counts whole \(property == .lapses || property == .reps ? "answers" : "days")")
        }
        return .property(property, comparison, v)
    }

    private static func rated(_ value: String, term: String, column: Int) throws(SearchError) -> SearchTerm {
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        let days = try days(String(parts[0]), term: term, column: column, example: "rated:1 (today) or rated:7:1")
        guard parts.count > 1 else { return .rated(days: days, rating: nil) }
        guard parts.count == 2, let n = Int(parts[1]), let rating = Rating(rawValue: n) else {
            throw SearchError(column: column, "'\(term)' needs a grade from 1 to 4 after the days",
                              hint: "1 again, 2 hard, 3 good, 4 easy, as in rated:1:1 for cards answered again today")
        }
        return .rated(days: days, rating: rating)
    }

    private static func days(_ value: String, term: String, column: Int, example: String) throws(SearchError) -> Int {
        guard let n = Int(value), n >= 1, n <= maximumDays else {
            throw SearchError(column: column, "'\(term)' needs a number of days from 1 to \(maximumDays)",
                              hint: "1 is today, 2 today and yesterday; as in \(example)")
        }
        return n
    }
}
