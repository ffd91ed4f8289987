extension DeckParser {
    /// The conflict blocks git leaves in a file both machines edited (`<<<<<<< ours`, the
    /// optional `||||||| base`, `=======`, `>>>>>>> theirs`): one error per block, at its
    /// first line.
    ///
    /// The format's own complaints about the marker lines ("expected 3 columns, found 1")
    /// say nothing useful to someone who has never seen a merge, so they are dropped in favour
    /// of this one; what the format says about the lines between the markers is kept.
    static func conflictMarkerErrors(_ source: DeckSource) -> (errors: [Diagnostic], markerLines: Set<Int>) {
        guard mayHoldConflictMarkers(source.bytes) else { return ([], []) }
        let lines = source.lines.isEmpty && !source.bytes.isEmpty ? DeckSource.splitLines(source.bytes) : source.lines
        var errors: [Diagnostic] = []
        var markerLines: Set<Int> = []
        var openedAt: Int?
        for (i, range) in lines.enumerated() {
            let text = source.string(range)
            let number = i + 1
            if isMarker(text, "<") {
                openedAt = number
                markerLines.insert(number)
                errors.append(.error(
                    "an unfinished merge: the lines from here to '>>>>>>>' are two versions of the same lines",
                    at: source.location(line: number),
                    notes: ["keep the lines you want and delete the '<<<<<<<', '=======' and '>>>>>>>' lines; "
                        + "if 'recall sync' stopped on this file, then run 'recall sync --continue'"]))
            } else if openedAt != nil, isMarker(text, "|") || text == "=======" {
                markerLines.insert(number)
            } else if openedAt != nil, isMarker(text, ">") {
                markerLines.insert(number)
                openedAt = nil
            }
        }
        return (errors, markerLines)
    }

    /// `<<<<<<<`, `|||||||` or `>>>>>>>` alone or followed by a space and a label.
    private static func isMarker(_ line: String, _ character: Character) -> Bool {
        let marker = String(repeating: character, count: 7)
        return line == marker || line.hasPrefix(marker + " ")
    }

    /// Whether the bytes hold seven `<` in a row at the start of a line, which every
    /// conflict block does; most files do not, and are not looked at line by line.
    private static func mayHoldConflictMarkers(_ bytes: [UInt8]) -> Bool {
        var run = 0
        var atLineStart = true
        for byte in bytes {
            if byte == UInt8(ascii: "<"), atLineStart || run > 0 {
                run += 1
                if run == 7 { return true }
                atLineStart = false
            } else {
                run = 0
                atLineStart = byte == UInt8(ascii: "\n")
            }
        }
        return false
    }
}
