import Foundation
import Testing
@testable import RecallAnki
import RecallCore
import RecallStore

/// Packages made by a stranger (Fixtures/hostile/, made by make_hostile.py): none crashes the
/// import, writes outside the collection or a control character into a deck file, and a
/// refused one writes nothing (issue 21).
@Suite struct AnkiHostilePackageTests {
    static let now = Date(timeIntervalSince1970: 1_748_736_000)  // 2025-06-01

    static func plan(_ name: String, limits: AnkiSizeLimits = AnkiSizeLimits()) throws -> AnkiImportPlan {
        try AnkiImporter.plan(package: try AnkiFixtures.path("hostile/" + name), existingCards: [], now: now, limits: limits)
    }

    /// Every file under `folder`, relative to it, sorted.
    static func files(_ folder: URL) -> [String] {
        let all = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        return all.filter { !isFolder(folder.appendingPathComponent($0).path) }.sorted()
    }

    static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    // Item 4
    @Test func controlCharactersNeverReachADeckFile() throws {
        let plan = try Self.plan("nul-field.apkg")
        #expect(plan.files.map(\.text) == ["tags: #t\nQ ]0;T one? :: hello  world\n"])
        #expect(plan.cleanedFields == 2)
    }

    // Item 13
    @Test(arguments: [
        ("Is 3 < 5 true?", "Is 3 < 5 true?"),
        ("a <b>bold</b> < c", "a bold < c"),
        ("ends with <", "ends with <"),
        ("x <3 y", "x <3 y"),
        ("1<2 and 3 > 2", "1<2 and 3 > 2"),
    ])
    func aBareLessThanIsText(html: String, text: String) {
        var field = AnkiFieldText()
        #expect(field.render(html) == text)
    }

    @Test func aBareLessThanImportsOnce() throws {
        let plan = try Self.plan("bare-lt.apkg")
        #expect(plan.files.map(\.text) == ["tags: #t\nIs 3 < 5 true? :: yes\n"])
    }

    // Item 6
    @Test func deckNamesBecomeSafeFileNames() throws {
        let plan = try Self.plan("nul-deck.apkg")
        #expect(plan.files.map(\.relativePath) == ["nuldeck.md", "Notes/x.md"])
        #expect(plan.cleanedDeckNames == 2)
        #expect(AnkiDeckPlanner.relativePath(forDeck: "a\u{0}b::c\nd:: .hidden ::/x\\y::") == "ab/cd/_hidden/-x-y/_.md")
        let long = String(repeating: "é", count: 300)
        #expect(AnkiDeckPlanner.relativePath(forDeck: long) == String(repeating: "é", count: 100) + ".md")
    }

    // Items 7 and 9
    @Test(arguments: [
        ("revlog-time-huge.apkg", ["1 value of history out of range (review durations, card change times) brought into range"], 1),
        ("revlog-id-max.apkg", ["1 review of history left out: a time before 1990 or after tomorrow"], 0),
        ("card-mod-huge.apkg", ["1 value of history out of range (review durations, card change times) brought into range"], 1),
        ("revlog-null.apkg", ["4 reviews of history left out: a missing or unreadable value"], 1),
        ("null-ord-tags.apkg", ["1 note left out: a missing or unreadable id",
                                "1 card left out: a missing or out-of-range id or card number"], 0),
    ])
    func absurdValuesAreSkippedOrClampedWithACount(package: String, warnings: [String], reviews: Int) throws {
        let folder = try AnkiFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("Decks")
        let plan = try Self.plan(package)
        #expect(plan.warnings == warnings)
        let window = AnkiImporter.reviewWindow(now: Self.now)
        #expect(plan.entries.allSatisfy { window.contains(ReviewLogFile.ms($0.time)) && (0...Int(Int32.max)).contains($0.durationMs) })
        let store = try AnkiFixtures.store(in: folder)
        let result = try AnkiImporter.apply(plan, collectionRoot: root, store: store)
        #expect(result.newReviews == reviews)
        #expect(result.files == ["Hostile.md"])
    }

