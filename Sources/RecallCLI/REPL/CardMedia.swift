import Foundation
import RecallCore
import RecallStore

/// Shows a card's images and plays its sounds: draws an image inline on a terminal that
/// can (``InlineImage``), plays sounds as the card shows when `autoplay` is on, and keeps
/// what the card showed for `:open` and `:play`.
final class CardMedia {
    /// The collection's deck folder: every media path must resolve inside it.
    let decksRoot: URL
    /// How images are drawn; nil where they are shown as `[image: name]`.
    let graphics: InlineImage.GraphicsProtocol?
    var autoplay: Bool
    let environment: [String: String]
    /// Starts a program without waiting (replaced in tests).
    var start: ([String]) -> Bool = { MediaPrograms.start($0) }
    /// The window's rows and the pixel height of a row.
    var window: () -> (rows: Int, cellHeight: Int) = { Terminal.rowsAndCellHeight() }

    /// The card whose media ``shown`` holds, and the media it has shown so far.
    private var card: CardID?
    private(set) var shown: [RichText.Media] = []
    private var source = ""
    private var saidNoPlayer = false

    init(decksRoot: URL, graphics: InlineImage.GraphicsProtocol?, autoplay: Bool, environment: [String: String]) {
        self.decksRoot = decksRoot
        self.graphics = graphics
        self.autoplay = autoplay
        self.environment = environment
    }

    /// Shows `media` of `card`; true when it was drawn or spoken (no placeholder needed).
    func show(_ media: RichText.Media, of card: Card, output: Output) -> Bool {
        if self.card != card.id {
            self.card = card.id
            shown = []
        }
        source = card.source.file
        shown.append(media)
        switch media.kind {
        case .image:
            guard let graphics, case .found(let path) = resolve(media),
                  let data = FileManager.default.contents(atPath: path) else { return false }
            let window = window()
            guard let sequence = InlineImage.sequence(graphics, data: data, path: path,
                                                      cellHeight: window.cellHeight, windowRows: window.rows) else { return false }
            output.write("  ")
            output.writeSequence(sequence)
            output.line()
            return true
        case .sound:
            if autoplay { play(media, output: output) }
            return false
        case .speech:
            if autoplay { play(media, output: output) }
            return true
        }
    }

    /// `:play`: plays the sounds (and speaks the text) the current card has shown.
    func playAll(output: Output) {
        let sounds = shown.filter { if case .image = $0.kind { false } else { true } }
        guard !sounds.isEmpty else { return note("this card has no sound", output) }
        for sound in sounds { play(sound, output: output) }
    }

    /// `:open`: opens the images the current card has shown with the desktop's program.
    func openAll(output: Output) {
        let images = shown.filter { $0.kind == .image }
        guard !images.isEmpty else { return note("this card has no image", output) }
        for image in images {
            guard let path = found(image, output: output) else { continue }
            guard let command = MediaPrograms.openCommand(for: path, find: find) else {
                return note("cannot open '\(image.name)': neither xdg-open nor open is installed", output)
            }
            if !start(command) { note("could not start '\(command[0])'", output) }
        }
    }

    private func play(_ media: RichText.Media, output: Output) {
        let command: [String]?
        if case .speech(let language) = media.kind {
            command = MediaPrograms.speakCommand(media.path, language: language, find: find)
            guard command != nil else { return noteOnce("nothing to speak with: install espeak-ng", output) }
        } else {
            guard let path = found(media, output: output) else { return }
            if let missing = MediaPrograms.missingPlayer(environment: environment, find: find) {
                return noteOnce("RECALL_PLAYER starts '\(TerminalText.sanitized(missing))', which is not a program here", output)
            }
            command = MediaPrograms.playCommand(for: path, environment: environment, find: find)
            guard command != nil else {
                return noteOnce("no sound player found: install mpv, ffmpeg (ffplay), pulseaudio-utils (paplay) "
                                + "or alsa-utils (aplay), or set RECALL_PLAYER", output)
            }
        }
        if let command, !start(command) { note("could not start '\(command[0])'", output) }
    }

    /// The file of `media`, or nil after saying why there is none.
    private func found(_ media: RichText.Media, output: Output) -> String? {
        switch resolve(media) {
        case .found(let path): return path
        case .missing: note("'\(media.path)' is not in the collection", output)
        case .outside(let reason): note("'\(media.path)' is not opened: \(reason)", output)
        }
        return nil
    }

    private func resolve(_ media: RichText.Media) -> MediaFile.Resolution {
        MediaFile.resolve(media.path, deckFile: source, decksRoot: decksRoot.path)
    }

    private func find(_ name: String) -> String? { MediaPrograms.find(name, path: environment["PATH"]) }

    private func note(_ text: String, _ output: Output) { CardView(output: output).note(text) }

    private func noteOnce(_ text: String, _ output: Output) {
        guard !saidNoPlayer else { return }
        saidNoPlayer = true
        note(text, output)
    }
}
