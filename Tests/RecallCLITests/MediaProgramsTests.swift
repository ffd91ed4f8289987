import Foundation
import RecallCore
import Testing
import RecallTestSupport
@testable import RecallCLI

/// Which program plays, speaks and opens, and what `:play`/`:open` start (without waiting).
struct MediaProgramsTests {
    /// A `find` that knows only `installed`, each in /usr/bin.
    func finder(_ installed: [String]) -> (String) -> String? {
        { installed.contains($0) ? "/usr/bin/" + $0 : nil }
    }

    @Test(arguments: [
        (["mpv", "ffplay", "paplay", "aplay"], ["/usr/bin/mpv", "--no-video", "--really-quiet", "a.mp3"]),
        (["ffplay", "aplay"], ["/usr/bin/ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet", "a.mp3"]),
        (["aplay", "paplay"], ["/usr/bin/paplay", "a.mp3"]),
        (["aplay"], ["/usr/bin/aplay", "-q", "a.mp3"]),
    ])
    func firstPlayerFoundPlays(_ installed: [String], _ command: [String]) {
        #expect(MediaPrograms.playCommand(for: "a.mp3", environment: [:], find: finder(installed)) == command)
    }

    @Test func recallPlayerComesFirst() {
        #expect(MediaPrograms.playCommand(for: "a b.mp3", environment: ["RECALL_PLAYER": "cvlc --play-and-exit"], find: finder(["mpv"]))
                == ["/bin/sh", "-c", "cvlc --play-and-exit \"$1\"", "sh", "a b.mp3"])
        #expect(MediaPrograms.playCommand(for: "a.mp3", environment: ["RECALL_PLAYER": " "], find: finder(["aplay"]))
                == ["/usr/bin/aplay", "-q", "a.mp3"])
    }

    @Test func noPlayerNoCommand() {
        #expect(MediaPrograms.playCommand(for: "a.mp3", environment: [:], find: finder([])) == nil)
    }

    @Test func speechAndOpeners() {
        #expect(MediaPrograms.speakCommand("hola", language: "es_ES", find: finder(["espeak-ng", "say"]))
                == ["/usr/bin/espeak-ng", "-v", "es", "--", "hola"])
        #expect(MediaPrograms.speakCommand("hi", language: nil, find: finder(["say"])) == ["/usr/bin/say", "--", "hi"])
        #expect(MediaPrograms.speakCommand("hi", language: nil, find: finder([])) == nil)
        #expect(MediaPrograms.openCommand(for: "/c/a.png", find: finder(["open"])) == ["/usr/bin/open", "/c/a.png"])
        #expect(MediaPrograms.openCommand(for: "/c/a.png", find: finder(["xdg-open", "open"])) == ["/usr/bin/xdg-open", "/c/a.png"])
    }

    @Test func findLooksThroughPath() throws {
        let dir = RecallProcess.temporaryDirectory("recall-path")
        defer { try? FileManager.default.removeItem(at: dir) }
        let tool = dir.appendingPathComponent("mpv")
        FileManager.default.createFile(atPath: tool.path, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        FileManager.default.createFile(atPath: dir.appendingPathComponent("aplay").path, contents: Data(), attributes: [.posixPermissions: 0o644])
        #expect(MediaPrograms.find("mpv", path: "/nonexistent:" + dir.path) == tool.path)
        #expect(MediaPrograms.find("aplay", path: dir.path) == nil)  // not executable
    }

    /// `:play` starts the player with the card's sound and returns at once; autoplay does the
    /// same as the card shows; a missing player is one note, however many sounds.
    @Test func playStartsThePlayerAndNotesAMissingOneOnce() throws {
        let root = RecallProcess.temporaryDirectory("recall-sound")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("media"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root.appendingPathComponent("media/hola.mp3").path, contents: Data())
        let card = Card(id: CardID(rawValue: 1), noteID: CardID(rawValue: 1), deck: "Spanish", question: "hola [sound: media/hola.mp3] [sound:media/hola.mp3]",
                        answer: "hello", tags: [], source: SourceLocation(file: "Spanish.md", line: 1), kind: .basic)
        var started: [[String]] = []
        let buffer = OutputBuffer()
        let output = Output.capturing(buffer, width: 80)
        FileManager.default.createFile(atPath: root.appendingPathComponent("myplayer").path, contents: Data("#!/bin/sh\n".utf8),
                                       attributes: [.posixPermissions: 0o755])
        let media = CardMedia(decksRoot: root, graphics: nil, autoplay: true,
                              environment: ["RECALL_PLAYER": "myplayer", "PATH": root.path])
        media.start = { started.append($0); return true }
        CardView(output: output, media: media).question(card.question, from: card)
        let file = root.path + "/media/hola.mp3"
        #expect(started == [["/bin/sh", "-c", "myplayer \"$1\"", "sh", file], ["/bin/sh", "-c", "myplayer \"$1\"", "sh", file]])
        #expect(buffer.text == "  hola\n  [sound: hola.mp3]\n  [sound: hola.mp3]\n")

        let silent = CardMedia(decksRoot: root, graphics: nil, autoplay: false, environment: ["PATH": "/nonexistent"])
        silent.start = { started.append($0); return true }
        started = []
        buffer.text = ""
        CardView(output: output, media: silent).question(card.question, from: card)
        silent.playAll(output: output)
        silent.playAll(output: output)
        #expect(started.isEmpty)
        #expect(buffer.text.split(separator: "\n").dropFirst(3) == [
            "  no sound player found: install mpv, ffmpeg (ffplay), pulseaudio-utils (paplay)",
            "    or alsa-utils (aplay), or set RECALL_PLAYER",
        ])
    }

    /// A RECALL_PLAYER that names no program is said once, not left as silence.
    @Test func aMissingRecallPlayerIsSaidOnce() throws {
        let root = RecallProcess.temporaryDirectory("recall-no-player")
        defer { try? FileManager.default.removeItem(at: root) }
        FileManager.default.createFile(atPath: root.appendingPathComponent("hola.mp3").path, contents: Data())
        let card = Card(id: CardID(rawValue: 1), noteID: CardID(rawValue: 1), deck: "Spanish", question: "hola [sound:hola.mp3]",
                        answer: "hello", tags: [], source: SourceLocation(file: "Spanish.md", line: 1), kind: .basic)
        for player in ["/nonexistent/player --volume 50", "mpvv"] {
            var started: [[String]] = []
            let buffer = OutputBuffer()
            let output = Output.capturing(buffer, width: 80)
            let media = CardMedia(decksRoot: root, graphics: nil, autoplay: false,
                                  environment: ["RECALL_PLAYER": player, "PATH": root.path])
            media.start = { started.append($0); return true }
            CardView(output: output, media: media).question(card.question, from: card)
            media.playAll(output: output)
            media.playAll(output: output)
            #expect(started.isEmpty)
            let name = String(player.prefix { $0 != " " })
            #expect(buffer.text.split(separator: "\n").dropFirst(2) == [
                "  RECALL_PLAYER starts '\(name)', which is not a program here",
            ][...])
        }
        #expect(MediaPrograms.missingPlayer(environment: ["RECALL_PLAYER": "'my player' -q"], find: { _ in nil }) == nil)
        #expect(MediaPrograms.missingPlayer(environment: ["RECALL_PLAYER": "VOL=5 mpv"], find: { _ in nil }) == nil)
        #expect(MediaPrograms.missingPlayer(environment: ["RECALL_PLAYER": "mpv --no-video"], find: { _ in "/usr/bin/mpv" }) == nil)
    }
}
