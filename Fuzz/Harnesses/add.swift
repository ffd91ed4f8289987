import RecallCore

/// libFuzzer target: adding a card to a deck file (``CardWriter``). The first byte picks the
/// format, the rest is the file. An addition must leave the old bytes in place around one
/// inserted run and read back as the old notes plus the new one; a refusal is fine.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAdd(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let selector = input.first else { return 0 }
    let bytes = Array(input.dropFirst())
    let formats: [(String, DeckFormat)] = [("fuzz.txt", .plain), ("fuzz.md", .markdown),
                                           ("fuzz.tsv", .delimited(defaultSeparator: 0x09)),
                                           ("fuzz.csv", .delimited(defaultSeparator: nil))]
    let (file, format) = formats[Int(selector) % formats.count]
    let tags = selector & 0x10 != 0 ? ["fuzz"] : []
    guard let note = try? CardWriter.note(question: "Fuzz question \"q\", with; separators\t?",
                                          answer: selector & 0x20 != 0 ? "one\ntwo" : "answer",
                                          cloze: nil, reversed: false, tags: tags, deck: "Fuzz"),
          let added = try? CardWriter.add(note, to: bytes, file: file, fileDeck: "Fuzz", format: format)
    else { return 0 }
    let old = DeckParser.parse(bytes: bytes, file: file, deck: "Fuzz", format: format)
    let new = DeckParser.parse(bytes: added.bytes, file: file, deck: "Fuzz", format: format)
    precondition(!new.hasErrors && new.notes.count == old.notes.count + 1, "the addition does not read back")
    let kept = zip(bytes, added.bytes).prefix { $0 == $1 }.count
    precondition(added.bytes.suffix(bytes.count - kept).elementsEqual(bytes.suffix(bytes.count - kept)),
                 "the addition changed bytes of the file")
    return 0
}
