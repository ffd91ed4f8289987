import ArgumentParser
import Foundation

/// `recall-bench`: synthetic collections for Recall's benchmarks.
@main
struct RecallBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall-bench",
        abstract: "Generate synthetic collections for Recall's benchmarks.",
        discussion: """
            Examples:
              recall-bench generate --cards 100000 --files 100 --reviews 1000000 --seed 1 --out /tmp/bench
              recall-bench generate-tsv --cards 100000 --seed 1 --out /tmp/bench/cards.tsv
            """,
        subcommands: [Generate.self, GenerateTSV.self, Balance.self]
    )
}

/// `recall-bench generate`: decks in each format plus a simulated review history.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write N cards over M deck files and K simulated reviews into DIR.",
        discussion: """
            Writes DIR/Decks/ (the deck files) and DIR/data/ (the progress, written through
            Recall's own store: every review is appended as `recall review` appends it), and
            DIR/RECALL_NOW, a time just after the last review to run recall with.
            The same arguments always give byte-identical files.

            Examples:
              recall-bench generate --cards 100000 --files 100 --reviews 1000000 --seed 1 --out /tmp/bench
              recall-bench generate --cards 300 --files 3 --reviews 2000 --format md --out /tmp/small
            """
    )

    @Option(help: "How many cards.") var cards = 1000
    @Option(help: "How many deck files (the cards are spread evenly).") var files = 10
    @Option(help: "How many reviews in the history.") var reviews = 10000
    @Option(help: "Seed for every random choice.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Output folder (created; must not hold a Decks/ or data/ folder yet).",
                               valueName: "dir")) var out: String
    @Option(help: "txt, md, tsv, or all (the files take turns).") var format: GeneratedFormat = .all

    func validate() throws {
        guard cards > 0, files > 0, files <= cards else {
            throw ValidationError("--cards and --files must be positive, with at least one card per file")
        }
        guard reviews >= 0 else { throw ValidationError("--reviews must not be negative") }
        for sub in ["Decks", "data"] where FileManager.default.fileExists(atPath: "\(out)/\(sub)") {
            throw ValidationError("'\(out)/\(sub)' already exists; choose a new --out folder")
        }
    }

    func run() throws {
        let spec = CollectionSpec(cards: cards, files: files, seed: seed, format: format)
        let decks = URL(fileURLWithPath: out).appendingPathComponent("Decks")
        let ids = try DeckGenerator.write(spec, to: decks)
        let simulation = LearnerSimulation(cards: ids, reviews: reviews, seed: seed)
        let last = try simulation.write(dataDirectory: "\(out)/data", decksDirectory: decks.path)
        let now = LearnerSimulation.suggestedNow(after: last)
        try Data((now + "\n").utf8).write(to: URL(fileURLWithPath: "\(out)/RECALL_NOW"))
        print("wrote \(ids.count) cards in \(files) files and \(reviews) reviews to \(out)")
        print("RECALL_NOW=\(now)")
    }
}

/// `recall-bench generate-tsv`: one Anki-style TSV file for import benchmarks.
struct GenerateTSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-tsv",
        abstract: "Write an Anki-style TSV file (question, answer) of N cards.",
        discussion: """
            Examples:
              recall-bench generate-tsv --cards 100000 --seed 1 --out /tmp/bench/cards.tsv
            """
    )

    @Option(help: "How many cards.") var cards = 100_000
    @Option(help: "Seed for the card texts.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("The file to write.", valueName: "file")) var out: String

    func run() throws {
        let text = DeckGenerator.tsv(notes: DeckGenerator.notes(range: 0..<cards, seed: seed))
        try Data(text.utf8).write(to: URL(fileURLWithPath: out))
        print("wrote \(cards) cards to \(out)")
    }
}
