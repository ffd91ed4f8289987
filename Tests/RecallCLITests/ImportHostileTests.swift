import Foundation
import RecallTestSupport
import Testing

/// `recall import` of hostile Anki packages (Tests/RecallAnkiTests/Fixtures/hostile/, made by
/// make_hostile.py), run as a user runs it: the built binary through pipes (issue 21).
@Suite struct ImportHostileTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RecallAnkiTests/Fixtures/hostile/\(name)").path
    }

    /// A collection folder with an empty `Decks/` and its own `tmp/` as TMPDIR.
    static func collection() -> (root: URL, tmp: URL) {
        let root = RecallProcess.temporaryDirectory("recall-import-hostile")
        RecallProcess.write(["Decks/.keep": "", "tmp/.keep": ""], under: root)
        return (root, root.appendingPathComponent("tmp"))
    }

    static func leftovers(_ tmp: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []).filter { $0 != ".keep" }.sorted()
    }

    // Items 3, 7, 9: the packages that crashed (exit 132) import, and leave no temporary file.
    @Test(arguments: ["revlog-time-huge.apkg", "revlog-id-max.apkg", "card-mod-huge.apkg", "revlog-null.apkg",
                      "null-ord-tags.apkg"])
    func absurdValuesNeitherCrashNorLeaveTemporaryFiles(package: String) {
        let (root, tmp) = Self.collection()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = Self.fixture(package)
        let result = runRecall(["import", file], env: ["TMPDIR": tmp.path, "RECALL_NOW": "2025-06-01T00:00:00Z"], cwd: root)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("imported 1 card and "))
        #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("\(file): warning: ") })
        #expect(Self.leftovers(tmp) == [])
        #expect(runRecall(["check"], cwd: root).stdout == "checked 1 deck, 1 card: no problems\n")
    }

    @Test func aRefusedPackageLeavesNoTemporaryFileAndNamesNone() {
        let (root, tmp) = Self.collection()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = Self.fixture("media-bomb.apkg")
        let result = runRecall(["import", file, "--max-file-size", "1"], env: ["TMPDIR": tmp.path], cwd: root)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            recall: error: '\(file)' is refused: the media file 'big.bin' unpacks to more than 1 MiB, the limit for one file
            note: nothing was written; if you trust the package, raise the limit with --max-file-size (in MiB)

            """)
        #expect(Self.leftovers(tmp) == [])
        #expect(Self.leftovers(root.appendingPathComponent("Decks")) == [])
    }

    // Item 4
    @Test func theSummarySaysHowManyFieldsWereCleaned() throws {
        let (root, tmp) = Self.collection()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = Self.fixture("nul-field.apkg")
        let result = runRecall(["import", file], env: ["TMPDIR": tmp.path], cwd: root)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            imported 1 card and 1 review of history from '\(file)'
              Decks/Hostile.md
            control characters removed from 2 fields or tags

            """)
        let written = try Data(contentsOf: root.appendingPathComponent("Decks/Hostile.md"))
        #expect(!written.contains(where: { $0 < 0x20 && $0 != 0x0A }))
    }

    // Item 2
    @Test func aMediaFolderLinkedOutOfTheCollectionIsRefused() throws {
        let (root, tmp) = Self.collection()
        defer { try? FileManager.default.removeItem(at: root) }
        let elsewhere = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("Decks/media").path,
                                                   withDestinationPath: elsewhere.path)
        let result = runRecall(["import", Self.fixture("media-payload.apkg")], env: ["TMPDIR": tmp.path], cwd: root)
        #expect(result.status == 1)
        #expect(result.stderr == """
            recall: error: 'Decks/media' is a symbolic link to '\(elsewhere.path)', outside the collection
            note: nothing was imported; an import writes only inside the collection, so replace the link with a folder, or import into another collection

            """)
        #expect(Self.leftovers(elsewhere) == [])
        #expect(Self.leftovers(root.appendingPathComponent("Decks")) == ["media"])
    }
}
