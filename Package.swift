// swift-tools-version:6.0
// kg: a knowledge-graph builder with its own Datalog. No third-party packages.
import PackageDescription

let package = Package(
    name: "kg",
    products: [
        .executable(name: "kg", targets: ["kg"]),
        .executable(name: "kg-bench", targets: ["kg-bench"]),
    ],
    targets: [
        // Value types every stage shares: entities, triples, provenance, interning, hashing, diagnostics.
        .target(name: "KGCore"),
        // The append-only transaction log and the in-memory graph replayed from it.
        .target(name: "KGStore", dependencies: ["KGCore"]),
        // Documents to typed entities, figures and relations with evidence.
        .target(name: "KGExtract", dependencies: ["KGCore"]),
        // Parser, stratifier, planner and semi-naive evaluator; the graph as EDB.
        .target(name: "KGDatalog", dependencies: ["KGCore", "KGStore"]),
        // DOT, SVG, JSON, N-Triples and CSV writers.
        .target(name: "KGExport", dependencies: ["KGCore", "KGStore", "KGDatalog"]),
        // Subcommands, argument parsing, the REPL and its line editor.
        .target(name: "KGCLI", dependencies: ["KGCore", "KGStore", "KGExtract", "KGDatalog", "KGExport"]),
        // Release builds on Linux link the Swift runtime and Foundation into the binary (what
        // `--static-swift-stdlib` does; the -l flags name the static libraries Foundation's own
        // modules would have asked for): a kg process then starts in about 16 MB resident instead of
        // 22 MB of mapped shared libraries, a tenth of a mid-sized Datalog run's peak. The binary is
        // about 87 MB. Debug builds and the tests link dynamically.
        .executableTarget(name: "kg", dependencies: ["KGCLI"],
                          linkerSettings: [.unsafeFlags(["-static-stdlib", "-lCoreFoundation", "-l_FoundationCollections",
                                                         "-l_FoundationCShims", "-l_FoundationICU"],
                                                        .when(platforms: [.linux], configuration: .release))]),
        .executableTarget(name: "kg-bench", dependencies: ["KGCore", "KGStore", "KGExtract", "KGDatalog", "KGCLI"]),

        .testTarget(name: "KGCoreTests", dependencies: ["KGCore"]),
        .testTarget(name: "KGStoreTests", dependencies: ["KGStore"]),
        // Fixtures/ is read through #filePath, not bundled as resources.
        .testTarget(name: "KGExtractTests", dependencies: ["KGExtract"], exclude: ["Fixtures"]),
        .testTarget(name: "KGDatalogTests", dependencies: ["KGDatalog", "KGStore"]),
        .testTarget(name: "KGExportTests", dependencies: ["KGExport"]),
        .testTarget(name: "KGCLITests", dependencies: ["KGCLI", "kg"]),
    ],
    // Swift 6: complete concurrency checking; a data race the compiler can see is an error.
    swiftLanguageModes: [.v6]
)
