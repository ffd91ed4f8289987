import Foundation
import Testing
import RecallTestSupport

/// `recall cards` asks before changing more than 50 cards, at a terminal only.
@Suite struct CardsConfirmationTests {
    let root = RecallProcess.temporaryDirectory("recall-cards-pty")

    init() {
        let deck = (1...60).map { "Question \($0)?\nAnswer \($0)\n" }.joined(separator: "-\n")
        RecallProcess.write(["Decks/Many.txt": deck], under: root)
    }

    var environment: [String: String] {
        ["RECALL_NOW": "2026-03-01T09:00:00Z", "RECALL_DEVICE": "pty", "TZ": "UTC", "TERM": "xterm",
         "PATH": "/usr/bin:/bin", "HOME": root.path, "LANG": "C.UTF-8"]
            .merging(RecallProcess.sanitizerEnvironment) { _, new in new }
    }

    func start(_ args: [String]) throws -> PTYProcess {
        try PTYProcess(path: RecallProcess.binary.path,
                       arguments: ["cards"] + args + ["--decks", root.appendingPathComponent("Decks").path,
                                                      "--data", root.appendingPathComponent("data").path],
                       environment: environment)
    }

    @Test func moreThanFiftyCardsAskFirst() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let no = try start(["--suspend"])
        try no.expect("suspend 60 cards? [y/N] ")
        no.send("n\r")
        try no.expect("recall: error: nothing changed")
        #expect(try no.waitForExit() == 1)

        let yes = try start(["--suspend"])
        try yes.expect("suspend 60 cards? [y/N] ")
        yes.send("y\r")
        try yes.expect("suspended 60 cards")
        #expect(try yes.waitForExit() == 0)

        // --yes, or a pipe, does not ask.
        let skip = try start(["--unsuspend", "--yes"])
        try skip.expect("unsuspended 60 cards")
        #expect(try skip.waitForExit() == 0)
        let piped = runRecall(["cards", "--suspend", "--decks", "Decks", "--data", "data"], env: environment, cwd: root)
        #expect(piped.stdout == "suspended 60 cards\n")
    }
}
