import Foundation
import RecallCore

/// The parts of `recall optimize` shared by the collection and `--log` modes.
enum OptimizeRun {
    /// Builds the training set and fits it, with a progress bar on a terminal's stderr.
    static func fit(_ reviews: [OptimizerReview], current: [Double], label: String = "fitting") -> FSRSOptimizer.Outcome {
        let set = TrainingSet(reviews: reviews)
        let bar = ProgressBar(label: label, enabled: isatty(STDERR_FILENO) == 1)
        defer { bar.finish() }
        return FSRSOptimizer.run(set, current: current, progress: bar.update)
    }

    /// The cards the collection's own parameters schedule: those of no deck with parameters
    /// of its own. What a collection-wide fit (by hand or automatic) learns from.
    static func collectionCards(_ settings: CollectionSettings) -> (CardID) -> Bool {
        let elsewhere = Set(settings.deckParameters.values.flatMap(\.cards))
        return { !elsewhere.contains($0) }
    }

    /// Desired retentions 0.70…0.97 simulated with `parameters`.
    static func workload(_ parameters: [Double]) -> [WorkloadSimulator.Row] {
        let retentions = stride(from: 70, through: 97, by: 1).map { Double($0) / 100 }
        return WorkloadSimulator(parameters: parameters).table(retentions)
    }

    /// The deck `typed` names, spelt as in the deck files (a deck matches whatever the case),
    /// from the cards it matched; nil when none of them is in it.
    static func deckName(_ typed: String, among cards: [Card]) -> String? {
        let depth = typed.components(separatedBy: "::").count
        return cards.lazy.map { $0.deck.components(separatedBy: "::") }
            .filter { $0.count >= depth }
            .map { $0.prefix(depth).joined(separator: "::") }
            .filter { $0.lowercased() == typed.lowercased() }
            .min()
    }

    /// Whether `card` is in the deck (or a sub-deck) or carries the tag (or a sub-tag).
    static func matches(_ card: Card, _ filter: StatsFilter) -> Bool {
        func within(_ name: String, _ parent: String) -> Bool {
            let n = name.lowercased(), p = parent.lowercased()
            return n == p || n.hasPrefix(p + "::") || n.hasPrefix(p + "/")
        }
        switch filter {
        case .all: return true
        case .deck(let name): return within(card.deck, name)
        case .tag(let tag): return card.tags.contains { within($0, tag) }
        }
    }
}

/// A one-line progress bar on stderr, redrawn in place; silent when not enabled.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private var shown = -1

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    /// Redraws at `fraction` (0…1) when the whole percentage changed.
    func update(_ fraction: Double) {
        guard enabled else { return }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        guard percent != shown else { return }
        shown = percent
        let filled = percent * 30 / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
        Console.progress("\r\(label) [\(bar)] \(percent)%")
    }

    /// Erases the bar.
    func finish() {
        guard enabled, shown >= 0 else { return }
        Console.progress("\r\u{1B}[K")
    }
}
