// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Gloss",
    products: [
        .library(name: "GlossKit", targets: ["GlossKit"]),
        .library(name: "GlossStore", targets: ["GlossStore"]),
        .library(name: "LMDB", targets: ["LMDB"]),
        .library(name: "GlossBuiltins", targets: ["GlossBuiltins"]),
        .library(name: "GlossPeople", targets: ["GlossPeople"]),
        .library(name: "GlossNumbers", targets: ["GlossNumbers"]),
        .library(name: "GlossPlaces", targets: ["GlossPlaces"]),
        .library(name: "GlossPluginHost", targets: ["GlossPluginHost"]),
        .library(name: "GlossRules", targets: ["GlossRules"]),
        .library(name: "GlossCLI", targets: ["GlossCLI"]),
        .executable(name: "gloss", targets: ["Gloss"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .systemLibrary(name: "CLMDB", path: "Sources/CLMDB", pkgConfig: "lmdb",
                       providers: [.apt(["liblmdb-dev"])]),
        .target(name: "LMDB", dependencies: ["CLMDB"]),
        .target(name: "CSupport"),
        .target(name: "GlossKit", dependencies: ["CSupport"]),
        .target(name: "GlossStore", dependencies: ["LMDB", "GlossKit", "CSupport",
                                                   .product(name: "HeapModule", package: "swift-collections")]),
        .target(name: "GlossPeople", dependencies: ["GlossKit"], path: "Plugins/People", resources: [.copy("Resources")]),
        .target(name: "GlossNumbers", dependencies: ["GlossKit"], path: "Plugins/Numbers", exclude: ["README.md"]),
        .target(name: "GlossPlaces", dependencies: ["GlossKit"], path: "Plugins/Places", resources: [.copy("Resources")]),
        .target(name: "GlossBuiltins", dependencies: ["GlossKit", "GlossPeople", "GlossNumbers", "GlossPlaces"]),
        .target(name: "GlossPluginHost", dependencies: ["GlossKit", "CSupport"]),
        .target(name: "GlossRules", dependencies: ["GlossKit", .product(name: "Yams", package: "Yams")]),
        .target(name: "GlossCLI", dependencies: [
            "GlossStore", "GlossKit", "GlossBuiltins", "GlossPluginHost", "GlossRules", "CSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "Gloss", dependencies: [
            "GlossCLI", "GlossPluginHost", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "LibraryExample", dependencies: ["GlossStore", "GlossBuiltins"],
                          path: "Examples/LibraryExample"),
        .testTarget(name: "GlossKitTests", dependencies: ["GlossKit"]),
        .testTarget(name: "LMDBTests", dependencies: ["LMDB"]),
        .testTarget(name: "GlossPeopleTests", dependencies: ["GlossPeople", "GlossKit"]),
        .testTarget(name: "GlossRulesTests", dependencies: ["GlossRules", "GlossKit"]),
        .testTarget(name: "GlossNumbersTests", dependencies: ["GlossNumbers", "GlossKit"]),
        .testTarget(name: "GlossPlacesTests", dependencies: ["GlossPlaces", "GlossKit"]),
        .testTarget(name: "GlossStoreTests", dependencies: ["GlossStore", "GlossKit", "LMDB"]),
        .testTarget(name: "GlossCLITests", dependencies: ["Gloss", "GlossCLI", "LibraryExample"]),
        .testTarget(name: "GlossReliabilityTests", dependencies: ["Gloss", "GlossStore", "GlossKit", "LMDB"]),
    ]
)
