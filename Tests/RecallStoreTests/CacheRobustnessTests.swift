import Foundation
import RecallCore
import Testing
@testable import RecallStore

/// The binary caches are files on disk like any other: whatever bytes they hold (even with a
/// checksum made to fit), reading them never crashes; it gives a result or nothing.
@Suite struct CacheRobustnessTests {
    /// `bytes` with its last 8 bytes replaced by the checksum of the rest.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var out = Array(bytes.dropLast(8))
        let sum = out.withUnsafeBytes { ContentChecksum.of($0) }
        withUnsafeBytes(of: sum.littleEndian) { out.append(contentsOf: $0) }
        return out
    }

    @Test func mutatedSnapshotCachesNeverCrash() throws {
        let snapshot = SnapshotCacheTests.snapshot(count: 50)
        let source = ContentFingerprint(size: 10, checksum: 20)
        let cache = try #require(SnapshotCache.encode(snapshot, source: source))
        var rng = SplitMix64(seed: 3)
        var decoded = 0
        for round in 0..<2_000 {
            var bytes = cache
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bytes[Int.random(in: 0..<(bytes.count - 8), using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if round % 10 == 0 { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng))) }
            if bytes.count >= 8 { bytes = Self.resealed(bytes) }
            if bytes.withUnsafeBytes({ SnapshotCache.decode($0, source: source) }) != nil { decoded += 1 }
        }
        #expect(decoded < 2_000)
    }

    @Test func mutatedDeckCachesNeverCrash() throws {
        let dir = try DeckCacheTests.collection()
        let expected = DeckCacheTests.load(dir, cached: false)
        _ = DeckCacheTests.load(dir)
        let path = dir.file("data/" + DeckCache.name)
        let cache = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        var rng = SplitMix64(seed: 4)
        for round in 0..<150 {
            var bytes = cache
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                bytes[Int.random(in: 24..<(bytes.count - 8), using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if round % 10 == 0 { bytes = Array(bytes.prefix(Int.random(in: 32...bytes.count, using: &rng))) }
            try Data(Self.resealed(bytes)).write(to: URL(fileURLWithPath: path))
            // A structural change is refused entry by entry; a changed text would show (the
            // checksum was forged), but nothing crashes and the deck files are untouched.
            let loaded = DeckCacheTests.load(dir)
            #expect(loaded.files == expected.files)
        }
    }
}
