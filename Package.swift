// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Accord",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "accord", targets: ["accord"]),
        .executable(name: "accord-preview", targets: ["accord-preview"]),
        .library(name: "LuaKit", targets: ["LuaKit"]),
        .library(name: "AccordCore", targets: ["AccordCore"]),
        .library(name: "AccordScripting", targets: ["AccordScripting"]),
        .library(name: "AccordPublishing", targets: ["AccordPublishing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"]), .brew(["lua"])]
        ),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"]), .brew(["libxlsxwriter"])]
        ),
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        .target(name: "CAccordWords", dependencies: ["CLua"]),
        .target(name: "CSQLiteConfig", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "LuaKit", dependencies: ["CLuaShim", "CLua"], plugins: ["EmbedLua"]),
        .target(
            name: "AccordCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                "CSQLiteConfig",
            ]
        ),
        .target(
            name: "AccordScripting", dependencies: ["AccordCore", "AccordReports", "LuaKit", "CAccordWords"],
            plugins: ["EmbedLua"]),
        .target(name: "AccordReports", dependencies: ["CXLSXWriter"]),
        // What reaches readers outside the renderer: the PDF engine, the index pages, delivery by e-mail
        // and webhooks, the preview server.
        .target(
            name: "AccordPublishing",
            dependencies: ["AccordScripting", "AccordReports", "AccordCore", "AccordPreview"]
        ),
        // A workspace's database on a PostgreSQL server: the client, the schema, copying a database there.
        .target(
            name: "AccordPostgres",
            dependencies: ["AccordCore", .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Schema")]
        ),
        // Rule packs shared between workspaces: fetching from git and archives, vendoring, the lock.
        .target(name: "AccordSharing", dependencies: ["AccordScripting", "AccordCore"]),
        // The preview's pages and state, shared by `accord preview` and its server.
        .target(name: "AccordPreview", dependencies: ["AccordReports"]),
        // The preview's HTTP server, a program of its own: FlyingFox loads FoundationNetworking (libcurl and
        // more), which `accord` would otherwise load at every start.
        .target(name: "AccordPreviewServer", dependencies: ["AccordPreview", .product(name: "FlyingFox", package: "FlyingFox")]),
        .executableTarget(name: "accord-preview", dependencies: ["AccordPreview", "AccordPreviewServer"]),
        .executableTarget(
            name: "accord",
            dependencies: [
                "AccordCore", "AccordReports", "AccordScripting", "AccordPublishing", "AccordPreview", "AccordSharing", "AccordPostgres",
                "LuaKit", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Sample"), .copy("Packs")]
        ),
        .executableTarget(
            name: "accord-bench",
            dependencies: ["AccordCore", "AccordScripting", "AccordReports", "AccordPostgres", "ToolSupport",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "accord-fuzz", dependencies: ["ToolSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(name: "ToolSupport"),
        // The Lua files of a target, compiled into it as text.
        .plugin(name: "EmbedLua", capability: .buildTool(), dependencies: ["embed-lua"]),
        .executableTarget(name: "embed-lua"),
        .testTarget(name: "LuaKitTests", dependencies: ["LuaKit"]),
        .testTarget(
            name: "AccordCoreTests",
            dependencies: [
                "AccordCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Yams", package: "Yams"), "ToolSupport",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "AccordScriptingTests", dependencies: ["AccordScripting", "AccordCore", "AccordReports", "LuaKit", "CAccordWords",
                                                              "ToolSupport"],
                    exclude: ["Equality"]),
        .testTarget(name: "AccordUseCaseTests", dependencies: ["AccordScripting", "AccordCore", "AccordReports", "AccordPostgres",
                                                               "AccordTestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "AccordReportsTests", dependencies: ["AccordReports", "AccordTestSupport", "ToolSupport",
                                                             .product(name: "CSV", package: "CSV.swift")],
                    exclude: ["Golden"]),
        .testTarget(name: "AccordPublishingTests", dependencies: ["AccordPublishing", "AccordPreview", "AccordPreviewServer", "AccordReports",
                                                                 "AccordCore", "AccordTestSupport",
                                                                 .product(name: "FlyingFox", package: "FlyingFox")]),
        .testTarget(name: "AccordSharingTests", dependencies: ["AccordSharing", "AccordScripting", "AccordCore", "AccordTestSupport"]),
        .testTarget(name: "AccordBenchTests", dependencies: ["accord-bench", "ToolSupport"]),
        .testTarget(name: "AccordPostgresTests", dependencies: ["AccordPostgres", "AccordCore", "AccordTestSupport",
                                                               .product(name: "PostgresNIO", package: "postgres-nio")]),
        .target(name: "AccordTestSupport", dependencies: ["AccordCore", "AccordPostgres"], path: "Tests/AccordTestSupport",
                exclude: ["read_workbook.py"]),
        .testTarget(name: "AccordCLITests", dependencies: ["AccordTestSupport"], exclude: ["Browser", "Delivery"]),
        .testTarget(name: "AccordAdversarialTests", dependencies: ["AccordTestSupport"], exclude: ["Hostile"]),
    ],
    swiftLanguageModes: [.v6]
)
