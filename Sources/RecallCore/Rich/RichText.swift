import Foundation

/// A card side read as rich text: Markdown inline styles, Anki's HTML tags, formulas,
/// fenced code blocks, and image and sound references, as blocks of styled spans. Pure: the
/// terminal decides how each style looks (or that it does not show at all).
///
/// What is understood: `**bold**`/`__bold__`, `*italic*`/`_italic_`, `` `code` ``,
/// `[text](url)`, `![alt](path)` (an image, or a sound when the alt text is `audio` or the
/// file is audio), fenced code blocks; `<b> <strong> <i> <em> <code> <kbd> <pre> <br> <p>
/// <div> <ul> <ol> <li> <a href> <img src>` and entities; Anki's `[sound:…]`, Recall's
/// imported `[image: …]` and `[sound: …]`, and `{{tts …}}`; formulas between `$…$`, `$$…$$`,
/// `\(…\)` and `\[…\]` (see ``LaTeXText``). Anything else is text, shown as written.
public enum RichText {
    /// How a span is shown; several may apply at once.
    public struct Style: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let bold = Style(rawValue: 1)
        public static let italic = Style(rawValue: 2)
        public static let code = Style(rawValue: 4)
        /// Secondary text, such as a link's URL.
        public static let dim = Style(rawValue: 8)
        /// A formula converted to Unicode.
        public static let math = Style(rawValue: 16)
        /// Text to point out, such as a cloze deletion on the answer side.
        public static let highlight = Style(rawValue: 32)
    }

    /// A run of text in one style. `text` may hold line breaks.
    public struct Span: Hashable, Sendable {
        public var text: String
        public var style: Style
        public init(_ text: String, _ style: Style = []) {
            self.text = text
            self.style = style
        }
    }

    /// An image, a sound or a text to speak, as the card refers to it.
    public struct Media: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            case image, sound
            /// Text to speak (`{{tts lang:text}}`); `path` holds the text, `language` the
            /// language code if one was given.
            case speech(language: String?)
        }
        public var kind: Kind
        /// As written in the card: relative to the deck file or (for imported media such as
        /// `media/a.png`) to the collection.
        public var path: String
        public init(_ kind: Kind, path: String) {
            self.kind = kind
            self.path = path
        }

        /// The last part of the path: `flag.png`.
        public var name: String { path.split(separator: "/").last.map(String.init) ?? path }

        /// `[image: flag.png]`, `[sound: hola.mp3]`: how the media shows as text.
        public var placeholder: String {
            switch kind {
            case .image: "[image: \(name)]"
            case .sound: "[sound: \(name)]"
            case .speech: ""
            }
        }
    }

    /// One block of a card side, in order.
    public enum Block: Hashable, Sendable {
        /// Prose: wrapped to the width by whoever shows it.
        case text([Span])
        /// A code block's lines exactly as written (never joined or wrapped).
        case code(lines: [String], language: String?)
        /// An image or a sound; ``Media/Kind/speech`` is attached to the text it speaks.
        case media(Media)
    }

    /// `text` as blocks; see the type's documentation.
    public static func blocks(_ text: String) -> [Block] {
        guard mayBeRich(text) else { return RichInline.blocks(text) }  // no fence, no <pre>
        var blocks: [Block] = []
        var prose: [String] = []
        func flushProse() {
            if !prose.isEmpty { blocks += RichInline.blocks(prose.joined(separator: "\n")) }
            prose = []
        }
        var lines = RichText.lines(text)[...]
        while let line = lines.popFirst() {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            guard let fence = fenceMarker(trimmed) else { prose.append(line); continue }
            flushProse()
            let language = trimmed.dropFirst(fence.count).trimmingSpaces()
            var code: [String] = []
            while let next = lines.popFirst() {
                if next.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(fence) { break }
                code.append(next)
            }
            blocks.append(.code(lines: code, language: language.isEmpty ? nil : language))
        }
        flushProse()
        return blocks
    }

    /// A piece of one line (such as the text around a cloze deletion) as spans, spaces at
    /// its ends kept, images and sounds as their ``Media/placeholder``.
    public static func inlineSpans(_ text: String) -> [Span] {
        RichInline.blocks(text, keepingEnds: true).flatMap { block -> [Span] in
            switch block {
            case .text(let spans): spans
            case .code(let lines, _): [Span(lines.joined(separator: " "), .code)]
            case .media(let media): media.placeholder.isEmpty ? [] : [Span(media.placeholder)]
            }
        }
    }

    /// The text of `text` without its markers: styles dropped, formulas converted, images
    /// and sounds as ``Media/placeholder``. What typed answers are compared with.
    public static func plain(_ text: String) -> String {
        guard mayBeRich(text) else { return text }
        return blocks(text).compactMap { block -> String? in
            switch block {
            case .text(let spans): spans.map(\.text).joined()
            case .code(let lines, _): lines.joined(separator: "\n")
            case .media(let media): media.placeholder.isEmpty ? nil : media.placeholder
            }
        }.joined(separator: "\n")
    }

    /// A typed answer as it is compared: like ``plain(_:)``, and a formula typed without
    /// delimiters (`\alpha^2`) converted too, so that it matches `$\alpha^2$` and `α²`.
    public static func typedAnswer(_ text: String) -> String {
        let plain = plain(text)
        guard plain.contains(where: { $0 == "\\" || $0 == "^" }) || plain.contains("_(") else { return plain }
        return LaTeXText.unicode(bracedScripts(plain))
    }

    /// `x^(n-1)` as `x^{n-1}`: how a raised group is typed without LaTeX, so that it matches
    /// `$x^{n-1}$` (`xⁿ⁻¹`). Unbalanced brackets are left as they are.
    static func bracedScripts(_ text: String) -> String {
        var chars = Array(text)
        var i = 0
        while i + 1 < chars.count {
            defer { i += 1 }
            guard chars[i] == "^" || chars[i] == "_", chars[i + 1] == "(" else { continue }
            var depth = 0
            var j = i + 1
            while j < chars.count {
                if chars[j] == "(" { depth += 1 } else if chars[j] == ")" { depth -= 1; if depth == 0 { break } }
                j += 1
            }
            guard j < chars.count else { continue }
            chars[i + 1] = "{"
            chars[j] = "}"
        }
        return String(chars)
    }

    /// Every image and sound `text` refers to, in order.
    public static func media(_ text: String) -> [Media] {
        guard mayBeRich(text) else { return [] }
        return blocks(text).compactMap { if case .media(let m) = $0 { m } else { nil } }
    }

    /// False only when `text` has none of the characters any rich marker starts with.
    static func mayBeRich(_ text: String) -> Bool {
        text.utf8.contains { b in
            b == 0x2A || b == 0x5F || b == 0x60 || b == 0x5B || b == 0x21 || b == 0x3C || b == 0x26
                || b == 0x24 || b == 0x5C || b == 0x7B || b == 0x7E
        }
    }

    /// ` ``` ` or `~~~` (three or more) at the start of a line.
    static func fenceMarker(_ trimmed: Substring) -> String? {
        for mark: Character in ["`", "~"] {
            let run = trimmed.prefix(while: { $0 == mark })
            if run.count >= 3, mark == "~" || !trimmed.dropFirst(run.count).contains("`") { return String(run) }
        }
        return nil
    }

    /// The lines of `text`, with HTML `<pre>` blocks turned into fenced ones so that both
    /// kinds of code block are read the same way.
    static func lines(_ text: String) -> [String] {
        guard text.contains("<") else { return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<pre", options: .caseInsensitive),
              let gt = rest[open.upperBound...].firstIndex(of: ">"),
              rest[open.upperBound...].first == ">" || rest[open.upperBound...].first == " ",
              let close = rest[gt...].range(of: "</pre>", options: .caseInsensitive) {
            out += rest[..<open.lowerBound]
            let body = RichInline.preformatted(rest[rest.index(after: gt)..<close.lowerBound])
            out += "\n```\n" + body + "\n```\n"
            rest = rest[close.upperBound...]
        }
        out += rest
        return out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
