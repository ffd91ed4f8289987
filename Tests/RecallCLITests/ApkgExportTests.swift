import Foundation
import Testing
import RecallTestSupport

/// `recall export --apkg` through the built binary, on the round-trip fixture that
/// `Tests/RecallAnkiTests/check_apkg_in_anki.py` imports into Anki's engine: the report line,
/// deck and tag selections, overwriting, usage errors, and `recall import` of Anki's own
/// export of the package.
@Suite struct ApkgExportTests {
    let root = RecallProcess.temporaryDirectory("recall-apkg")

    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("RecallAnkiTests/Fixtures/roundtrip")

    static let env = ["TZ": "UTC", "RECALL_NOW": "2026-12-06T12:00:00Z"]

    /// The fixture's decks in `root/Decks` with its history merged into `root/data`.
    func studiedCollection() throws {
        try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent("Decks"),
                                         to: root.appendingPathComponent("Decks"))
        let merged = runRecall(["merge", Self.fixture.appendingPathComponent("reviews.jsonl").path,
                                "--decks", "Decks", "--data", "data"], env: Self.env, cwd: root)
        #expect(merged.status == 0, "\(merged.stderr)")
    }

    func export(_ args: [String]) -> (stdout: String, stderr: String, status: Int32) {
        runRecall(["export"] + args + ["--decks", "Decks", "--data", "data"], env: Self.env, cwd: root)
    }

    @Test func writesThePackageAndKeepsAnExistingOne() throws {
        try studiedCollection()
        let first = export(["--apkg", "all.apkg"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr == "")
        #expect(first.stdout == "exported 9 notes (11 cards) and 23 reviews of history with 1 media file to all.apkg\n")
        let path = root.appendingPathComponent("all.apkg")
        let bytes = try Data(contentsOf: path)
        #expect(bytes.prefix(2) == Data("PK".utf8))

        let refused = export(["--apkg", "all.apkg"])
        #expect(refused.status == 1)
        #expect(refused.stdout == "")
        #expect(refused.stderr == """
            recall: error: 'all.apkg' already exists; nothing was written
            note: use --force to replace it, or give --apkg another file name

            """)
        #expect(try Data(contentsOf: path) == bytes)
        let forced = export(["--apkg", "all.apkg", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        // Same collection, same time: the same package, byte for byte.
        #expect(try Data(contentsOf: path) == bytes)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains(".tmp-") }
        #expect(leftovers == [])
    }

    @Test func exportsTheSelectedDecksAndTags() throws {
        try studiedCollection()
        let geography = export(["--apkg", "geo.apkg", "Geography"])
        #expect(geography.stdout == "exported 4 notes (4 cards) and 11 reviews of history with 1 media file to geo.apkg\n")
        let animals = export(["--apkg", "animals.apkg", "#animals"])
        #expect(animals.stdout == "exported 2 notes (3 cards) and 3 reviews of history to animals.apkg\n")
        let none = export(["--apkg", "none.apkg", "Nope"])
        #expect(none.status == 1)
        #expect(none.stderr == """
            recall: error: no cards to export in 'Nope'
            note: run 'recall decks' to see the decks

            """)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("none.apkg").path))
    }

    @Test func aMissingFolderIsMadeAsForTheTextExport() throws {
        try studiedCollection()
        let apkg = export(["--apkg", "exports/anki/all.apkg"])
        #expect(apkg.stderr == "")
        #expect(apkg.stdout == "exported 9 notes (11 cards) and 23 reviews of history with 1 media file to exports/anki/all.apkg\n")
        #expect(apkg.status == 0)
        let text = export(["--anki", "texts/all.txt"])
        #expect(text.stdout == "exported 9 notes (11 cards) to texts/all.txt\n")
        let underAFile = export(["--apkg", "texts/all.txt/sub/all.apkg"])
        #expect(underAFile.stderr == "recall: error: cannot create the folder 'texts/all.txt/sub': not a directory\n")
        #expect(underAFile.status == 1)
    }

    @Test func aFolderIsNotReplaced() throws {
        try studiedCollection()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("exports"), withIntermediateDirectories: true)
        for force in [[], ["--force"]] {
            let r = export(["--apkg", "exports"] + force)
            #expect(r.stderr == """
                recall: error: 'exports' is a folder; nothing was written
                note: give --apkg a file name, such as 'exports/all.apkg'

                """)
            #expect(r.status == 1)
        }
    }

    @Test func aMissingMediaFileIsAWarning() throws {
        try studiedCollection()
        try FileManager.default.removeItem(at: root.appendingPathComponent("Decks/media/flag.png"))
        let result = export(["--apkg", "all.apkg"])
        #expect(result.status == 0)
        #expect(result.stderr == "all.apkg: warning: the media file 'media/flag.png' is not in the collection; cards show it as missing\n")
        #expect(result.stdout == "exported 9 notes (11 cards) and 23 reviews of history to all.apkg\n")
    }

    @Test func usageErrors() {
        let neither = runRecall(["export", "--decks", "."], cwd: root)
        #expect(neither.status == 64)
        #expect(neither.stderr.hasPrefix("Error: give --apkg FILE.apkg (an Anki package) or --anki FILE.txt (a text file)\n"))
        let both = runRecall(["export", "--anki", "a.txt", "--apkg", "b.apkg", "--decks", "."], cwd: root)
        #expect(both.status == 64)
        #expect(both.stderr.hasPrefix("Error: --anki and --apkg cannot be used together: export one at a time\n"))
    }

    /// Anki's own export of the package (check_apkg_in_anki.py made it) imported with
    /// `recall import` into an empty collection: the same decks, cards and today's counts.
    @Test func ankisExportImportsBackWithTheSameCounts() throws {
        try studiedCollection()
        let back = root.appendingPathComponent("back")
        try FileManager.default.createDirectory(at: back.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        // Later than the package's card changes (made when the script ran), which the
        // import only takes up to a day after its own time.
        let imported = runRecall(["import", Self.fixture.appendingPathComponent("from-anki.apkg").path,
                                  "--decks", "Decks", "--data", "data"],
                                 env: ["TZ": "UTC", "RECALL_NOW": "2030-01-01T12:00:00Z"], cwd: back)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("imported 11 cards and 23 reviews of history from "))
        let original = runRecall(["decks", "--json", "--decks", "Decks", "--data", "data"], env: Self.env, cwd: root)
        let again = runRecall(["decks", "--json", "--decks", "Decks", "--data", "data"], env: Self.env, cwd: back)
        #expect(again.status == 0)
        #expect(again.stdout == original.stdout)
        #expect(original.stdout.contains(#""learning":2"#))
    }

    /// Recall's own package imported with `recall import` into an empty collection: the same
    /// decks, cards and today's counts, without Anki in between.
    @Test func ourPackageImportsBackWithTheSameCounts() throws {
        try studiedCollection()
        #expect(export(["--apkg", "all.apkg"]).status == 0)
        let back = root.appendingPathComponent("back")
        try FileManager.default.createDirectory(at: back.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        let imported = runRecall(["import", root.appendingPathComponent("all.apkg").path, "--decks", "Decks", "--data", "data"],
                                 env: Self.env, cwd: back)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr == "")
        #expect(imported.stdout.hasPrefix("imported 11 cards and 23 reviews of history from "))
        let original = runRecall(["decks", "--json", "--decks", "Decks", "--data", "data"], env: Self.env, cwd: root)
        let again = runRecall(["decks", "--json", "--decks", "Decks", "--data", "data"], env: Self.env, cwd: back)
        #expect(again.stdout == original.stdout)
    }

    /// The package carries this collection's own answers: importing it (or Anki's export of
    /// it) into the same collection must not count them twice.
    @Test func importingItIntoTheSameCollectionCountsNoAnswerTwice() throws {
        try studiedCollection()
        let before = runRecall(["decks", "--json", "--decks", "Decks", "--data", "data"], env: Self.env, cwd: root)
        #expect(export(["--apkg", "all.apkg"]).status == 0)
        let ours = runRecall(["import", "all.apkg", "--decks", "Decks", "--data", "data"], env: Self.env, cwd: root)
        #expect(ours.status == 0, "\(ours.stderr)")
        #expect(ours.stdout == "imported 0 reviews of history for cards already in the collection\n")
        let anki = runRecall(["import", Self.fixture.appendingPathComponent("from-anki.apkg").path,
                              "--decks", "Decks", "--data", "data"],
                             env: ["TZ": "UTC", "RECALL_NOW": "2030-01-01T12:00:00Z"], cwd: root)
        #expect(anki.status == 0, "\(anki.stderr)")
        #expect(anki.stdout.hasPrefix("nothing to import: all 11 cards in "))
        let after = runRecall(["decks", "--json", "--decks", "Decks", "--data", "data"], env: Self.env, cwd: root)
        #expect(after.stdout == before.stdout)
        let stats = runRecall(["stats", "--json", "--decks", "Decks", "--data", "data"], env: Self.env, cwd: root)
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        #expect(object?["total_reviews"] as? Int == 23)
    }
}
