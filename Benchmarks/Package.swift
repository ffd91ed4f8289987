// swift-tools-version: 6.1
import PackageDescription

// In-process benchmarks of Recall's core and store. A package of its own so that building and
// testing Recall never builds the benchmark framework. Run from this folder:
//   swift package benchmark                       (needs the collection described in README.md)
let package = Package(
    name: "recall-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // ordo-one/benchmark: the runner, statistics (percentiles) and malloc counting.
        // The MallocInterposer trait counts allocations without jemalloc.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // Recall itself, for its RecallCore and RecallStore library products.
        .package(name: "recall", path: ".."),
    ],
    targets: [
        // Parse, replay, queue, one answer and stats over a generated collection.
        .executableTarget(
            name: "RecallBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "RecallCore", package: "recall"),
                .product(name: "RecallStore", package: "recall"),
            ],
            path: "Benchmarks/RecallBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
