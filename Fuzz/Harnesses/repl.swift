import RecallCore

/// libFuzzer target: the REPL command grammar (shell-style word splitting), the typed
/// answer matcher the review and quiz loops apply to every line, and the lining up of a
/// cloze question with its answer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzREPL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    let words = CommandWords.split(text)
    if let first = words.first {
        let rest = words.dropFirst().joined(separator: " ")
        _ = AnswerMatcher.match(typed: first, answer: rest)
        _ = AnswerMatcher.matchKey(text)
    }
    let halves = text.split(separator: "\n", maxSplits: 1)
    if halves.count == 2 {
        _ = AnswerMatcher.match(typed: String(halves[0]), answer: String(halves[1]))
        _ = ClozeAnswer(question: String(halves[0]), answer: String(halves[1]))
        _ = AnswerMatcher.match(typed: String(halves[0]), deletions: halves[1].split(separator: "|").map(String.init))
    }
    _ = ClozeText.parse(text)
    return 0
}
