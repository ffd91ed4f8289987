import Foundation

/// Text to look for, folded for case- and accent-insensitive matching, with `*` standing
/// for any run of characters.
public struct SearchPattern: Hashable, Sendable, CustomStringConvertible {
    /// The pattern as written (after unquoting).
    public let text: String
    /// The folded pattern split at each `*` (so one part means no wildcard).
    let parts: [String]

    public init(_ text: String) {
        self.text = text
        parts = SearchPattern.fold(text).components(separatedBy: "*")
    }

    public var description: String { text }

    /// Whether the pattern is only `*`s: it matches anything.
    var matchesEverything: Bool { parts.allSatisfy(\.isEmpty) }

    /// `text` lower-cased with its accents removed (`Écoute` → `ecoute`).
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Whether the whole of `folded` (already folded) matches the pattern.
    func matchesWhole(_ folded: String) -> Bool {
        if parts.count == 1 { return folded == parts[0] }
        return Self.glob(parts, folded[...], anchoredStart: true, anchoredEnd: true)
    }

    /// Whether the pattern occurs anywhere in `folded` (already folded).
    func occurs(in folded: String) -> Bool {
        if parts.count == 1 { return parts[0].isEmpty || folded.contains(parts[0]) }
        return Self.glob(parts, folded[...], anchoredStart: false, anchoredEnd: false)
    }

    /// Whether `parts` (literal pieces separated by wildcards) match `text`, leftmost first.
    private static func glob(_ parts: [String], _ text: Substring, anchoredStart: Bool, anchoredEnd: Bool) -> Bool {
        var rest = text
        for (i, part) in parts.enumerated() {
            if part.isEmpty { continue }
            let isLast = i == parts.count - 1
            if i == 0 && anchoredStart {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if isLast && anchoredEnd {
                return rest.hasSuffix(part)
            } else {
                guard let r = rest.range(of: part) else { return false }
                rest = rest[r.upperBound...]
            }
        }
        return !anchoredEnd || parts.last?.isEmpty == true || rest.isEmpty
    }
}
