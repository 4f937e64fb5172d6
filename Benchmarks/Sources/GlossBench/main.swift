import Foundation

/// GlossBench: the Swift side of the Gloss benchmarks. `scripts/bench` runs it; every figure is
/// printed as one `name value unit` line on stdout, notes go to stderr.
///
///     GlossBench corpus  --data DIR --spans N --seed S --out FILE --queries FILE [--tag T]
///     GlossBench texts   --data DIR --mb M --seed S --out DIR [--tag T] [--varied]
///     GlossBench ingest  --corpus FILE --store DIR --batch N [--max-spans N] [--nosync] [--mode store|annotator] --tag T
///     GlossBench read    --store DIR --queries FILE --tag T [--repeats N]
///     GlossBench scan    --store DIR [--what all|label|range|join] [--repeats N]   (one stream, for profiling)
///     GlossBench lookups --store DIR --queries FILE [--what doclabel|range]   (one pass, for profiling)
///     GlossBench allocs  --store DIR --corpus FILE --tag T   (run with libmalloccount.so preloaded)
///     GlossBench extract --texts DIR [--mb M] --tag T
///     GlossBench stages  --texts DIR [--mb M] [--repeats N] --tag T   (best of N passes, one core: for comparing builds)
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: GlossBench corpus|texts|ingest|read|scan|lookups|allocs|extract|stages --options\n".utf8))
    exit(2)
}
do {
    let options = try Options(arguments.dropFirst(2))
    switch arguments[1] {
    case "corpus": try CorpusCommand.corpus(options)
    case "texts": try CorpusCommand.texts(options)
    case "ingest": try IngestBenchmark.run(options)
    case "read": try ReadBenchmark.run(options)
    case "scan": try ReadBenchmark.scanOnce(options)
    case "lookups": try ReadBenchmark.lookupsOnce(options)
    case "allocs": try AllocationBenchmark.run(options)
    case "extract": try ExtractBenchmark.run(options)
    case "stages": try StagesBenchmark.run(options)
    default: throw BenchError("unknown command \(arguments[1])")
    }
} catch {
    FileHandle.standardError.write(Data("GlossBench: \(error)\n".utf8))
    exit(1)
}
