import Foundation

/// libFuzzer target: the Anki package metadata reachable without SQLite: the media map
/// (legacy JSON or zstd-compressed protobuf) and the field HTML → text renderer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnki(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    _ = try? AnkiMediaMap.parse(Data(bytes))
    var field = AnkiFieldText()
    _ = field.render(String(decoding: bytes, as: UTF8.self))
    _ = AnkiFieldText.safeName(String(decoding: bytes, as: UTF8.self))
    return 0
}
