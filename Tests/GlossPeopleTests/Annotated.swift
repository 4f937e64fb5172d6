import GlossKit
import GlossPeople

/// A text with gold spans marked `[[…]]`, and the scoring of extractor output against it.
struct Annotated {
    /// The text without markup.
    let text: String
    /// Gold spans in code points, end exclusive.
    let gold: [Range<Int>]

    init(_ marked: String) {
        var scalars: [Unicode.Scalar] = []
        var gold: [Range<Int>] = []
        var open: Int?
        let input = Array(marked.unicodeScalars)
        var i = 0
        while i < input.count {
            if i + 1 < input.count, input[i] == "[", input[i + 1] == "[" {
                open = scalars.count
                i += 2
            } else if i + 1 < input.count, input[i] == "]", input[i + 1] == "]", let start = open {
                gold.append(start..<scalars.count)
                open = nil
                i += 2
            } else {
                scalars.append(input[i])
                i += 1
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        text = String(view)
        self.gold = gold
    }
}

/// Exact-boundary counts.
struct Score: CustomStringConvertible {
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0
    var errors: [String] = []

    var precision: Double { truePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
    var recall: Double { truePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    var description: String {
        "P=\(Int((precision * 1000).rounded()))‰ R=\(Int((recall * 1000).rounded()))‰ F1=\(Int((f1 * 1000).rounded()))‰ (tp \(truePositives), fp \(falsePositives), fn \(falseNegatives))"
    }

    mutating func add(_ annotated: Annotated, _ spans: [SpanDraft]) {
        let text = DocumentText(annotated.text)
        let found = Set(spans.map { $0.start..<$0.end })
        let gold = Set(annotated.gold)
        for span in found.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if gold.contains(span) { truePositives += 1 } else {
                falsePositives += 1
                errors.append("FP \(text[span])")
            }
        }
        for span in gold.subtracting(found).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            falseNegatives += 1
            errors.append("FN \(text[span])")
        }
    }
}
