import Foundation
import Testing
@testable import RecallAnki
import RecallCore
import RecallStore

/// A partial or damaged package is refused whole, with a clear message.
@Suite struct AnkiDamagedPackageTests {
    static let cases: [(String, String)] = [
        ("damaged-truncated.apkg", "is not a zip file, as an Anki package (.apkg, .colpkg) is"),
        ("damaged-no-collection.apkg", "is damaged: it holds no collection (collection.anki21b, collection.anki21 or collection.anki2)"),
        ("damaged-sqlite.apkg", "is damaged: the collection is not a readable SQLite database"),
        ("damaged-zstd.apkg", "is damaged: collection.anki21b is not complete zstd data"),
    ]

    @Test(arguments: cases)
    func refusesWithAClearMessage(package: String, message: String) throws {
        let path = try AnkiFixtures.path(package)
        let error = #expect(throws: AnkiImportError.self) {
            _ = try AnkiImporter.plan(package: path, existingCards: [])
        }
        #expect(error?.message == "'\(path)'" + " " + message)
        #expect(error?.hint != nil)
    }

    @Test func refusesAFileThatIsNotThere() throws {
        let error = #expect(throws: AnkiImportError.self) {
            _ = try AnkiImporter.plan(package: "/nonexistent/deck.apkg", existingCards: [])
        }
        #expect(error?.message == "cannot find '/nonexistent/deck.apkg'")
    }

    @Test func truncatedZstdIsReported() throws {
        let whole = Data([0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x05, 0x29, 0x00, 0x00]) + Data("hello".utf8)
        #expect(throws: Zstd.Failure.self) { _ = try Zstd.decompress(whole.prefix(7)) }
        #expect(throws: Zstd.Failure.self) { _ = try Zstd.decompress(Data("plain text".utf8)) }
    }
}
