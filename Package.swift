// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "recall",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "recall", targets: ["recall"]),
    ],
    dependencies: [
        // Argument parsing, --help, usage errors (exit 64) and shell completion scripts for
        // the `recall` command line (RecallCLI). Hand-writing this would be worse in every way.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Pure core: cards, deck parsing, diagnostics, FSRS-6/SM-2, queue, session, stats.
        // No I/O, no clock reads: time and randomness are parameters.
        .target(name: "RecallCore"),

        // Storage: deck folders, the JSON snapshot, the JSONL review log, locks, atomic writes.
        .target(name: "RecallStore", dependencies: ["RecallCore"]),

        // Debian's libedit (libedit-dev), for line editing, history and completion in the REPL.
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),

        // The command line and the REPL: argv, terminal, colour, libedit, exit codes.
        .target(
            name: "RecallCLI",
            dependencies: [
                "RecallCore", "RecallStore", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The `recall` executable: only calls into RecallCLI.
        .executableTarget(name: "recall", dependencies: ["RecallCLI"]),

        .testTarget(
            name: "RecallCoreTests",
            dependencies: ["RecallCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "RecallStoreTests", dependencies: ["RecallStore", "RecallCore"]),
        // Depends on the executable so that `swift test` builds the real `recall` binary,
        // which the end-to-end tests run through pipes and a pseudo-terminal.
        .testTarget(name: "RecallCLITests", dependencies: ["RecallCLI", "recall"]),
    ]
)
