import Foundation
import RecallCore

/// The media references in exported fields, turned into Anki's: `[image: media/a.png]`
/// becomes `<img src="a.png">`, `[sound: media/b.mp3]` becomes `[sound:b.mp3]` (the forms
/// `recall import` writes for Anki's), and an `<img src="media/a.png">` made from Markdown's
/// `![…](media/a.png)` points at `a.png`.
///
/// Paths are relative to the collection folder. Anki keeps media in one flat folder, so each
/// file is named by its last path component, with `-2`, `-3` … before the extension when two
/// different paths end alike. A path that is absolute, has a `..` level or a scheme (`https:`)
/// is left as it is: only files inside the collection are packed.
struct AnkiExportMedia {
    /// Anki name → collection-relative path, in first-seen order.
    private(set) var files: [AnkiPackageContents.Media] = []
    private var nameOfPath: [String: String] = [:]
    private var usedNames: Set<String> = []

    /// `html` (an exported field) with its media references rewritten.
    mutating func rewrite(_ html: String) -> String {
        // Images from Markdown first: the tags written below already hold Anki names.
        var out = rewriteImageSources(html)
        out = replaceBracketed(out, prefix: "[image: ") { "<img src=\"\(Self.attributeEscaped($0))\">" }
        return replaceBracketed(out, prefix: "[sound: ") { "[sound:\($0)]" }
    }

    /// Replaces each `prefix…]` whose path is packable with `replacement(name)`.
    private mutating func replaceBracketed(_ text: String, prefix: String, _ replacement: (String) -> String) -> String {
        guard text.contains(prefix) else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: prefix) {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "]"), !after[..<end].contains("\n"),
                  let name = name(forPath: HTMLText.decodeEntities(String(after[..<end]))) else {
                out += rest[start]
                rest = after
                continue
            }
            out += replacement(name)
            rest = after[after.index(after: end)...]
        }
        return out + rest
    }

    /// Points `src="…"` of `<img` tags at the packed name.
    private mutating func rewriteImageSources(_ text: String) -> String {
        guard text.contains("<img") else { return text }
        var out = ""
        var rest = Substring(text)
        while let tag = rest.range(of: "<img ") {
            out += rest[..<tag.upperBound]
            rest = rest[tag.upperBound...]
            guard let close = rest.firstIndex(of: ">"), let src = rest[..<close].range(of: "src=\"") else { continue }
            let value = rest[src.upperBound...].prefix(while: { $0 != "\"" })
            guard value.endIndex < close, let name = name(forPath: HTMLText.decodeEntities(String(value))) else { continue }
            out += rest[..<src.upperBound] + Self.attributeEscaped(name)
            rest = rest[value.endIndex...]
        }
        return out + rest
    }

    /// The Anki name for collection-relative `path`; `nil` when it is not a packable path.
    private mutating func name(forPath raw: String) -> String? {
        let path = raw.trimmingCharacters(in: .whitespaces)
        let levels = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains(":"), !path.contains("\\"),
              !levels.contains(where: { $0 == ".." || $0 == "." }), let last = levels.last else { return nil }
        let relative = levels.joined(separator: "/")
        if let known = nameOfPath[relative] { return known }
        let base = String(last)
        var name = base
        var n = 2
        while usedNames.contains(name) {
            let dot = base.lastIndex(of: ".").flatMap { $0 == base.startIndex ? nil : $0 }
            name = dot.map { base[..<$0] + "-\(n)" + base[$0...] } ?? base + "-\(n)"
            n += 1
        }
        usedNames.insert(name)
        nameOfPath[relative] = name
        files.append(.init(name: name, relativePath: relative))
        return name
    }

    private static func attributeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
