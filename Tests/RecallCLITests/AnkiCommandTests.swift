import Foundation
import RecallCore
import Testing
@testable import RecallCLI
import RecallTestSupport

/// `recall import FILE.apkg` and `recall export --anki`, run in process (Export is not yet
/// registered in Recall.swift; import's dispatch to Anki is called directly).
@Suite struct AnkiCommandTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RecallAnkiTests/Fixtures/\(name)").path
    }

    static func folder() throws -> URL {
        RecallProcess.temporaryDirectory("recall-anki-cli")
    }

    @Test func importsAPackageThenExportsADeckForAnki() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let decks = root.appendingPathComponent("Decks").path
        let data = root.appendingPathComponent("data").path
        let anki = try Recall.Import.parse([Self.fixture("small-latest.apkg"), "--decks", decks, "--data", data])
        try anki.runAnki()
        let spanish = try String(contentsOfFile: decks + "/Languages/Spanish.md", encoding: .utf8)
        #expect(spanish.hasPrefix("tags: #spanish\nel perro ::: the dog\n"))
        #expect(FileManager.default.fileExists(atPath: decks + "/media/hola.mp3"))
        let out = root.appendingPathComponent("spanish.txt").path
        try Recall.Export.parse(["--anki", out, "--decks", decks, "--data", data, "Languages"]).run()
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 5 + 5)
        #expect(lines[5] == "Basic (and reversed card)\tel perro\tthe dog\tspanish\tLanguages::Spanish")
        #expect(lines.contains("Basic\tListen: [sound: media/hola.mp3]\thola\taudio spanish\tLanguages::Spanish"))
    }

    @Test func aDamagedPackageWritesNothing() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let decks = root.appendingPathComponent("Decks").path
        let data = root.appendingPathComponent("data").path
        let file = Self.fixture("damaged-zstd.apkg")
        let command = try Recall.Import.parse([file, "--decks", decks, "--data", data])
        let error = #expect(throws: CLIError.self) { try command.runAnki() }
        #expect(error?.description == """
            recall: error: '\(file)' is damaged: collection.anki21b is not complete zstd data
            note: export the deck from Anki again (File > Export, 'Anki Deck Package')
            """)
        #expect(!FileManager.default.fileExists(atPath: decks))
        #expect(!FileManager.default.fileExists(atPath: data))
    }

    @Test func exportingAnEmptySelectionIsAnError() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let decks = root.appendingPathComponent("Decks")
        try FileManager.default.createDirectory(at: decks, withIntermediateDirectories: true)
        try "Q one :: A one\n".write(to: decks.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        let command = try Recall.Export.parse(["--anki", root.path + "/x.txt", "--decks", decks.path, "#nothing"])
        let error = #expect(throws: CLIError.self) { try command.run() }
        #expect(error?.message == "no cards to export in '#nothing'")
    }

    @Test func theBinaryImportsAgainWithoutAddingAnything() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let env = ["RECALL_DATA": root.appendingPathComponent("data").path, "TZ": "UTC"]
        let first = runRecall(["import", Self.fixture("small.colpkg"), "--decks", "Decks"], env: env, cwd: root)
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("imported 14 cards and 110 reviews of history from '"))
        #expect(first.stderr.hasSuffix("warning: note type 'Vocab' is not a Basic or Cloze type: its first field became the question and the other fields the answer (1 note)\n"))
        let again = runRecall(["import", Self.fixture("small-legacy.apkg"), "--decks", "Decks"], env: env, cwd: root)
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("nothing to import: all 14 cards in '"))
        let check = runRecall(["check", "Decks"], env: env, cwd: root)
        #expect(check.status == 0)
    }

    @Test func theBinaryRefusesADamagedPackage() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = Self.fixture("damaged-truncated.apkg")
        let result = runRecall(["import", file, "--decks", "Decks"],
                               env: ["RECALL_DATA": root.appendingPathComponent("data").path], cwd: root)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("recall: error: '\(file)' is not a zip file"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Decks").path))
    }
}
