/// The characters the text view draws with: Unicode blocks, or plain ASCII for `--ascii`.
struct StatsGlyphs: Sendable {
    /// Heatmap shades for levels 0…4.
    let shades: [String]
    /// Column heights in eighths (index 1…8) for bar charts; index 0 is empty.
    let eighths: [String]
    /// Horizontal rule and bullet separator.
    let rule: String
    let separator: String
    let ellipsis: String

    static let unicode = StatsGlyphs(
        shades: [" ", "░", "▒", "▓", "█"],
        eighths: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        rule: "─", separator: " · ", ellipsis: "…")

    static let ascii = StatsGlyphs(
        shades: [" ", ".", ":", "+", "#"],
        eighths: [" ", ".", ".", "_", "_", "=", "=", "#", "#"],
        rule: "-", separator: " | ", ellipsis: "...")

    /// A column of `height` rows showing `eighthsTall` eighths (0…8·height), top row first.
    func column(eighthsTall: Int, height: Int) -> [String] {
        (0..<height).map { row in
            let fromBottom = height - 1 - row
            let filled = eighthsTall - fromBottom * 8
            return eighths[max(0, min(8, filled))]
        }
    }
}
