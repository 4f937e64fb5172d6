import FuzzSupport
import GlossNumbers

/// Made once (its tables are built when the module loads).
let extractor: NumbersExtractor? = NumbersExtractor()

/// libFuzzer entry point: the input, as UTF-8 text, is one document for the numbers extractor.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let extractor else { violated("the numbers extractor could not load its resources") }
    checkExtractor(extractor, on: fuzzText(data, size))
    return 0
}

/// Runs libFuzzer on `fuzz` (see `runFuzzer`).
@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
