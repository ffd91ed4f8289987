import Foundation
import RecallCore
import Testing
import RecallTestSupport

/// `recall check` warns about images and sounds the collection does not have.
struct MediaCheckTests {
    @Test func missingAndOutsideMediaAreWarnings() throws {
        let base = RecallProcess.temporaryDirectory("recall-media-check")
        defer { try? FileManager.default.removeItem(at: base) }
        let decks = base.appendingPathComponent("Decks")
        RecallProcess.write([
            "Flags/South America.md": """
                Which flag? ![Peru](img/peru.png) :: Peru
                Which flag? ![Chile](img/chile.png) :: Chile
                Listen [sound: media/hola.mp3] :: hola
                Out ![x](../../secret.png) :: out
                Web ![x](https://example.org/a.png) :: web
                Spoken {{tts es_ES:hola}} :: no file needed
                """,
            "Flags/img/peru.png": "",
            "media/hola.mp3": "",
        ], under: decks)
        let r = runRecall(["check", "--decks", "Decks", "--data", base.appendingPathComponent("data").path],
                          env: ["NO_COLOR": "1"], cwd: base)
        #expect(r.stderr.split(separator: "\n").map(String.init) == [
            "Decks/Flags/South America.md:2: warning: image 'img/chile.png' does not exist",
            "note: paths are relative to the deck file, or to the decks folder (as 'media/…' from 'recall import' is)",
            "Decks/Flags/South America.md:4: warning: image '../../secret.png' is not shown: it leads out of the collection ('..')",
            "note: keep the card's media inside the decks folder",
            "Decks/Flags/South America.md:5: warning: image 'https://example.org/a.png' is not shown: it is a URL, not a file in the collection",
            "note: keep the card's media inside the decks folder",
        ])
        #expect(r.stdout == "checked 1 deck, 6 cards: 3 warnings\n")
        #expect(r.status == 0)
    }
}
