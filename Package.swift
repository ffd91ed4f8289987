// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "recall",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "recall", targets: ["recall"]),
        // The core and the store as libraries, only so that the separate benchmark package in
        // Benchmarks/ (ordo-one/benchmark, kept out of this package's build) can call them.
        .library(name: "RecallCore", targets: ["RecallCore"]),
        .library(name: "RecallStore", targets: ["RecallStore"]),
    ],
    dependencies: [
        // Argument parsing, --help, usage errors (exit 64) and shell completion scripts for
        // the `recall` command line (RecallCLI). Hand-writing this would be worse in every way.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Opens Anki's .apkg/.colpkg packages, which are zip files (RecallAnki).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // Renders Markdown decks to the HTML fields Anki shows, for `recall export --anki`
        // (RecallAnki): emphasis, code spans, fenced code as <pre>, lists, escaping.
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        // Reads the SQLite collection inside an Anki package with a real SQLite library
        // (RecallAnki); needs Debian's libsqlite3-dev.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Pure core: cards, deck parsing, diagnostics, FSRS-6/SM-2, queue, session, stats.
        // No I/O, no clock reads: time and randomness are parameters. Imports Foundation only
        // and starts no threads (split work runs through a JobRunner its caller passes).
        .target(name: "RecallCore"),

        // Storage: deck folders, the JSON snapshot, the JSONL review log, locks, atomic writes,
        // the derived files (DerivedFiles/) and the threads the core's split work runs on.
        .target(name: "RecallStore", dependencies: ["RecallCore"]),

        // Debian's libedit (libedit-dev), for line editing, history and completion in the REPL.
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),

        // Debian's libzstd (libzstd-dev): Anki's current collection.anki21b is zstd-compressed.
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]
        ),

        // zlib (zlib1g-dev, which libzstd-dev and Foundation already bring): inflating a zip
        // entry within its own bounds, which ZIPFoundation's decompressor does not guarantee.
        .systemLibrary(
            name: "CInflate",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),

        // glibc's <malloc.h> (mallopt), part of libc; Swift's Glibc module does not import it.
        .systemLibrary(name: "CMalloc"),

        // Anki import and export: zip, SQLite, zstd, HTML fields, review history.
        .target(
            name: "RecallAnki",
            dependencies: [
                "RecallCore", "RecallStore", "CZstd", "CInflate",
                .product(name: "Ink", package: "Ink"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),

        // The command line and the REPL: argv, terminal, colour, libedit, exit codes.
        // Sixel images use Debian's libsixel (libsixel1) when it is installed, loaded with
        // dlopen at run time (SixelEncoder), so it is no build dependency and may be absent.
        .target(
            name: "RecallCLI",
            dependencies: [
                "RecallCore", "RecallStore", "RecallAnki", "CEditLine", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The `recall` executable: only calls into RecallCLI.
        .executableTarget(name: "recall", dependencies: ["RecallCLI"]),

        // `recall-bench`: generates synthetic collections (decks in each format and a review
        // history from a simulated learner, written through RecallStore) for the benchmarks
        // in Benchmarks/. Not a product; needs only the core, the store and argument parsing.
        .executableTarget(
            name: "recall-bench",
            dependencies: [
                "RecallCore", "RecallStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Shared by the test targets (not a product): temporary folders, running the built
        // `recall`, the pseudo-terminal driver, golden files and the seeded generator.
        .target(name: "RecallTestSupport", dependencies: ["RecallCore"], path: "Tests/RecallTestSupport"),

        .testTarget(
            name: "RecallCoreTests",
            dependencies: ["RecallCore", "RecallTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "RecallStoreTests", dependencies: ["RecallStore", "RecallCore", "RecallTestSupport"]),
        // GRDB here too: the export tests read the tables of the packages `recall export --apkg` writes.
        .testTarget(
            name: "RecallAnkiTests",
            dependencies: ["RecallAnki", "RecallStore", "RecallCore", "RecallTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]
        ),
        // Depends on the executable so that `swift test` builds the real `recall` binary,
        // which the end-to-end tests run through pipes and a pseudo-terminal.
        // Also depends on `recall-bench`, whose generator test runs the built binary.
        .testTarget(
            name: "RecallCLITests",
            dependencies: ["RecallCLI", "recall", "recall-bench", "RecallTestSupport"],
            exclude: ["Golden"]  // golden files are read by path (#filePath), not as resources
        ),
    ]
)
