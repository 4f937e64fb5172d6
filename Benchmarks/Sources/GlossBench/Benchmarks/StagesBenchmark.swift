import Foundation
import GlossBuiltins
import GlossKit

/// The extraction stages on one core, each the best of several passes, for comparing two builds
/// on a busy machine (the best pass is the one least disturbed): tokenizing alone, then the
/// built-in extractors one document at a time as `annotate` runs them (the document tokenized,
/// every extractor on it, its text let go before the next), so that their tables compete for
/// the caches as they do there. The first pass also fills the tokenizer's and the extractors'
/// tables of forms; the best pass is one that finds them filled.
///
///     GlossBench stages --texts DIR [--mb M] [--repeats N] --tag T
enum StagesBenchmark {
    static func run(_ options: Options) throws {
        let tag = try options.string("tag")
        let repeats = max(1, try options.int("repeats", default: 5))
        let texts = try ExtractBenchmark.loadTexts(try options.string("texts"), megabytes: try options.int("mb", default: 16))
        let chars = Double(texts.reduce(0) { $0 + $1.unicodeScalars.count })
        let extractors = try BuiltinExtractors.names.compactMap { try BuiltinExtractors.make($0) }
        Figures.note("stages \(tag): \(texts.count) texts, \(Int(chars)) chars, best of \(repeats) passes")

        var tokens = 0
        let tokenize = try best(of: repeats) {
            tokens = 0
            for text in texts { tokens += DocumentText(text).tokens.count }
        }
        Figures.emit("gloss.stages.tokenize.\(tag)", chars / tokenize, "chars/s")
        Figures.note("\(tokens) tokens")

        var spans = 0
        let pipeline = try best(of: repeats) {
            spans = 0
            for (n, text) in texts.enumerated() {
                let document = Document(name: "t\(n)", text: DocumentText(text))
                for extractor in extractors { spans += try extractor.extract(document).count }
            }
        }
        Figures.emit("gloss.stages.pipeline.\(tag)", chars / pipeline, "chars/s")
        Figures.emit("gloss.stages.extractors.\(tag)", chars / max(pipeline - tokenize, 1e-9), "chars/s")
        Figures.note("\(spans) spans")
    }

    /// The shortest of `count` timed runs of `body`, in seconds.
    private static func best(of count: Int, _ body: () throws -> Void) throws -> Double {
        var shortest = Double.infinity
        for _ in 0..<count { shortest = min(shortest, try Timer.measure(body)) }
        return shortest
    }
}
