import Foundation

/// How well the user recalled a card. Hard, Good and Easy count as a successful recall.
public enum Rating: Int, CaseIterable, Hashable, Sendable, Comparable, CustomStringConvertible {
    case again = 1, hard = 2, good = 3, easy = 4

    public static func < (a: Rating, b: Rating) -> Bool { a.rawValue < b.rawValue }

    public var isSuccess: Bool { self != .again }

    /// `again`, `hard`, `good` or `easy`.
    public var description: String {
        switch self {
        case .again: "again"
        case .hard: "hard"
        case .good: "good"
        case .easy: "easy"
        }
    }

    /// Accepts `1`-`4` or the rating's name (any case, or an unambiguous prefix like `g`).
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let n = Int(t), let r = Rating(rawValue: n) { self = r; return }
        guard !t.isEmpty, let r = Rating.allCases.first(where: { $0.description.hasPrefix(t) })
        else { return nil }
        self = r
    }
}
