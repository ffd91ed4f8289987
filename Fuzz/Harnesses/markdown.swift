import RecallCore

/// libFuzzer target: the Markdown deck parser (`.md`): blocks, one-liners, cloze, headings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let deck = DeckParser.parse(bytes: fuzzBytes(data, size), file: "fuzz.md", deck: "Fuzz", format: .markdown)
    for diagnostic in deck.diagnostics { _ = diagnostic.location?.line }
    return 0
}
