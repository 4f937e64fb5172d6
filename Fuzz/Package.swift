// swift-tools-version: 6.0
// libFuzzer targets for Gloss: the JSON-lines document reader, the span importers, the command-line
// option parser and each built-in extractor. Build and run them with `scripts/fuzz` (which also
// instruments the Gloss libraries for coverage with `-Xswiftc -sanitize=fuzzer,address`).
//
// The main package is `..`; `GLOSS_PACKAGE=/path` points at another checkout (or a mirror).
import PackageDescription

/// Every fuzz target is instrumented and linked with libFuzzer; its `@main` hands the command
/// line to libFuzzer's driver.
let fuzzing: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library"])]
let linking: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: dependencies, swiftSettings: fuzzing, linkerSettings: linking)
}

let package = Package(
    name: "GlossFuzz",
    dependencies: [
        .package(name: "Gloss", path: Context.environment["GLOSS_PACKAGE"] ?? ".."),
    ],
    targets: [
        .target(name: "CFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzer", .product(name: "GlossKit", package: "Gloss")]),
        fuzzTarget("FuzzJSONLine", [.product(name: "GlossCLI", package: "Gloss"), "FuzzSupport"]),
        fuzzTarget("FuzzSpanFiles", [.product(name: "GlossCLI", package: "Gloss"), .product(name: "GlossStore", package: "Gloss"),
                                     "FuzzSupport"]),
        fuzzTarget("FuzzQueryOptions", [.product(name: "GlossCLI", package: "Gloss"), "FuzzSupport"]),
        fuzzTarget("FuzzPeople", [.product(name: "GlossPeople", package: "Gloss"), "FuzzSupport"]),
        fuzzTarget("FuzzNumbers", [.product(name: "GlossNumbers", package: "Gloss"), "FuzzSupport"]),
        fuzzTarget("FuzzPlaces", [.product(name: "GlossPlaces", package: "Gloss"), "FuzzSupport"]),
    ]
)
