/// Removes control characters from text taken out of a package, so that none is ever
/// written into a deck file (a NUL makes every reader reject the whole file as binary) or
/// into a file name.
enum AnkiCleanText {
    /// `text` without C0 controls (except newline and tab), DEL and C1 controls; `changed`
    /// says whether anything was removed.
    static func field(_ text: String) -> (text: String, changed: Bool) {
        clean(text) { $0 == "\n" || $0 == "\t" }
    }

    /// `text` without any control character, newline and tab included (names of decks,
    /// tags and files are one line).
    static func name(_ text: String) -> (text: String, changed: Bool) {
        clean(text) { _ in false }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func clean(_ text: String, keeping kept: (Unicode.Scalar) -> Bool) -> (text: String, changed: Bool) {
        guard text.unicodeScalars.contains(where: { isControl($0) && !kept($0) }) else { return (text, false) }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isControl(scalar) || kept(scalar) { out.append(scalar) }
        return (String(out), true)
    }
}
