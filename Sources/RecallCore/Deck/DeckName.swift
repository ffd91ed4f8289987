/// Deck names: levels joined by `::`, as in `History::Gaza`.
public enum DeckName {
    /// The deck of a file at `relativePath` inside a collection (`/`-separated):
    /// folders become parent decks and the extension is dropped,
    /// so `History/Gaza.txt` is `History::Gaza`.
    public static func forFile(relativePath: String) -> String {
        var parts = relativePath.split(separator: "/").map(String.init)
        guard let last = parts.popLast() else { return "" }
        parts.append(dropExtension(last))
        return parts.joined(separator: "::")
    }

    /// `names` and every parent of each (`A::B` also gives `A`): the decks a collection has.
    public static func withParents<Names: Sequence>(_ names: Names) -> Set<String> where Names.Element == String {
        var all = Set<String>()
        for name in names {
            var parts = name.components(separatedBy: "::")
            while !parts.isEmpty, all.insert(parts.joined(separator: "::")).inserted {
                parts.removeLast()
            }
        }
        return all
    }

    /// `name` without its last `.extension` (a leading dot is not an extension).
    public static func dropExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The extension of a file name, lower-cased, without the dot ("" if none).
    public static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
