// swift-tools-version:6.1
// toolscope: a full-screen terminal workbench for LLM function calling.
//
// Module arrows run one way: toolscope → ToolscopeTUI / ToolscopeOpenAI / ToolscopeExternalTools
// / ToolscopeEval / ToolscopeDemo → ToolscopeEngine (and ToolscopeTUI → ToolscopeEval → ToolscopeDemo).
// The engine never imports curses, never speaks HTTP, never spawns processes and ships no demo
// content; those live in the modules that depend on it, so each can be built and tested alone.
// toolscope-bench, the benchmarks, is a second executable, so they stay out of `toolscope --help`.
import PackageDescription

let package = Package(
    name: "toolscope",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "toolscope", targets: ["toolscope"]),
        .executable(name: "toolscope-bench", targets: ["toolscope-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // FilePath and FileDescriptor, which swift-subprocess's API takes.
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(
            name: "ToolscopeEngine",
            dependencies: [
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ToolscopeOpenAI",
            dependencies: [
                "ToolscopeEngine",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "ToolscopeExternalTools",
            dependencies: [
                "ToolscopeEngine",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            // The Python worker, a real .py file (loaded through ModuleResources).
            resources: [.copy("Resources/toolscope_worker.py")]
        ),
        // The demo content: the built-in demo tools and their data, the scripted demo model and
        // the session the workbench opens with. Front ends pass `BuiltinTools.toolSet` to the engine.
        .target(name: "ToolscopeDemo", dependencies: ["ToolscopeEngine"]),
        // Experiments: suites, matchers, scoring, statistics, BFCL import; the runner and the
        // SQLite store of results (GRDB over the system SQLite).
        .target(
            name: "ToolscopeEval",
            // ToolscopeDemo: a suite's tool named like a demo tool, with no mock, runs that demo tool.
            dependencies: ["ToolscopeEngine", "ToolscopeDemo", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "ToolscopeTUI",
            // ToolscopeEval for the Experiments screen (pure, plus GRDB); never the HTTP client.
            // ToolscopeDemo: the demo session and model it opens with, and the built-in tools it runs.
            dependencies: ["ToolscopeEngine", "ToolscopeEval", "ToolscopeDemo", "CNcursesw"],
            // Resources/themes is a symlink to the top-level themes/; .process follows it (see BuiltinThemes).
            resources: [.process("Resources/themes")]
        ),
        .executableTarget(
            name: "toolscope",
            dependencies: [
                "ToolscopeEngine", "ToolscopeOpenAI", "ToolscopeExternalTools", "ToolscopeTUI", "ToolscopeEval", "ToolscopeDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The benchmarks behind BENCHMARKS.md (same subcommands and flags they had in `toolscope`).
        // A plain ArgumentParser program: ordo-one/benchmark would add jemalloc (its MallocInterposer
        // trait) for figures these commands already print in the form BENCHMARKS.md records.
        .executableTarget(
            name: "toolscope-bench",
            dependencies: [
                "ToolscopeEngine", "ToolscopeOpenAI", "ToolscopeExternalTools", "ToolscopeTUI", "ToolscopeEval", "ToolscopeDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Test-only helpers shared by the test suites: the package root, an event log, real processes.
        .target(
            name: "ToolscopeTestSupport",
            dependencies: [
                "ToolscopeEngine",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Tests/ToolscopeTestSupport"
        ),
        // ToolscopeDemo: some engine tests (replay, session files) run the demo session as their fixture.
        .testTarget(name: "ToolscopeEngineTests", dependencies: ["ToolscopeEngine", "ToolscopeDemo", "ToolscopeTestSupport"]),
        .testTarget(name: "ToolscopeDemoTests", dependencies: ["ToolscopeDemo", "ToolscopeEngine", "ToolscopeTestSupport"]),
        .testTarget(name: "ToolscopeOpenAITests", dependencies: ["ToolscopeOpenAI", "ToolscopeEngine", "ToolscopeTestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ToolscopeExternalToolsTests", dependencies: ["ToolscopeExternalTools", "ToolscopeEngine"], exclude: ["Fixtures"]),
        .testTarget(name: "ToolscopeEvalTests", dependencies: ["ToolscopeEval", "ToolscopeEngine", "ToolscopeDemo"], exclude: ["Fixtures"]),
        .testTarget(name: "ToolscopeTUITests", dependencies: ["ToolscopeTUI", "ToolscopeEngine", "ToolscopeEval", "ToolscopeDemo"]),
        // Drives the built binary as a user would: headless commands and tmux sessions.
        .testTarget(name: "EndToEndTests", dependencies: ["toolscope", "toolscope-bench", "ToolscopeTestSupport"]),
    ]
)
