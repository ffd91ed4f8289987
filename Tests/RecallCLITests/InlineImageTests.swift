import Foundation
import RecallCore
import RecallStore
import Testing
import RecallTestSupport
@testable import RecallCLI

/// Images in the terminal: which protocol, the exact bytes sent, the fallback text.
struct InlineImageTests {
    /// A 6×4 PNG (the header is all that is read of it).
    static let png: Data = {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
                              0, 0, 0, 6, 0, 0, 0, 4, 8, 2, 0, 0, 0]
        bytes += [UInt8](repeating: 0, count: 7)
        return Data(bytes)
    }()

    @Test(arguments: [
        (["TERM": "xterm-kitty"], InlineImage.GraphicsProtocol.kitty),
        (["KITTY_WINDOW_ID": "1", "TERM": "xterm-256color"], .kitty),
        (["TERM": "xterm-ghostty"], .kitty),
        (["TERM_PROGRAM": "ghostty"], .kitty),
        (["TERM_PROGRAM": "iTerm.app"], .iterm2),
        (["TERM_PROGRAM": "WezTerm"], .iterm2),
        (["RECALL_IMAGES": "kitty", "TERM": "dumb"], .kitty),
        (["RECALL_IMAGES": "iterm2"], .iterm2),
    ] as [([String: String], InlineImage.GraphicsProtocol)])
    func detectsTheProtocol(_ environment: [String: String], _ expected: InlineImage.GraphicsProtocol) {
        #expect(InlineImage.detect(environment: environment) == expected)
        #expect(InlineImage.detect(environment: environment, sixelAvailable: true) == expected)
    }

    /// Sixel terminals are recognised only when libsixel is there to encode for them.
    @Test(arguments: [
        ["TERM": "foot"], ["TERM": "foot-extra"], ["TERM": "mlterm"], ["WT_SESSION": "x", "TERM": "xterm-256color"],
        ["KONSOLE_VERSION": "230401", "TERM": "xterm-256color"], ["RECALL_IMAGES": "sixel", "TERM": "xterm"],
    ])
    func detectsSixelWithLibsixelOnly(_ environment: [String: String]) {
        #expect(InlineImage.detect(environment: environment, sixelAvailable: true) == .sixel)
        #expect(InlineImage.detect(environment: environment, sixelAvailable: false) == nil)
    }

    /// libsixel's output for the bundled parabola, byte for byte (the same as
    /// `img2sixel -h 36`); skipped where libsixel is not installed.
    @Test(.enabled(if: SixelEncoder.isAvailable)) func sixelComesFromLibsixel() throws {
        let png = bundledDecksFolder.appendingPathComponent("images/parabola.png").path
        let sixel = try #require(SixelEncoder.encode(path: png, heightPixels: 36))
        #expect(sixel.hasPrefix("\u{1B}Pq\"1;1;48;36#"))
        #expect(sixel.hasSuffix("\u{1B}\\"))
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/parabola-36.six")
        #expect(Array(sixel.utf8) == Array(try Data(contentsOf: golden)))
        #expect(SixelEncoder.encode(path: "/nonexistent.png", heightPixels: 36) == nil)
        // 72 pixels high, 18-pixel rows, a 6-row window: at most 2 rows, so 36 pixels.
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(InlineImage.sequence(.sixel, data: data, path: png, cellHeight: 18, windowRows: 6) == sixel)
    }

    @Test(arguments: [
        ["TERM": "xterm-256color"], ["TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"],
        ["TERM": "screen-256color", "TERM_PROGRAM": "iTerm.app"], ["RECALL_IMAGES": "none", "TERM": "xterm-kitty"], [:],
    ])
    func detectsNothingElsewhere(_ environment: [String: String]) {
        #expect(InlineImage.detect(environment: environment) == nil)
    }

    @Test func kittySequenceByteForByte() {
        let sequence = InlineImage.kitty(png: Data([1, 2, 3]), rows: 5)
        #expect(Array(sequence.utf8) == Array("\u{1B}_Ga=T,f=100,q=2,r=5,m=0;AQID\u{1B}\\".utf8))
    }

    @Test func kittySendsLongImagesInChunks() {
        let data = Data(repeating: 0, count: 3 * 4096 / 4 * 2 + 3)  // 8,196 base64 characters
        let sequence = InlineImage.kitty(png: data, rows: 2)
        let chunks = sequence.components(separatedBy: "\u{1B}\\").dropLast()
        #expect(chunks.map { $0.prefix(while: { $0 != ";" }) } == ["\u{1B}_Ga=T,f=100,q=2,r=2,m=1", "\u{1B}_Gm=1", "\u{1B}_Gm=0"])
        #expect(chunks.map { $0.split(separator: ";").last?.count ?? 0 } == [4096, 4096, 4])
        #expect(chunks.map { String($0.split(separator: ";")[1]) }.joined() == data.base64EncodedString())
    }

    @Test func iterm2SequenceByteForByte() {
        let sequence = InlineImage.iterm2(data: Data([1, 2, 3]), name: "a.png", rows: 7)
        #expect(Array(sequence.utf8)
                == Array("\u{1B}]1337;File=name=YS5wbmc=;size=3;height=7;preserveAspectRatio=1;inline=1:AQID\u{07}".utf8))
    }

    @Test func sizeComesFromThePNGHeader() {
        #expect(InlineImage.pngSize(Self.png)?.width == 6)
        #expect(InlineImage.pngSize(Self.png)?.height == 4)
        #expect(InlineImage.pngSize(Data("GIF89a not a png at all, no".utf8)) == nil)
    }

    @Test(arguments: [
        (40, 20, 30, 2), (400, 20, 30, 10), (400, 20, 5, 1), (1, 20, 30, 1), (nil, 20, 60, 20),
    ] as [(Int?, Int, Int, Int)])
    func imagesTakeAtMostAThirdOfTheWindow(_ height: Int?, _ cell: Int, _ windowRows: Int, _ rows: Int) {
        #expect(InlineImage.rows(imageHeight: height, cellHeight: cell, windowRows: windowRows) == rows)
    }

    @Test func kittyIsSentPNGOnly() {
        #expect(InlineImage.sequence(.kitty, data: Data("JFIF".utf8), path: "/c/a.jpg", cellHeight: 20, windowRows: 30) == nil)
        #expect(InlineImage.sequence(.iterm2, data: Data("JFIF".utf8), path: "/c/a.jpg", cellHeight: 20, windowRows: 30) != nil)
    }

    /// A card's image drawn in place of its placeholder, found next to its deck file; the
    /// text around it goes out in order.
    @Test func aCardDrawsItsImageInPlace() throws {
        let root = RecallProcess.temporaryDirectory("recall-image")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Flags"), withIntermediateDirectories: true)
        try Self.png.write(to: root.appendingPathComponent("Flags/peru.png"))
        let buffer = OutputBuffer()
        let output = Output.capturing(buffer, color: false, width: 40)
        let media = CardMedia(decksRoot: root, graphics: .kitty, autoplay: false, environment: [:])
        media.window = { (rows: 30, cellHeight: 2) }
        let card = Card(id: CardID(rawValue: 7), noteID: CardID(rawValue: 7), deck: "Flags", question: "Which flag?\n![Peru](peru.png)\nand ![x](gone.png)",
                        answer: "Peru", tags: [], source: SourceLocation(file: "Flags/South America.md", line: 3), kind: .basic)
        CardView(output: output, media: media).question(card.question, from: card)
        let encoded = Self.png.base64EncodedString()
        #expect(buffer.text == "  Which flag?\n  \u{1B}_Ga=T,f=100,q=2,r=2,m=0;\(encoded)\u{1B}\\\n  and\n  [image: gone.png]\n")
    }
}

