import GlossKit
import Testing
@testable import GlossPlaces

/// Exact-boundary precision, recall and F1 of PLACE spans on the annotated paragraphs.
struct Score: CustomStringConvertible {
    var truePositives = 0
    var predicted = 0
    var gold = 0
    var misses: [String] = []
    var spurious: [String] = []

    var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    var description: String {
        let p = (precision * 1000).rounded() / 1000, r = (recall * 1000).rounded() / 1000, f = (f1 * 1000).rounded() / 1000
        return "P=\(p) R=\(r) F1=\(f) (tp \(truePositives), predicted \(predicted), gold \(gold))"
    }
}

enum Evaluation {
    /// Strips ⟦ ⟧ marks (nesting allowed) and returns the plain text and the marked ranges.
    static func parse(_ marked: String) -> (String, Set<Range<Int>>) {
        var plain = String.UnicodeScalarView()
        var stack: [Int] = []
        var gold = Set<Range<Int>>()
        var offset = 0
        for scalar in marked.unicodeScalars {
            if scalar == "⟦" {
                stack.append(offset)
            } else if scalar == "⟧" {
                if let start = stack.popLast() { gold.insert(start..<offset) }
            } else {
                plain.append(scalar)
                offset += 1
            }
        }
        return (String(plain), gold)
    }

    static func score(_ paragraphs: [String]) throws -> Score {
        var score = Score()
        for marked in paragraphs {
            let (plain, gold) = parse(marked)
            let (text, spans) = try Support.run(plain)
            let predicted = Set(spans.filter { $0.label == "PLACE" }.map { $0.start..<$0.end })
            score.gold += gold.count
            score.predicted += predicted.count
            score.truePositives += gold.intersection(predicted).count
            score.misses += gold.subtracting(predicted).sorted { $0.lowerBound < $1.lowerBound }.map { text[$0] }
            score.spurious += predicted.subtracting(gold).sorted { $0.lowerBound < $1.lowerBound }.map { text[$0] }
        }
        return score
    }
}

@Suite("Exact-boundary F1 on annotated paragraphs")
struct EvaluationTests {
    @Test func markupParses() {
        let (plain, gold) = Evaluation.parse("في ⟦مطار ⟦بغداد⟧ الدولي⟧.")
        #expect(plain == "في مطار بغداد الدولي.")
        #expect(gold == [3..<20, 8..<13])
    }

    @Test(arguments: [
        ("Arabic dev", EvaluationCorpus.dev, 0.9),
        ("English dev", EvaluationCorpus.devEnglish, 0.85),
        ("Arabic held-out", EvaluationCorpus.heldOut, 0.8),
        ("English held-out", EvaluationCorpus.heldOutEnglish, 0.75),
        ("Arabic held-out 2", EvaluationCorpus.heldOut2, 0.8),
        ("English held-out 2", EvaluationCorpus.heldOut2English, 0.75),
    ])
    func f1(_ name: String, _ paragraphs: [String], _ minimum: Double) throws {
        let score = try Evaluation.score(paragraphs)
        print("\(name): \(score)\n  missed: \(score.misses)\n  spurious: \(score.spurious)")
        #expect(score.f1 >= minimum, "\(name): \(score)")
    }
}
