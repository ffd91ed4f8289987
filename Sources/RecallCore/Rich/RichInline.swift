import Foundation

/// The inline part of ``RichText``: one stretch of prose (it may hold line breaks) into
/// styled spans, ended and restarted around each image or sound.
struct RichInline {
    private let chars: [Character]
    private var i = 0
    private var style: RichText.Style = []
    private var blocks: [RichText.Block] = []
    private var spans: [RichText.Span] = []
    /// Open HTML list tags: nil for `<ul>`, the next number for `<ol>`.
    private var lists: [Int?] = []

    /// Whether spaces and line breaks at the ends of a text block are kept (for a part of
    /// a line, such as the text around a cloze deletion).
    private let keepsEnds: Bool

    private init(_ text: String, keepsEnds: Bool) {
        chars = Array(text)
        self.keepsEnds = keepsEnds
    }

    /// `text` as text and media blocks.
    /// (`shortcut` false takes plain text apart like any other, for the tests that compare.)
    static func blocks(_ text: String, keepingEnds: Bool = false, shortcut: Bool = true) -> [RichText.Block] {
        // Most card text has no marker at all: it is one plain span, found without taking
        // the text apart character by character (a piped review shows a thousand cards).
        guard RichText.mayBeRich(text) || !shortcut else {
            var parser = RichInline("", keepsEnds: keepingEnds)
            parser.emit(text, [])
            parser.endText()
            return parser.blocks
        }
        var parser = RichInline(text, keepsEnds: keepingEnds)
        parser.run()
        parser.endText()
        return parser.blocks
    }

    /// The text of an HTML `<pre>` block: tags dropped (`<br>` is a line break), entities
    /// decoded, line breaks and spaces kept.
    static func preformatted(_ html: Substring) -> String {
        var out = ""
        var rest = html
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let name = tagName(rest[rest.index(after: open)..<close])
            if name == "br" { out += "\n" }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        var lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        while lines.first?.allSatisfy({ $0 == " " }) == true, lines.count > 1 { lines.removeFirst() }
        while lines.last?.allSatisfy({ $0 == " " }) == true, lines.count > 1 { lines.removeLast() }
        return TerminalText.sanitized(HTMLText.decodeEntities(lines.joined(separator: "\n")))
    }

    private mutating func run() {
        var plain = ""
        while i < chars.count {
            let c = chars[i]
            if "\\$`*_![<{".contains(c) {
                // Text read so far goes out first, in the style it was read in.
                if !plain.isEmpty { emit(HTMLText.decodeEntities(plain), style) }
                plain = ""
                let recognised = switch c {
                case "\\": escapeOrMath()
                case "$": dollarMath()
                case "`": codeSpan()
                case "*", "_": emphasis(c)
                case "!": image()
                case "[": mediaTag() || link()
                case "<": htmlTag()
                default: speech()
                }
                if recognised { continue }
            }
            plain.append(c)
            i += 1
        }
        if !plain.isEmpty { emit(HTMLText.decodeEntities(plain), style) }
    }

    // MARK: Output

    /// Adds `text` in `style`. Sanitized here (``TerminalText``) although the caller
    /// sanitizes card text before reading it: an entity (`&#27;`) only becomes a control
    /// character while it is read, and every span and media path passes through here.
    private mutating func emit(_ text: String, _ style: RichText.Style) {
        guard !text.isEmpty else { return }
        let text = TerminalText.sanitized(text)
        if let last = spans.last, last.style == style {
            spans[spans.count - 1].text += text
        } else {
            spans.append(RichText.Span(text, style))
        }
    }

    /// Ends the current text block (leading and trailing line breaks dropped).
    private mutating func endText() {
        if keepsEnds {
            if !spans.isEmpty { blocks.append(.text(spans)) }
            spans = []
            return
        }
        while let first = spans.first, first.text.allSatisfy({ $0 == "\n" || $0 == " " }) { spans.removeFirst() }
        if !spans.isEmpty {
            while spans[0].text.first == "\n" || spans[0].text.first == " " { spans[0].text.removeFirst() }
        }
        while let last = spans.last, last.text.allSatisfy({ $0 == "\n" || $0 == " " }) { spans.removeLast() }
        if !spans.isEmpty {
            while spans[spans.count - 1].text.last == "\n" || spans[spans.count - 1].text.last == " " {
                spans[spans.count - 1].text.removeLast()
            }
            blocks.append(.text(spans))
        }
        spans = []
    }

