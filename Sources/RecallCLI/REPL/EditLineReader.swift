@preconcurrency import Glibc
@preconcurrency import CEditLine
import Foundation
import RecallCore
import Synchronization

/// Set by our SIGINT handler; tells an interrupted `el_gets` (Ctrl-C) from end of input,
/// and ends the wait for a key (``editLineReadCharacter``).
private let interruption = Interruption()

/// What TAB completes, read by the C completion callback (which cannot capture context).
private let activeCompleter = Mutex<Completer>(Completer())

/// Line editing with Debian's libedit (native histedit API), in emacs mode.
///
/// - History lives in memory and in `historyFile` (libedit's own format, mode 0600); it is
///   saved after every remembered line, so a killed process loses nothing.
/// - Up/Down walk the history, Ctrl-R searches it incrementally, TAB completes through
///   ``completer``. `~/.editrc` (or `$EDITRC`) is read last, so users can rebind keys.
/// - Ctrl-C abandons the line (``LineInput/interrupted``), also when pressed just as the
///   prompt appears (see ``editLineReadCharacter``); Ctrl-D on an empty line ends input.
///   libedit's own signal handling (`EL_SIGNAL`) puts the terminal back before any signal is
///   acted on, and ``close()`` restores it on the way out.
final class EditLineReader: LineReader {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyFile: URL?
    private var prompt: UnsafeMutablePointer<CChar>
    private var previousSigint = sigaction()
    private var isClosed = false
    /// The line being edited when the terminal was given back to the shell (Ctrl-Z), to
    /// be edited on after `fg` (see ``editLineReadCharacter``).
    fileprivate var suspendedLine: String?

    var isInteractive: Bool { true }
    /// A person types here: every answer is flushed before the next prompt.
    var hasInputWaiting: Bool { false }

    var completer: Completer {
        get { activeCompleter.withLock { $0 } }
        set { activeCompleter.withLock { $0 = newValue } }
    }

    /// Sets up libedit on the process's standard streams. Call ``Terminal/setUpLocale()``
    /// before this. `nil` if libedit cannot be initialised.
    init?(programName: String = "recall", historyFile: URL?) {
        guard let el = el_init(programName, stdin, stdout, stderr) else { return nil }
        guard let h = history_init() else { el_end(el); return nil }
        editLine = el
        history = h
        self.historyFile = historyFile
        prompt = strdup("> ")
        var event = HistEvent()
        recall_history_setsize(h, &event, 1000)
        recall_history_setunique(h, &event, 1)
        if let historyFile { recall_history_load(h, &event, historyFile.path) }
        recall_el_set_editor(el, "emacs")
        recall_el_set_signal(el, 1)
        recall_el_set_history(el, h)
        recall_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        recall_el_set_prompt(el, editLinePrompt)
        recall_el_set_getcfn(el, editLineReadCharacter)
        recall_el_addfn(el, "recall-complete", "complete commands, decks and tags", editLineComplete)
        recall_el_bind(el, "^I", "recall-complete")
        recall_el_bind(el, "^R", "em-inc-search-prev")
        el_source(el, nil)
        installSigintHandler()
    }

    deinit { close() }

    /// The prompt text libedit shows (owned by this reader).
    fileprivate var promptPointer: UnsafeMutablePointer<CChar> { prompt }

    func read(prompt text: String) -> LineInput {
        free(prompt)
        prompt = strdup(text)
        // A Ctrl-C that came while no line was being read (while output was drawn)
        // cancels the line about to be read, as the user meant.
        if interruption.take() {
            fputs("\n", stdout)
            fflush(stdout)
            return .interrupted
        }
        var count: Int32 = 0
        while true {
            suspendedLine = nil
            if let raw = el_gets(editLine, &count) {
                var line = String(cString: raw)
                while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
                return .line(line)
            }
            if interruption.take() {
                fputs("\n", stdout)
                fflush(stdout)
                return .interrupted
            }
            guard let line = suspendedLine else {
                fputs("\n", stdout)
                fflush(stdout)
                return .end
            }
            // Back from Ctrl-Z: a new edit (libedit sets up its signal handlers and draws the
            // prompt again at each), with the text typed so far.
            if !line.isEmpty { el_push(editLine, line) }
        }
    }

    func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        var event = HistEvent()
        recall_history_enter(history, &event, line)
        saveHistory()
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        saveHistory()
        sigaction(SIGINT, &previousSigint, nil)
        history_end(history)
        el_end(editLine)
        free(prompt)
    }

    private func saveHistory() {
        guard let historyFile else { return }
        try? FileManager.default.createDirectory(
            at: historyFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        var event = HistEvent()
        recall_history_save(history, &event, historyFile.path)
    }

    /// Our SIGINT handler, deliberately without `SA_RESTART`, so that the `read` inside
    /// `el_gets` fails with `EINTR` and `el_gets` returns.
    private func installSigintHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruption.signal() }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, &previousSigint)
    }
}

/// libedit's prompt callback: the reader's current prompt.
private func editLinePrompt(_ el: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    guard let el, let data = recall_el_get_clientdata(el) else { return nil }
    return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().promptPointer
}

