import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall decks [--json]`: the collection's decks with their card counts.
    struct Decks: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decks",
            abstract: "List the collection's decks with their card counts.",
            discussion: """
                Sub-decks are indented under their parent; a parent's count includes its \
                sub-decks. Problems in deck files are not listed here: run 'recall check'.

                Examples:
                  recall decks
                  recall decks --decks ~/flashcards
                  recall decks --json
                """
        )

        @OptionGroup var collection: CollectionOptions

        @Flag(name: .long, help: "Print the decks as JSON on standard output.")
        var json = false

        func run() throws {
            let root = collection.decksDirectory()
            guard CollectionLoaderAccess.isFolder(root.path) else {
                throw CLIError("the collection folder '\(root.relativePath)' does not exist",
                               hint: "point --decks or $RECALL_DECKS at your deck folder")
            }
            let loaded = CollectionLoader.load(root: root)
            var counts: [String: [Int]] = [:]
            for deck in loaded.decks { counts[deck.name] = [deck.cardCount] }
            if json {
                try printJSON(loaded)
            } else {
                print(DeckTable(titles: ["Cards"], counts: counts).render(), terminator: "")
            }
            let errors = loaded.errorCount
            if errors > 0 {
                FileHandle.standardError.write(Data(
                    "note: \(DeckWords.count(errors, "error")) in deck files; run 'recall check' for details\n".utf8))
            }
        }

        private func printJSON(_ loaded: LoadedCollection) throws {
            struct Entry: Encodable { var name: String; var cards: Int }
            struct Report: Encodable { var decks: [Entry]; var total: Int }
            let report = Report(decks: loaded.decks.map { Entry(name: $0.name, cards: $0.cardCount) },
                                total: loaded.cards.count)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(report)
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        }
    }
}

/// The deck table: one row per deck with numeric columns, sub-decks indented under their
/// parent, and a total line. A parent's numbers include its sub-decks'.
///
/// The seam for more columns: pass per-deck counts for each title (e.g. `["Cards", "New",
/// "Learning", "Due"]`), each deck's own numbers in the same order.
struct DeckTable {
    var titles: [String]
    /// Per full deck name, the deck's own numbers (not including sub-decks), one per title.
    var counts: [String: [Int]]

    private struct Row {
        var name: String
        var depth: Int
        var numbers: [Int]
    }

    /// The table as text, every line ending in a newline.
    func render() -> String {
        let rows = self.rows()
        let totals = (0..<titles.count).map { column in
            counts.values.reduce(0) { $0 + (column < $1.count ? $1[column] : 0) }
        }
        let labels = rows.map { String(repeating: "  ", count: $0.depth) + $0.name }
        let nameWidth = max(labels.map(\.count).max() ?? 0, "Total".count, "Deck".count)
        let widths = titles.enumerated().map { i, title in
            max(title.count, String(totals[i]).count)
        }
        func line(_ label: String, _ cells: [String]) -> String {
            var text = label.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            for (cell, width) in zip(cells, widths) {
                text += "  " + String(repeating: " ", count: max(0, width - cell.count)) + cell
            }
            return text + "\n"
        }
        var out = line("Deck", titles)
        for (row, label) in zip(rows, labels) { out += line(label, row.numbers.map(String.init)) }
        out += line("Total", totals.map(String.init))
        return out
    }

    /// Every deck and every parent of one, sorted by name levels, with sub-deck sums.
    private func rows() -> [Row] {
        var sums: [String: [Int]] = [:]
        for (name, numbers) in counts {
            let parts = name.components(separatedBy: "::")
            for depth in 1...parts.count {
                let prefix = parts[0..<depth].joined(separator: "::")
                var sum = sums[prefix] ?? Array(repeating: 0, count: titles.count)
                for (i, n) in numbers.enumerated() where i < sum.count { sum[i] += n }
                sums[prefix] = sum
            }
        }
        let sorted = sums.keys.sorted {
            $0.lowercased().components(separatedBy: "::")
                .lexicographicallyPrecedes($1.lowercased().components(separatedBy: "::"))
        }
        return sorted.map { name in
            let parts = name.components(separatedBy: "::")
            return Row(name: parts.last ?? name, depth: parts.count - 1, numbers: sums[name] ?? [])
        }
    }
}