    @Test func aMediaListLengthPast2To63IsDamage() throws {
        let error = #expect(throws: AnkiImportError.self) { _ = try Self.plan("media-varint.apkg") }
        #expect(error?.message.hasSuffix("is damaged: its media list cannot be read") == true)
        #expect(throws: AnkiMediaMap.Failure.self) {
            _ = try AnkiMediaMap.parse(Data([0x7B, 0x7D]) + Data(), limit: 1 << 20)  // "{}" is fine…
            var reader = ProtobufReader(([0x0A] + [UInt8](repeating: 0x80, count: 9) + [0x01])[...])
            _ = try reader.next()  // …a length of 2^63 is not
        }
    }

    // A deflate stream that never finishes: ZIPFoundation's own reading ran past the entry
    // and, in the fuzzer's build, never stopped; the entry is read within its bounds.
    @Test func aDeflateStreamThatNeverEndsIsDamage() throws {
        let error = #expect(throws: AnkiImportError.self) { _ = try Self.plan("unended-deflate.apkg") }
        let path = try AnkiFixtures.path("hostile/unended-deflate.apkg")
        #expect(error?.message == "'\(path)' is damaged: collection.anki2 cannot be unpacked (the zip data is corrupt or cut short)")
    }

    // Item 15
    @Test(arguments: [
        ("media-bomb.apkg", AnkiSizeLimits(perFile: 1 << 20, total: 64 << 20),
         "the media file 'big.bin' unpacks to more than 1 MiB, the limit for one file"),
        ("media-bomb-zstd.apkg", AnkiSizeLimits(perFile: 1 << 20, total: 64 << 20),
         "the media file 'big.bin' unpacks to more than 1 MiB, the limit for one file"),
        ("media-bomb-zstd.apkg", AnkiSizeLimits(perFile: 64 << 20, total: 2 << 20),
         "the media file 'big.bin' unpacks to more than 2 MiB, the limit for the whole package"),
        ("bare-lt.apkg", AnkiSizeLimits(perFile: 4096, total: 64 << 20),
         "collection.anki2 unpacks to more than 4 KiB, the limit for one file"),
    ])
    func unpackingStopsAtTheLimit(package: String, limits: AnkiSizeLimits, message: String) throws {
        let error = #expect(throws: AnkiImportError.self) { _ = try Self.plan(package, limits: limits) }
        let path = try AnkiFixtures.path("hostile/" + package)
        #expect(error?.message == "'\(path)' is refused: " + message)
    }

    @Test func mediaWithinTheLimitAreStagedNotHeld() throws {
        let plan = try Self.plan("media-bomb-zstd.apkg")
        let staged = try #require(plan.media.first?.stagedPath)
        #expect((try FileManager.default.attributesOfItem(atPath: staged)[.size] as? Int) == 4 << 20)
    }

    // Item 3
    @Test func theTemporaryFolderIsPrivateAndGoesWithThePlan() throws {
        var plan: AnkiImportPlan? = try Self.plan("media-payload.apkg")
        let folder = try #require(plan?.staging?.path)
        let mode = try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        #expect(Self.files(URL(fileURLWithPath: folder)) == ["media-0"])  // the collection is gone once read
        plan = nil
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    // Item 2
    @Test(arguments: [("media-payload.apkg", "media", "Decks/media"), ("nul-deck.apkg", "Notes", "Decks/Notes")])
    func noWriteThroughALinkOutOfTheCollection(package: String, link: String, shown: String) throws {
        let folder = try AnkiFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("Decks")
        let elsewhere = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(link).path, withDestinationPath: elsewhere.path)
        let plan = try Self.plan(package)
        let problems = AnkiImporter.check(plan, collectionRoot: root, shownRoot: "Decks")
        #expect(problems.map(\.rendered) == [
            "recall: error: '\(shown)' is a symbolic link to '\(elsewhere.path)', outside the collection\n"
                + "note: nothing was imported; an import writes only inside the collection, "
                + "so replace the link with a folder, or import into another collection",
        ])
        let store = try AnkiFixtures.store(in: folder)
        #expect(throws: StoreError.self) { _ = try AnkiImporter.apply(plan, collectionRoot: root, store: store) }
        #expect(Self.files(elsewhere).isEmpty)
        #expect(Self.files(root).isEmpty)
        #expect(try store.loadEntries().isEmpty)
    }

    @Test func aLinkInsideTheCollectionIsFollowed() throws {
        let folder = try AnkiFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("Decks")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("pictures"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("media").path, withDestinationPath: "pictures")
        let plan = try Self.plan("media-payload.apkg")
        #expect(AnkiImporter.check(plan, collectionRoot: root, shownRoot: "Decks").isEmpty)
    }

    // Item 5
    @Test func aDeckFileThatDoesNotReadCleanlyIsNeverRewritten() throws {
        let folder = try AnkiFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("Decks")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let old = Data([0x63, 0x61, 0x66, 0xE9, 0x20, 0x3A, 0x3A, 0x20, 0x63, 0x6F, 0x66, 0x66, 0x65, 0x65, 0x0A])
        let deck = root.appendingPathComponent("Spanish.md")
        try old.write(to: deck)
        let plan = try Self.plan("spanish.apkg")
        #expect(AnkiImporter.check(plan, collectionRoot: root, shownRoot: "Decks").map(\.rendered) == [
            "Decks/Spanish.md:1:4: error: invalid UTF-8 (byte 0xE9)\n"
                + "note: save the file as UTF-8; it may be in Latin-1 or Windows-1252\n"
                + "note: nothing was imported: the import adds cards to 'Decks/Spanish.md' only when it reads cleanly; "
                + "fix it, or move it away",
        ])
        let store = try AnkiFixtures.store(in: folder)
        #expect(throws: StoreError.self) { _ = try AnkiImporter.apply(plan, collectionRoot: root, store: store) }
        #expect(try Data(contentsOf: deck) == old)
        #expect(try store.loadEntries().isEmpty)
    }

    // Item 12: made by Anki's engine (make_block_multiple.py)
    @Test func aCollectionOfExactlyThreeZstdBlocksImports() throws {
        let plan = try AnkiImporter.plan(package: try AnkiFixtures.path("block-multiple.apkg"), existingCards: [], now: Self.now)
        #expect(plan.newCards == 840)
        #expect(plan.files.map(\.relativePath) == ["Block.md"])
    }
}
