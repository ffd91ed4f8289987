/// The one normalisation every parser applies to a question or answer, so that the same
/// text reads back the same from any format: lines are right-trimmed, leading and trailing
/// blank lines dropped, and paragraph breaks (inner blank lines) kept.
enum CardText {
    /// Joins `lines` after normalising them as described above.
    static func join<S: StringProtocol>(_ lines: [S]) -> String {
        var first = 0
        var last = lines.count - 1
        while first <= last, isBlank(lines[first]) { first += 1 }
        while last >= first, isBlank(lines[last]) { last -= 1 }
        guard first <= last else { return "" }
        if first == last { return String(trimRight(lines[first])) }
        var out = ""
        for i in first...last {
            if i > first { out.append("\n") }
            out.append(contentsOf: trimRight(lines[i]))
        }
        return out
    }

    /// Normalises a text that may hold newlines (`\r\n`, `\r` or `\n`).
    static func normalize(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            return String(trimRight(trimLeft(text)))
        }
        let unified = text.replacingCRLF()
        return join(unified.split(separator: "\n", omittingEmptySubsequences: false))
            .trimmingLeadingSpaceOfFirstLine()
    }

    static func isBlank<S: StringProtocol>(_ s: S) -> Bool {
        s.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    static func trimRight<S: StringProtocol>(_ s: S) -> S.SubSequence {
        if let last = s.last, last != " ", last != "\t" { return s[s.startIndex..<s.endIndex] }
        var end = s.endIndex
        while end > s.startIndex {
            let before = s.index(before: end)
            guard s[before] == " " || s[before] == "\t" else { break }
            end = before
        }
        return s[s.startIndex..<end]
    }

    static func trimLeft<S: StringProtocol>(_ s: S) -> S.SubSequence {
        if let first = s.utf8.first, first != 0x20, first != 0x09 { return s[s.startIndex..<s.endIndex] }
        var start = s.startIndex
        while start < s.endIndex, s[start] == " " || s[start] == "\t" { start = s.index(after: start) }
        return s[start..<s.endIndex]
    }

    /// Trims spaces and tabs at both ends.
    static func trim<S: StringProtocol>(_ s: S) -> String {
        String(trimRight(trimLeft(s)))
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n", previousCR { previousCR = false; continue }
            previousCR = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    fileprivate func trimmingLeadingSpaceOfFirstLine() -> String {
        String(CardText.trimLeft(self))
    }
}