/// Where media paths lead: next to the deck file, from the top of the decks folder, never out.
struct MediaFileTests {
    @Test func resolvesInsideTheCollectionOnly() throws {
        let base = RecallProcess.temporaryDirectory("recall-media")
        defer { try? FileManager.default.removeItem(at: base) }
        let root = base.appendingPathComponent("Decks")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("Lang/img"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("media"), withIntermediateDirectories: true)
        for file in ["Lang/img/a.png", "media/b.mp3"] { _ = fm.createFile(atPath: root.appendingPathComponent(file).path, contents: Data()) }
        _ = fm.createFile(atPath: base.appendingPathComponent("secret.png").path, contents: Data())
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("Lang/out.png").path,
                                  withDestinationPath: base.appendingPathComponent("secret.png").path)
        let r = root.path
        func resolve(_ path: String) -> MediaFile.Resolution { MediaFile.resolve(path, deckFile: "Lang/Spanish.md", decksRoot: r) }
        #expect(resolve("img/a.png") == .found(r + "/Lang/img/a.png"))
        #expect(resolve("media/b.mp3") == .found(r + "/media/b.mp3"))
        #expect(resolve("../media/b.mp3") == .found(r + "/media/b.mp3"))
        #expect(resolve("img/none.png") == .missing)
        #expect(resolve("../../secret.png") == .outside("it leads out of the collection ('..')"))
        #expect(resolve(base.path + "/secret.png") == .outside("it is an absolute path; media paths are relative to the deck file"))
        #expect(resolve("https://x.org/a.png") == .outside("it is a URL, not a file in the collection"))
        #expect(resolve("out.png") == .outside("it is reached through a symbolic link that leads out of the collection"))
    }
}
