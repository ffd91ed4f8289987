import Foundation
import Testing
@testable import RecallStore

/// Inputs found by the libFuzzer targets in Fuzz/, kept so that they stay fixed.
@Suite struct StoreFuzzRegressionTests {
    /// fuzz-snapshot: a snapshot without "settings" was read, but writing it back produced
    /// `"settings":,` which no JSON reader accepts.
    @Test func snapshotWithoutSettingsWritesBackAsJSON() throws {
        let input = Array(#"{"cards":[],"schema":2}"#.utf8)
        guard case .success(let snapshot) = SnapshotReader.decode(input) else {
            Issue.record("the minimal snapshot no longer decodes")
            return
        }
        let written = SnapshotWriter.encode(snapshot)
        #expect((try? JSONSerialization.jsonObject(with: Data(written))) is [String: Any])
        guard case .success(let again) = SnapshotReader.decode(written) else {
            Issue.record("the written snapshot does not decode")
            return
        }
        #expect(again.records.isEmpty)
    }
}
