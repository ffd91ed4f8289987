/// libFuzzer target: the snapshot (state.json) reader; a snapshot it accepts must re-encode
/// to a file it accepts again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    if case .success(let snapshot) = SnapshotReader.decode(bytes) {
        if case .failure = SnapshotReader.decode(SnapshotWriter.encode(snapshot)) {
            preconditionFailure("re-encoded snapshot does not decode")
        }
    }
    return 0
}
