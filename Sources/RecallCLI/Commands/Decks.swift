import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall decks [--json]`: the collection's decks with their card counts and what is
    /// to study today.
    struct Decks: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decks",
            abstract: "List the decks with their card counts and today's new, learning and due cards.",
            discussion: """
                Sub-decks are indented under their parent; a parent's numbers include its \
                sub-decks. New, Learning and Due are what a review would show today, within \
                the daily limits (see 'recall config'). With --json, a deck that a preset applies to \
                also gives the values it takes from presets and the deck each comes from \
                ("preset"). Problems in deck files are not listed here: run 'recall check'.

                Examples:
                  recall decks
                  recall decks --decks ~/flashcards
                  recall decks --json
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Flag(name: .long, help: "Print the decks as JSON on standard output.")
        var json = false

        func run() throws {
            let root = collection.decksDirectory()
            guard CollectionLoaderAccess.isFolder(root.path) else {
                throw collection.missingFolder(root)
            }
            // Through the start-up cache that review sessions keep (files unchanged since are
            // not parsed again), and while the progress store is read: listing a large
            // collection costs what opening it for a review does.
            let decks = BackgroundDeckLoad(root: root, cacheFolder: StoreAccess.location(collection).folder)
            let store: ProgressStore
            do {
                store = try StoreAccess.open(collection, forWriting: false)
            } catch {
                _ = decks.result()  // the cache is saved before the process exits
                throw error
            }
            let loaded = decks.result()
            // Edited questions keep their progress here too (in memory; the next writer records them).
            _ = try? store.reconcile(with: loaded.cards, now: Clock.now())
            let today = todayCounts(loaded.cards, store: store)
            var counts: [String: [Int]] = [:]
            for deck in loaded.decks { counts[deck.name] = [deck.cardCount] }
            if json {
                try printJSON(loaded, today: today, settings: store.settings)
            } else {
                let table = DeckTable(titles: ["Cards"], counts: counts, today: today.perDeck, todayTotal: today.total)
                print(table.render(), terminator: "")
            }
            DiagnosticPrinter.standardError().print(loaded.collectionWarnings)
            let errors = loaded.errorCount
            if errors > 0 {
                Console.err("note: \(DeckWords.count(errors, "error")) in deck files; run '\(TypedCommand.text("check"))' for details\n")
            }
        }

        /// Today's counts per deck (each including its sub-decks, within its limits) and
        /// for the whole collection, from the progress store opened read-only.
        private func todayCounts(_ cards: [Card], store: ProgressStore) -> (perDeck: [String: QueueCounts], total: QueueCounts) {
            let now = Clock.now()
            let calendar = StudyCalendar(timeZone: Clock.timeZone, dayStartHour: store.settings.dayStartHour)
            let perDeck = QueueCounts.perDeck(cards: cards, records: store.records, settings: store.settings,
                                              calendar: calendar, now: now)
            let total = QueueCounts(Queue(cards: cards, records: store.records, settings: store.settings,
                                          calendar: calendar, now: now))
            return (perDeck, total)
        }

        /// Each deck with its counts and, when some deck preset applies to it, the values it
        /// takes from presets with the deck each comes from (`preset`); every other key is the
        /// collection's.
        private func printJSON(_ loaded: LoadedCollection,
                               today: (perDeck: [String: QueueCounts], total: QueueCounts),
                               settings: CollectionSettings) throws {
            struct Entry: Encodable {
                var name: String; var cards: Int; var new: Int; var learning: Int; var due: Int
                var preset: [String: PresetValue]?
            }
            struct PresetValue: Encodable { var value: SettingJSON; var from: String }
            struct Report: Encodable { var decks: [Entry]; var total: Int; var new: Int; var learning: Int; var due: Int }
            let report = Report(
                decks: loaded.decks.map { deck in
                    let c = today.perDeck[deck.name] ?? QueueCounts()
                    var preset: [String: PresetValue] = [:]
                    for key in SettingKey.perDeck {
                        let (value, from) = key.effectiveValue(forDeck: deck.name, in: settings)
                        if let from { preset[key.name] = PresetValue(value: SettingJSON(value), from: from) }
                    }
                    return Entry(name: deck.name, cards: deck.cardCount, new: c.new, learning: c.learning, due: c.review,
                                 preset: preset.isEmpty ? nil : preset)
                },
                total: loaded.cards.count, new: today.total.new, learning: today.total.learning,
                due: today.total.review)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(report)
            data.append(0x0A)
            Console.json(data)
        }
    }
}

/// A setting's value in JSON: a number, or an array of numbers (steps in seconds).
struct SettingJSON: Encodable {
    let value: SettingValue
    init(_ value: SettingValue) { self.value = value }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case .number(let d): try container.encode(d)
        case .integer(let i): try container.encode(i)
        case .flag(let b): try container.encode(b)
        case .text(let t): try container.encode(t)
        case .numbers(let n): try container.encode(n)
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
    /// Today's New / Learning / Due per full deck name, each already including its sub-decks
    /// (limits make them non-additive); shown as three more columns when not `nil`.
    var today: [String: QueueCounts]? = nil
    var todayTotal = QueueCounts()

    private static let todayTitles = ["New", "Learning", "Due"]

    private func todayNumbers(_ c: QueueCounts) -> [Int] { [c.new, c.learning, c.review] }

    private struct Row {
        var fullName: String
        var name: String
        var depth: Int
        var numbers: [Int]
    }

    /// The table as text, every line ending in a newline.
    func render() -> String {
        var rows = self.rows()
        var totals = (0..<titles.count).map { column in
            counts.values.reduce(0) { $0 + (column < $1.count ? $1[column] : 0) }
        }
        var titles = self.titles
        if let today {
            titles += DeckTable.todayTitles
            totals += todayNumbers(todayTotal)
            for i in rows.indices { rows[i].numbers += todayNumbers(today[rows[i].fullName] ?? QueueCounts()) }
        }
        let labels = rows.map { String(repeating: "  ", count: $0.depth) + TerminalText.sanitized($0.name, keepingNewlines: false) }
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
            return Row(fullName: name, name: parts.last ?? name, depth: parts.count - 1, numbers: sums[name] ?? [])
        }
    }
}
