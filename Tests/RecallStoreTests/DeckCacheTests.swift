import Foundation
import RecallCore
import Testing
@testable import RecallStore
import RecallTestSupport

/// `decks.bin` gives exactly the cards that parsing gives, and only for files whose bytes it
/// has seen.
@Suite struct DeckCacheTests {
    /// The bundled decks (every format: Markdown with sub-decks, clozes, two-way notes and
    /// tags; TSV; plain text; a sub-folder) copied into a temp collection.
    static func collection() throws -> TempFolder {
        let dir = TempFolder("deckcache")
        let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Decks").standardizedFileURL
        try FileManager.default.copyItem(atPath: bundled.path, toPath: dir.file("Decks"))
        try FileManager.default.createDirectory(atPath: dir.file("data"), withIntermediateDirectories: true)
        return dir
    }

    static func load(_ dir: TempFolder, cached: Bool = true) -> LoadedCollection {
        CollectionLoader.load(root: URL(fileURLWithPath: dir.file("Decks")),
                              cache: cached ? DeckCache(folder: dir.file("data")) : nil)
    }

    static func expectSame(_ a: LoadedCollection, _ b: LoadedCollection) {
        #expect(a.cards == b.cards)
        #expect(a.decks == b.decks)
        #expect(a.diagnostics == b.diagnostics)
        #expect(a.files == b.files)
    }

    @Test func cachedCardsAreTheParsedCards() throws {
        let dir = try Self.collection()
        let parsed = Self.load(dir, cached: false)
        #expect(parsed.cards.count > 50)
        #expect(parsed.cards.contains { if case .cloze = $0.kind { true } else { false } })
        #expect(parsed.cards.contains { $0.kind == .reversed })
        #expect(parsed.cards.contains { !$0.tags.isEmpty })
        Self.expectSame(Self.load(dir), parsed)  // writes the cache
        let cache = dir.file("data/" + DeckCache.name)
        #expect(FileManager.default.fileExists(atPath: cache))
        let written = try Data(contentsOf: URL(fileURLWithPath: cache))
        Self.expectSame(Self.load(dir), parsed)  // from the cache
        // Nothing changed, so the cache was not rewritten.
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache)) == written)
    }

    @Test func anEditedFileIsParsedAgain() throws {
        let dir = try Self.collection()
        _ = Self.load(dir)
        let file = dir.file("Decks/Spaced Repetition.txt")
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "?", with: "??")
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        let expected = Self.load(dir, cached: false)
        Self.expectSame(Self.load(dir), expected)
        // A new file and a removed one.
        try "new question\nnew answer\n".write(toFile: dir.file("Decks/New.txt"), atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: dir.file("Decks/Geography.tsv"))
        let again = Self.load(dir, cached: false)
        #expect(again.cards.contains { $0.question == "new question" })
        Self.expectSame(Self.load(dir), again)
        Self.expectSame(Self.load(dir), again)
    }

    @Test func aFileWithProblemsIsParsedEveryTime() throws {
        let dir = try Self.collection()
        try "Q: a question without an answer\n".write(toFile: dir.file("Decks/Broken.md"), atomically: false, encoding: .utf8)
        let expected = Self.load(dir, cached: false)
        #expect(expected.diagnostics.contains { $0.location?.file == "Broken.md" })
        _ = Self.load(dir)
        Self.expectSame(Self.load(dir), expected)
    }

    /// Duplicates across and within files: the cached load keeps the same first cards, in
    /// the same order, with the same warnings (pointing at the same first cards).
    @Test func duplicatesGiveTheSameWarningsFromTheCache() throws {
        let dir = try Self.collection()
        try "What is FSRS?\nA scheduler\n-\nunique one\nyes\n-\nwhat is fsrs?\nagain\n"
            .write(toFile: dir.file("Decks/Dup A.txt"), atomically: false, encoding: .utf8)
        try "unique one\nno\n-\nunique two\nyes\n".write(toFile: dir.file("Decks/Dup B.txt"), atomically: false,
                                                         encoding: .utf8)
        let expected = Self.load(dir, cached: false)
        #expect(expected.diagnostics.map(\.headline).filter { $0.contains("duplicate") } == [
            "Dup A.txt:7: warning: duplicate card 'what is fsrs?'",
            "Dup B.txt:1: warning: duplicate card 'unique one'",
        ])
        Self.expectSame(Self.load(dir), expected)  // writes the cache
        Self.expectSame(Self.load(dir), expected)  // from the cache
    }

    /// Cards decoded from bytes other than those the entry was checked against stop where
    /// the bytes stop making sense; the entry can then be dropped and the file parsed again.
    @Test func anEntryThatCannotBeDecodedIsDroppedAndTheFileParsed() throws {
        let dir = try Self.collection()
        let expected = Self.load(dir, cached: false)
        _ = Self.load(dir)
        let path = dir.file("data/" + DeckCache.name)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        let cache = DeckCache(folder: dir.file("data"))
        let file = "Spaced Repetition.txt"
        let lookup = cache.lookup(path: dir.file("Decks/" + file), display: file, deck: "Spaced Repetition",
                                  format: nil)
        guard case .cached(let cards) = lookup else {
            Issue.record("expected the file's entry to be used")
            return
        }
        #expect(cards.count > 2)
        // The same entry read from other bytes (as if the file had been overwritten in
        // place): fewer cards, never a crash.
        let other = [UInt8](repeating: 0xFF, count: written.count)
        let made = other.withUnsafeBytes { bytes in
            let buffer = UnsafeMutableBufferPointer<Card>.allocate(capacity: cards.count)
            defer { buffer.deallocate() }
            let made = cards.decode(bytes, into: buffer)
            buffer.baseAddress?.deinitialize(count: made)
            return made
        }
        #expect(made < cards.count)
        cache.discard(file)
        guard case .parsed(let parsed) = cache.lookup(path: dir.file("Decks/" + file), display: file,
                                                      deck: "Spaced Repetition", format: nil) else {
            Issue.record("expected the file to be parsed once its entry is dropped")
            return
        }
        #expect(parsed.cards == expected.cards.filter { $0.source.file == file })
    }

    @Test func aDamagedCacheIsIgnored() throws {
        let dir = try Self.collection()
        let expected = Self.load(dir, cached: false)
        _ = Self.load(dir)
        let cache = dir.file("data/" + DeckCache.name)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: cache))
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: cache))
        Self.expectSame(Self.load(dir), expected)
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: cache))
        Self.expectSame(Self.load(dir), expected)
        Self.expectSame(Self.load(dir), expected)
    }
}
