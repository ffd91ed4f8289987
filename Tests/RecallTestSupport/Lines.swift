extension String {
    /// The lines of this text without their newlines, for assertions on whole lines of our own
    /// output (`out.lines.contains("…")`). A final newline ends the last line; it does not
    /// start an empty one.
    public var lines: [String] {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if hasSuffix("\n") { lines.removeLast() }
        return lines
    }
}