/// libedit's function for reading one character from the terminal (`EL_GETCFN`), waiting
/// through ``Interruption`` so that a Ctrl-C that came after ``EditLineReader/read(prompt:)``
/// last looked (while the prompt was being drawn) still ends the line at once instead of
/// waiting for a key. Returns 1 with a character, 0 at end of input and -1 for Ctrl-C or an
/// error (`el_gets` then returns nil). As libedit's own does, it decodes bytes in the locale's
/// encoding and drops bytes that make no character.
///
/// libedit's own also arms its signal handlers again after one has run (each disarms itself)
/// and redraws the line after `fg`; those functions are private to it. So when Ctrl-Z and
/// `fg` happened during the wait (libedit's SIGTSTP or SIGCONT handler has run), this ends
/// the edit and leaves the line to ``EditLineReader/read(prompt:)``, which starts a new one
/// with the same text: libedit arms its handlers and draws the prompt at each start.
private func editLineReadCharacter(_ el: OpaquePointer?, _ character: UnsafeMutablePointer<wchar_t>?) -> Int32 {
    guard let el, let character else { return -1 }
    if libeditSignalHandler.load(ordering: .relaxed) == 0 {
        libeditSignalHandler.store(handlerAddress(SIGCONT), ordering: .relaxed)
    }
    var bytes = [CChar](repeating: 0, count: Int(MB_LEN_MAX))
    var count = 0
    while true {
        switch interruption.waitForInput(on: STDIN_FILENO) {
        case .ready: break
        case .interrupted, .failed: return -1
        case .otherSignal:
            guard libeditHandled(SIGTSTP) || libeditHandled(SIGCONT) else { continue }
            if let data = recall_el_get_clientdata(el), let info = el_line(el)?.pointee, let start = info.buffer {
                let length = max(0, start.distance(to: info.lastchar))
                let text = String(decoding: UnsafeRawBufferPointer(start: UnsafeRawPointer(start), count: length), as: UTF8.self)
                Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().suspendedLine = text
            }
            return -1
        }
        let n = read(STDIN_FILENO, &bytes[count], 1)
        if n == 0 { return 0 }
        if n < 0 {
            if errno == EINTR || errno == EAGAIN { continue }
            return -1
        }
        count += 1
        var state = mbstate_t()
        var wide: wchar_t = 0
        switch mbrtowc(&wide, bytes, count, &state) {
        case -2 where count < bytes.count:
            continue  // the start of a character: read on
        case -2, -1:
            count = 0  // not a character: dropped
        default:
            character.pointee = wide
            return 1
        }
    }
}

/// The address of libedit's signal handler (one function for all the signals it handles),
/// as first seen during an edit; 0 before.
private let libeditSignalHandler = Atomic<Int>(0)

/// The address of the handler of `signal` (0 for the default action).
private func handlerAddress(_ signal: Int32) -> Int {
    var action = sigaction()
    guard sigaction(signal, nil, &action) == 0, let handler = action.__sigaction_handler.sa_handler else { return 0 }
    return unsafeBitCast(handler, to: Int.self)
}

/// Whether libedit's handler for `signal`, set up for the edit in progress, has run: it then
/// puts back the action from before the edit.
private func libeditHandled(_ signal: Int32) -> Bool {
    let libedit = libeditSignalHandler.load(ordering: .relaxed)
    return libedit != 0 && handlerAddress(signal) != libedit
}

/// libedit's TAB function: completes the word before the cursor through ``Completer``.
/// One candidate: writes it out (quoted if it holds a space) and a space. Several: writes
/// their common prefix, if it adds anything, and lists them under the line and redraws it.
private func editLineComplete(_ el: OpaquePointer?, _ key: Int32) -> UInt8 {
    guard let el, let info = el_line(el)?.pointee, let buffer = info.buffer, let cursor = info.cursor
    else { return UInt8(CC_ERROR) }
    let length = buffer.distance(to: cursor)
    let before = UnsafeRawBufferPointer(start: UnsafeRawPointer(buffer), count: max(0, length))
    let text = String(decoding: before, as: UTF8.self)
    let completion = activeCompleter.withLock { $0.complete(text) }
    guard !completion.candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
    if let replacement = completion.replacement {
        // Add to the typed word when it stays as typed; else retype it, quoted.
        if replacement.hasPrefix(completion.typed) {
            el_insertstr(el, String(replacement.dropFirst(completion.typed.count)))
        } else {
            el_deletestr(el, Int32(completion.typed.unicodeScalars.count))
            el_insertstr(el, replacement)
        }
    }
    guard completion.listsCandidates else { return UInt8(CC_REFRESH) }
    let names = completion.candidates.map { TerminalText.sanitized($0, keepingNewlines: false) }
    let listing = TextWrapper.wrap(names.joined(separator: "  "), width: Terminal.width()).joined(separator: "\n")
    fputs("\n" + listing + "\n", stdout)
    fflush(stdout)
    return UInt8(CC_REDISPLAY)
}
