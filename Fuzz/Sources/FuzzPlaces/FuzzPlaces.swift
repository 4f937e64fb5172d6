import FuzzSupport
import GlossPlaces

/// Loaded once: the extractor's tables are read from its resources.
let extractor = try? PlacesExtractor()

/// libFuzzer entry point: the input, as UTF-8 text, is one document for the places extractor.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let extractor else { violated("the places extractor could not load its resources") }
    checkExtractor(extractor, on: fuzzText(data, size))
    return 0
}

/// Runs libFuzzer on `fuzz` (see `runFuzzer`).
@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
