import Foundation

/// libFuzzer target: `recall import` of an Anki package, end to end short of writing into a
/// collection. The input is a whole .apkg: it is opened as a zip, its media list read
/// (legacy JSON or zstd-compressed protobuf), its collection unpacked and its SQLite rows
/// read, converted into deck files and review history, and its media staged, all under
/// small size limits; then the plan is checked against an empty collection. The same bytes
/// also go through the media-list parser and the field renderer directly.
/// Seeds: Fuzz/corpus/anki/ (hostile packages from Tests/RecallAnkiTests/make_hostile.py).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnki(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    _ = try? AnkiMediaMap.parse(Data(bytes), limit: 1 << 20)
    var field = AnkiFieldText()
    _ = field.render(String(decoding: bytes, as: UTF8.self))
    _ = AnkiFieldText.safeName(String(decoding: bytes, as: UTF8.self))
    _ = AnkiDeckPlanner.relativePath(forDeck: String(decoding: bytes, as: UTF8.self))
    importPackage(bytes)
    return 0
}

/// A scratch folder for this process: the package file and an empty collection.
private let scratch: String = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("recall-fuzz-anki-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: path + "/Decks", withIntermediateDirectories: true)
    return path
}()

private func importPackage(_ bytes: [UInt8]) {
    let file = scratch + "/input.apkg"
    guard FileManager.default.createFile(atPath: file, contents: Data(bytes)) else { return }
    let limits = AnkiSizeLimits(perFile: 8 << 20, total: 16 << 20)
    guard let plan = try? AnkiImporter.plan(package: file, existingCards: [],
                                            now: Date(timeIntervalSince1970: 1_748_736_000), limits: limits) else { return }
    _ = AnkiImporter.check(plan, collectionRoot: URL(fileURLWithPath: scratch + "/Decks"), shownRoot: "Decks")
    _ = ReviewLogFile.text(plan.entries)
}