    private mutating func addMedia(_ media: RichText.Media) {
        endText()
        var media = media
        media.path = TerminalText.sanitized(media.path, keepingNewlines: false)
        blocks.append(.media(media))
    }

    // MARK: Pieces (each returns true and moves `i` past what it read)

    private func char(_ at: Int) -> Character? { at < chars.count ? chars[at] : nil }

    private func find(_ needle: String, from start: Int) -> Int? {
        let n = Array(needle)
        guard !n.isEmpty, start + n.count <= chars.count else { return nil }
        var j = start
        while j + n.count <= chars.count {
            if chars[j] == n[0], Array(chars[j..<(j + n.count)]) == n { return j }
            j += 1
        }
        return nil
    }

    private mutating func escapeOrMath() -> Bool {
        guard let next = char(i + 1) else { return false }
        if let math = MathSpan.at(i, in: chars) {
            emit(LaTeXText.unicode(math.latex), style.union(.math))
            i = math.end
            return true
        }
        if "\\`*_{}[]()#+-.!$<>&~|".contains(next) {
            emit(String(next), style)
            i += 2
            return true
        }
        return false
    }

    private mutating func dollarMath() -> Bool {
        guard let math = MathSpan.at(i, in: chars) else { return false }
        emit(LaTeXText.unicode(math.latex), style.union(.math))
        i = math.end
        return true
    }

    private mutating func codeSpan() -> Bool {
        var run = 0
        while char(i + run) == "`" { run += 1 }
        let fence = String(repeating: "`", count: run)
        var j = i + run
        while let end = find(fence, from: j) {
            if char(end + run) == "`" { j = end + run + 1; continue }
            var body = String(chars[(i + run)..<end])
            if body.hasPrefix(" "), body.hasSuffix(" "), body.count > 2 { body = String(body.dropFirst().dropLast()) }
            emit(body, style.union(.code))
            i = end + run
            return true
        }
        return false
    }

    /// `**`/`__` for bold, `*`/`_` for italic: opens before a non-space that a matching
    /// marker later closes, closes after a non-space. `_` never inside a word (`snake_case`).
    private mutating func emphasis(_ mark: Character) -> Bool {
        let double = char(i + 1) == mark
        let width = double ? 2 : 1
        let flag: RichText.Style = double ? .bold : .italic
        let previous = i > 0 ? chars[i - 1] : " "
        let next = char(i + width) ?? " "
        if mark == "_", previous.isLetter || previous.isNumber, style.contains(flag) == false { return false }
        if style.contains(flag) {
            let start = markRun(at: i, mark).lowerBound
            guard !previous.isWhitespace, start > 0, !chars[start - 1].isWhitespace else { return false }
            if mark == "_", next.isLetter || next.isNumber { return false }
            style.remove(flag)
            i += width
            return true
        }
        guard !next.isWhitespace, next != mark else { return false }
        let marker = String(repeating: mark, count: width)
        var j = i + width + 1
        while let end = find(marker, from: j) {
            let run = markRun(at: end, mark)
            let closesHere = !chars[end - 1].isWhitespace
                && (double || (run.lowerBound > 0 && !chars[run.lowerBound - 1].isWhitespace && run.count != 2))
                && !(mark == "_" && (char(end + width)?.isLetter ?? false))
            if closesHere { break }
            j = end + 1
            if j >= chars.count { return false }
        }
        guard find(marker, from: j) != nil else { return false }
        style.insert(flag)
        i += width
        return true
    }

    /// The run of `mark` characters around `index`.
    private func markRun(at index: Int, _ mark: Character) -> Range<Int> {
        var start = index, end = index
        while start > 0, chars[start - 1] == mark { start -= 1 }
        while end < chars.count, chars[end] == mark { end += 1 }
        return start..<end
    }

    private mutating func image() -> Bool {
        guard char(i + 1) == "[", let close = find("](", from: i + 2),
              let end = find(")", from: close + 2) else { return false }
        let alt = String(chars[(i + 2)..<close])
        let path = String(chars[(close + 2)..<end]).trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty, !path.contains("\n") else { return false }
        let isSound = alt.lowercased() == "audio" || RichInline.isAudio(path)
        i = end + 1
        addMedia(RichText.Media(isSound ? .sound : .image, path: path))
        return true
    }

    /// `[sound:a.mp3]`, `[sound: media/a.mp3]`, `[image: media/a.png]`.
    private mutating func mediaTag() -> Bool {
        for (prefix, kind) in [("[sound:", RichText.Media.Kind.sound), ("[image:", .image)] {
            let p = Array(prefix)
            guard i + p.count <= chars.count, Array(chars[i..<(i + p.count)]) == p,
                  let end = find("]", from: i + p.count) else { continue }
            let path = String(chars[(i + p.count)..<end]).trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty, !path.contains("\n") else { continue }
            i = end + 1
            addMedia(RichText.Media(kind, path: path))
            return true
        }
        return false
    }

