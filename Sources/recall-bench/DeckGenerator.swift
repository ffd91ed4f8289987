import ArgumentParser
import Foundation
import RecallCore
import RecallStore

/// Which deck formats `generate` writes.
enum GeneratedFormat: String, ExpressibleByArgument, CaseIterable {
    case txt, md, tsv, all

    /// The file extension of deck file number `file` (`all` takes turns: txt, md, tsv).
    func fileExtension(file: Int) -> String {
        switch self {
        case .txt, .md, .tsv: rawValue
        case .all: ["txt", "md", "tsv"][file % 3]
        }
    }
}

/// What a generated collection holds.
struct CollectionSpec {
    var cards: Int
    var files: Int
    var seed: UInt64
    var format: GeneratedFormat

    /// The cards of file number `file`: the `files` files share the cards evenly, in order.
    func range(file: Int) -> Range<Int> { (file * cards / files)..<((file + 1) * cards / files) }
}

/// Synthetic deck text: the same card number and seed always give the same question and answer.
enum DeckGenerator {
    static let words = [
        "river", "capital", "enzyme", "theorem", "sonata", "glacier", "treaty", "protein",
        "verb", "planet", "compiler", "empire", "molecule", "harbour", "poem", "algorithm",
        "volcano", "currency", "mineral", "symphony", "dynasty", "neuron", "prism", "lattice",
    ]

    /// One generated card: a question naming its number (so ids are unique) and an answer.
    struct Note {
        var question: String
        var answer: String
    }

    /// The notes for card numbers `range`.
    static func notes(range: Range<Int>, seed: UInt64) -> [Note] {
        range.map { i in
            var rng = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(i))
            func word() -> String { words[Int(rng.next() % UInt64(words.count))] }
            let question = "Card \(i): what links the \(word()) and the \(word())?"
            let length = 2 + Int(rng.next() % 8)
            let answer = (0..<length).map { _ in word() }.joined(separator: " ")
            return Note(question: question, answer: answer)
        }
    }

    /// Plain Q&A blocks: question, answer, `-` line.
    static func plain(notes: [Note]) -> String {
        var out = ""
        for n in notes { out += "\(n.question)\n\(n.answer)\n-\n" }
        return out
    }

    /// Anki-style tab-separated rows under `#separator` and `#html` headers.
    static func tsv(notes: [Note]) -> String {
        var out = "#separator:tab\n#html:false\n"
        for n in notes { out += "\(n.question)\t\(n.answer)\n" }
        return out
    }

    /// Markdown through Recall's own writer; every fifth answer gets a second line, so both
    /// `question :: answer` lines and `Q:`/`A:` blocks occur.
    static func markdown(notes: [Note], deck: String, first: Int) -> String {
        let deckNotes = notes.enumerated().map { k, n in
            let answer = (first + k) % 5 == 4 ? n.answer + "\nsee also card \(first + k)" : n.answer
            return DeckNote(content: .basic(question: n.question, answer: answer), deck: deck, tags: [], line: 1)
        }
        return MarkdownDeckWriter.render(deckNotes, deck: deck) + "\n"
    }

    /// Writes the deck files into `folder` (created), loads them back with Recall's loader and
    /// returns the card ids in card-number order. Throws if the loader reports any problem.
    static func write(_ spec: CollectionSpec, to folder: URL) throws -> [CardID] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let digits = max(3, String(spec.files - 1).count)
        var names: [String] = []
        for f in 0..<spec.files {
            let ext = spec.format.fileExtension(file: f)
            let name = "bench-" + String(repeating: "0", count: max(0, digits - String(f).count)) + "\(f)"
            let range = spec.range(file: f)
            let notes = notes(range: range, seed: spec.seed)
            let text = switch ext {
            case "md": markdown(notes: notes, deck: name, first: range.lowerBound)
            case "tsv": tsv(notes: notes)
            default: plain(notes: notes)
            }
            try Data(text.utf8).write(to: folder.appendingPathComponent("\(name).\(ext)"))
            names.append("\(name).\(ext)")
        }
        return try cardIDs(folder: folder, files: names, expected: spec.cards)
    }

    /// The ids of the cards Recall loads from `folder`, ordered by file then line.
    static func cardIDs(folder: URL, files: [String], expected: Int) throws -> [CardID] {
        let loaded = CollectionLoader.load(root: folder)
        guard loaded.errorCount == 0, loaded.cards.count == expected else {
            let first = loaded.diagnostics.first.map { "\($0)" } ?? ""
            throw GeneratorError("the generated decks load as \(loaded.cards.count) cards with \(loaded.errorCount) errors \(first)")
        }
        let order = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
        return loaded.cards
            .sorted { a, b in
                let fa = order[a.source.file] ?? -1, fb = order[b.source.file] ?? -1
                return fa != fb ? fa < fb : a.source.line < b.source.line
            }
            .map(\.id)
    }
}

/// A failure that is the generator's own (not the user's files).
struct GeneratorError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = "recall-bench: error: " + description }
}
