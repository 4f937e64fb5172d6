// swift-tools-version: 6.0
// A Gloss plugin written in Swift, outside the Gloss package: it depends on GlossKit only.
import PackageDescription

let package = Package(
    name: "swift-hello",
    dependencies: [
        // In your own plugin: .package(url: "<Gloss's git URL>", from: "0.1.0")
        .package(name: "Gloss", path: "../../.."),
    ],
    targets: [
        .executableTarget(name: "SwiftHello", dependencies: [.product(name: "GlossKit", package: "Gloss")]),
    ]
)
