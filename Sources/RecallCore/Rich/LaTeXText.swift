/// Turns the LaTeX of a formula (the text between `$…$`, `\(…\)` and the like) into
/// Unicode text a terminal can show: `\alpha^2` → `α²`, `a_{ij}` → `aᵢⱼ`, `\frac{a+b}{2}` →
/// `(a+b)/2`, `\sqrt{x}` → `√x`, `\mathbb{R}` → `ℝ`. Pure.
///
/// Super- and subscripts use Unicode's raised and lowered characters when every character
/// has one, else `^(…)` and `_(…)`. An unknown command is shown as written (with its
/// braced arguments), never dropped, so nothing of a formula is lost.
public enum LaTeXText {
    /// `latex` as Unicode text; see the type's documentation.
    public static func unicode(_ latex: String) -> String {
        var parser = Parser(chars: Array(latex))
        return collapsingSpaces(parser.sequence(until: nil))
    }

    /// Runs of spaces as one, none at the ends: spacing commands and the spaces around
    /// them (`x^2 \, dx`) read as one gap on a terminal.
    static func collapsingSpaces(_ text: String) -> String {
        var out = ""
        var space = false
        for ch in text {
            if ch == " " { space = !out.isEmpty; continue }
            if space { out.append(" ") }
            space = false
            out.append(ch)
        }
        return out
    }

    /// Environments whose `\begin{…}` and `\end{…}` are dropped (their rows are kept).
    private static let environments: Set<String> = [
        "align", "align*", "aligned", "gather", "gather*", "gathered", "equation", "equation*",
        "split", "cases", "matrix", "pmatrix", "bmatrix", "vmatrix", "array",
    ]

    private struct Parser {
        let chars: [Character]
        var i = 0

        /// Converts up to the closing `}` (consumed) when `closing` is set, or to the end.
        mutating func sequence(until closing: Character?) -> String {
            var out = ""
            while i < chars.count {
                let c = chars[i]
                if let closing, c == closing { i += 1; return out }
                out += atom()
            }
            return out
        }

        /// One piece of the formula and what it becomes.
        mutating func atom() -> String {
            let c = chars[i]
            i += 1
            switch c {
            case "\\": return command()
            case "{": return sequence(until: "}")
            case "^": return script(LaTeXSymbols.superscripts, mark: "^")
            case "_": return script(LaTeXSymbols.subscripts, mark: "_")
            case "~": return " "
            case "&": return " "
            case "'": return "′"
            case " ", "\t", "\n":
                while i < chars.count, chars[i] == " " || chars[i] == "\t" || chars[i] == "\n" { i += 1 }
                return " "
            default: return String(c)
            }
        }

        /// The argument after `^`, `_` or a command: a braced group, a command or one character.
        mutating func argument() -> String {
            skipSpaces()
            guard i < chars.count else { return "" }
            if chars[i] == "{" { i += 1; return sequence(until: "}") }
            return atom()
        }

        /// A braced group's text exactly as written (for `\text{…}` and `\mathbb{…}`).
        mutating func rawArgument() -> String {
            skipSpaces()
            guard i < chars.count else { return "" }
            guard chars[i] == "{" else { i += 1; return String(chars[i - 1]) }
            var depth = 0
            var out = ""
            while i < chars.count {
                let c = chars[i]
                i += 1
                if c == "{" { depth += 1; if depth == 1 { continue } }
                if c == "}" { depth -= 1; if depth == 0 { break } }
                out.append(c)
            }
            return out
        }

        mutating func script(_ table: [Character: Character], mark: Character) -> String {
            let body = argument()
            guard !body.isEmpty else { return String(mark) }
            let mapped = body.compactMap { table[$0] }
            if mapped.count == body.count { return String(mapped) }
            return body.count == 1 ? String(mark) + body : String(mark) + "(" + body + ")"
        }

        mutating func command() -> String {
            guard i < chars.count else { return "\\" }
            var name = ""
            if chars[i].isLetter {
                while i < chars.count, chars[i].isLetter { name.append(chars[i]); i += 1 }
            } else {
                name = String(chars[i])
                i += 1
            }
            if name == "\\" { return "; " }
            if let symbol = LaTeXSymbols.commands[name] { return symbol }
            if LaTeXSymbols.dropped.contains(name) {
                if name == "left" || name == "right", i < chars.count, chars[i] == "." { i += 1 }
                return ""
            }
            if LaTeXSymbols.plainArgument.contains(name) || name == "mathcal" || name == "mathfrak" {
                return name.hasPrefix("text") || name == "mbox" ? rawArgument() : argument()
            }
            if let accent = LaTeXSymbols.accents[name] { return argument() + String(accent) }
            switch name {
            case "frac", "dfrac", "tfrac":
                let top = argument(), bottom = argument()
                // `/2a` would read as (…/2)·a: a number times something below is bracketed.
                let product = bottom.first?.isNumber == true && bottom.contains(where: \.isLetter)
                return bracketed(top) + "/" + (product ? "(" + bottom + ")" : bracketed(bottom))
            case "sqrt": return squareRoot()
            case "mathbb": return rawArgument().map { LaTeXSymbols.blackboard[$0] ?? String($0) }.joined()
            case "not": return argument() + "\u{0338}"
            case "pmod": return " (mod " + argument() + ")"
            case "bmod", "mod": return " mod "
            case "begin", "end":
                let start = i
                let env = rawArgument()
                if LaTeXText.environments.contains(env) { return "" }
                i = start
            default: break
            }
            return unknown(name)
        }

        /// `\name` as written, with the braced arguments that follow it (converted inside).
        mutating func unknown(_ name: String) -> String {
            var out = "\\" + name
            while i < chars.count, chars[i] == "{" {
                i += 1
                out += "{" + sequence(until: "}") + "}"
            }
            return out
        }

        mutating func squareRoot() -> String {
            skipSpaces()
            var index: String?
            if i < chars.count, chars[i] == "[" {
                i += 1
                index = sequence(until: "]")
            }
            let body = argument()
            let sign: String = switch index {
            case nil: "√"
            case "3"?: "∛"
            case "4"?: "∜"
            case let n?: (n.allSatisfy { LaTeXSymbols.superscripts[$0] != nil }
                            ? String(n.compactMap { LaTeXSymbols.superscripts[$0] }) : "(" + n + ")") + "√"
            }
            return sign + bracketed(body)
        }

        /// `text` in brackets when it is more than one term (`a+b` → `(a+b)`).
        func bracketed(_ text: String) -> String {
            let needs = text.contains { " +-−±∓·×÷/=<>≤≥≠,".contains($0) }
            return needs ? "(" + text + ")" : text
        }

        mutating func skipSpaces() {
            while i < chars.count, chars[i] == " " || chars[i] == "\t" || chars[i] == "\n" { i += 1 }
        }
    }
}
