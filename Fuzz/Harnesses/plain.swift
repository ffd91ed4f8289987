import RecallCore

/// libFuzzer target: the plain question/answer deck parser (`.txt`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlain(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let deck = DeckParser.parse(bytes: fuzzBytes(data, size), file: "fuzz.txt", deck: "Fuzz", format: .plain)
    for diagnostic in deck.diagnostics { _ = diagnostic.location?.line }
    return 0
}
