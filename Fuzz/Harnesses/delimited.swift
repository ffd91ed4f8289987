import RecallCore

/// libFuzzer target: the delimited deck parser; the first byte picks `.tsv` (tab default)
/// or `.csv` (separator guessed from the first row).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDelimited(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var bytes = fuzzBytes(data, size)
    guard let first = bytes.first else { return 0 }
    bytes.removeFirst()
    let separator: UInt8? = first & 1 == 0 ? 0x09 : nil
    let deck = DeckParser.parse(bytes: bytes, file: "fuzz.csv", deck: "Fuzz", format: .delimited(defaultSeparator: separator))
    for diagnostic in deck.diagnostics { _ = diagnostic.location?.line }
    return 0
}
