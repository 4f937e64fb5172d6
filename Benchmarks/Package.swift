// swift-tools-version: 6.0
// The Gloss benchmark harness: a package of its own, so that the main package and its CI never
// build benchmark code. Run everything with `scripts/bench` from the repository root.
import Foundation
import PackageDescription

// A path dependency is named by its directory (`main` in /work/main, something else in a fresh
// clone), so the identity is computed from where this manifest lives.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "GlossBenchmarks",
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "GlossBench",
            dependencies: [
                .product(name: "GlossStore", package: mainPackage),
                .product(name: "GlossKit", package: mainPackage),
                .product(name: "GlossBuiltins", package: mainPackage),
            ]),
        .executableTarget(name: "Hello"),
    ]
)
