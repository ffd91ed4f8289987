import Foundation
import Testing
import RecallCore
@testable import RecallCLI
import RecallTestSupport

/// Pins the text layout of `recall stats` (no colour, 80 columns) in golden files under
/// `Golden/`. Set `RECALL_UPDATE_GOLDEN=1` to rewrite them after a deliberate change.
@Suite struct StatsViewTests {
    static let report = StatsReport.compute(StatsGoldenFixture.input)

    static func golden(_ name: String, _ actual: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent(name)
        try Golden.check(actual, against: url)
    }

    private func text(_ glyphs: StatsGlyphs, color: Bool = false) -> String {
        StatsTextView(report: Self.report, scope: "all decks", glyphs: glyphs, color: color,
                      width: 80).render()
    }

    @Test func unicodeLayout() throws {
        try Self.golden("stats-unicode.txt", text(.unicode))
    }

    @Test func asciiLayout() throws {
        let ascii = text(.ascii)
        try Self.golden("stats-ascii.txt", ascii)
        // Only the user's own text (questions) may be non-ASCII.
        let drawing = Set("░▒▓█▁▂▃▄▅▆▇─·…")
        #expect(!ascii.contains { drawing.contains($0) })
        #expect(text(.unicode).contains { drawing.contains($0) })
    }

    @Test func everyLineFitsEightyColumns() {
        for glyphs in [StatsGlyphs.unicode, .ascii] {
            for line in text(glyphs).split(separator: "\n") {
                #expect(TextWidth.of(line) <= 80, "too wide: \(line)")
            }
        }
    }

    @Test func colourOnlyWhenAsked() {
        #expect(!text(.unicode).contains("\u{1B}["))
        let coloured = text(.unicode, color: true)
        #expect(coloured.contains("\u{1B}["))
        #expect(ANSIStyle.strip(coloured) == text(.unicode))
    }

    @Test func jsonLayout() throws {
        try Self.golden("stats.json", StatsJSON.render(Self.report, scope: "all decks"))
    }
}

@Suite struct StatsNarrowViewTests {
    @Test(arguments: [40, 56, 64])
    func chartsFitNarrowTerminals(width: Int) {
        let text = StatsTextView(report: StatsViewTests.report, scope: "all decks", glyphs: .unicode,
                                 color: false, width: width).render()
        let lines = text.split(separator: "\n")
        let heatmap = lines.filter { $0.hasPrefix("Mon ") || $0.hasPrefix("Sun ") }
        #expect(heatmap.count == 2)
        for line in heatmap { #expect(TextWidth.of(line) <= width) }
        let axis = lines.first { $0.contains("+7") && $0.contains("+14") }
        #expect(axis.map { TextWidth.of($0) <= width } == true)
    }
}
