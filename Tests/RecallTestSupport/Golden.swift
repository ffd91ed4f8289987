import Foundation
import Testing

/// Golden files: expected output kept next to the tests that compare with it.
public enum Golden {
    /// Expects `actual` to equal the golden file at `url`. With `RECALL_UPDATE_GOLDEN=1`
    /// the file is rewritten first, after a deliberate change (review the diff).
    public static func check(_ actual: String, against url: URL,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["RECALL_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(url.lastPathComponent) differs from its golden file",
                sourceLocation: sourceLocation)
    }
}