    /// `[text](url)`: the text, then the URL in brackets, dim (once if they are the same).
    private mutating func link() -> Bool {
        guard let close = find("](", from: i + 1), let end = find(")", from: close + 2) else { return false }
        let text = String(chars[(i + 1)..<close])
        let url = String(chars[(close + 2)..<end])
        guard !text.contains("\n"), !url.contains(" "), !url.isEmpty, !text.contains("](") else { return false }
        i = end + 1
        emitLink(text: text, url: url)
        return true
    }

    private mutating func emitLink(text: String, url: String) {
        if text.isEmpty || text == url {
            emit(url, style)
        } else {
            emit(HTMLText.decodeEntities(text), style)
            emit(" (" + url + ")", style.union(.dim))
        }
    }

    /// `{{tts en_US:text}}` or `{{tts text}}`: the text, and a request to speak it.
    private mutating func speech() -> Bool {
        guard find("{{tts ", from: i) == i, let end = find("}}", from: i + 6) else { return false }
        var body = String(chars[(i + 6)..<end]).trimmingCharacters(in: .whitespaces)
        var language: String?
        if let colon = body.firstIndex(of: ":"), !body[..<colon].contains(" ") {
            language = String(body[..<colon])
            body = String(body[body.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        i = end + 2
        emit(body, style)
        addMedia(RichText.Media(.speech(language: language), path: body))
        return true
    }

    private static let blockTags: Set<String> = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote"]
    private static let quietTags: Set<String> = ["span", "font", "sup", "sub", "u", "small", "big", "mark"]

    /// The link target of the `<a>` being read, shown when it closes.
    private var openLink: String?

    /// An HTML tag Anki writes (see ``RichText``); any other `<` is text.
    private mutating func htmlTag() -> Bool {
        guard let close = find(">", from: i + 1) else { return false }
        let tag = Substring(String(chars[(i + 1)..<close]))
        let closing = tag.first == "/"
        let name = RichInline.tagName(tag)
        guard !name.isEmpty, tag.dropFirst(closing ? 1 : 0).first?.isLetter == true else { return false }
        switch name {
        case "b", "strong": toggle(.bold, on: !closing)
        case "i", "em": toggle(.italic, on: !closing)
        case "code", "kbd", "tt", "samp": toggle(.code, on: !closing)
        case "br":
            emit("\n", style)
            // A line break in the source right after `<br>` is the same break, written twice.
            if char(close + 1) == "\n" { i = close + 2; return true }
        case "ul", "ol":
            lineBreak()
            if closing { _ = lists.popLast() } else { lists.append(name == "ol" ? 1 : nil) }
        case "li":
            guard !closing else { break }
            lineBreak()
            if let number = lists.last ?? nil {
                lists[lists.count - 1] = number + 1
                emit("\(number). ", style)
            } else {
                emit("- ", style)
            }
        case "a":
            if closing {
                if let url = openLink { emit(" (" + url + ")", style.union(.dim)) }
                openLink = nil
            } else {
                openLink = HTMLText.attribute("href", in: tag).map { HTMLText.decodeEntities(String($0)) }
            }
        case "img":
            guard let src = HTMLText.attribute("src", in: tag) else { break }
            i = close + 1
            addMedia(RichText.Media(.image, path: HTMLText.decodeEntities(String(src))))
            return true
        default:
            if RichInline.blockTags.contains(name) { lineBreak() } else if !RichInline.quietTags.contains(name) { return false }
        }
        i = close + 1
        return true
    }

    private mutating func toggle(_ flag: RichText.Style, on: Bool) {
        if on { style.insert(flag) } else { style.remove(flag) }
    }

    /// A line break unless the text is at the start of a line already.
    private mutating func lineBreak() {
        guard let last = spans.last?.text.last, last != "\n" else { return }
        emit("\n", style)
    }

    static func isAudio(_ path: String) -> Bool {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return ["mp3", "ogg", "oga", "opus", "wav", "m4a", "flac", "aac", "spx"].contains(ext)
    }

    static func tagName(_ tag: Substring) -> String {
        let body = tag.first == "/" ? tag.dropFirst() : tag
        return String(body.prefix(while: { $0.isLetter || $0.isNumber })).lowercased()
    }
}
