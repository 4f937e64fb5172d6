import Foundation
import GlossKit
import Testing
@testable import GlossRules

@Suite("Rules extractor")
struct RulesTests {
    private func spans(_ rules: String, _ text: String, existing: [SpanDraft] = []) throws -> [(String, String, String?)] {
        let extractor = try RulesExtractor(text: rules, path: "/tmp/test-rules.yaml")
        let document = Document(name: "d", text: text, spans: existing)
        return try extractor.extract(document).map { (document.text[$0.start..<$0.end], $0.label, $0.value?.text) }
    }

    @Test func phrasesMatchThroughArabicNormalisationAndClitics() throws {
        let rules = """
            phrases:
              - label: WEAPON
                attrs: {kind: aircraft}
                list: ["طائرة مسيرة", "F-16", "drone"]
            """
        let found = try spans(rules, "أسقطت الدفاعات طائرةً مسيّرة وبطائرة مسيرة ثانية، ثم F-16 وthe Drone.")
        #expect(found.map(\.0) == ["طائرةً مسيّرة", "طائرة مسيرة", "F-16", "Drone"])
        #expect(found.allSatisfy { $0.1 == "WEAPON" })
    }

    @Test func caseSensitivePhrases() throws {
        let rules = """
            phrases:
              - label: ORG
                case_sensitive: true
                list: [NATO]
            """
        #expect(try spans(rules, "NATO said; nato is lower").map(\.0) == ["NATO"])
    }

    @Test func phraseFilesAndValues() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "قاعدة عين الأسد\tAin al-Asad Air Base\nمطار بغداد\tBaghdad Airport\n".write(to: dir.appendingPathComponent("bases.txt"), atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("bases.yaml").path
        try "phrases:\n  - {label: FACILITY, file: bases.txt}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let extractor = try RulesExtractor(path: path)
        let found = try extractor.extract(Document(name: "d", text: "وصلت القوات إلى قاعدة عين الأسد ثم مطار بغداد"))
        #expect(found.map { $0.value?.text } == ["Ain al-Asad Air Base", "Baghdad Airport"])
        #expect(extractor.id == "bases")
        #expect(extractor.version.hasPrefix("rules-"))
    }

    @Test func tokenPatternsWithExistingSpansCapturesAndValues() throws {
        let rules = """
            id: troops
            patterns:
              - label: TROOPS
                value_from: span
                attrs: {kind: troops}
                tokens:
                  - {label: NUMBER, capture: true}
                  - {norm: [جندي, جنود, عسكري, soldiers, troops]}
            """
        let text = "أرسلت الحكومة 300 جندي و5 آلاف عسكري، ثم 40 soldiers و7 سيارات"
        let scalars = Array(text.unicodeScalars)
        func at(_ s: String) -> Range<Int> {
            let n = Array(s.unicodeScalars)
            let i = (0...(scalars.count - n.count)).first { Array(scalars[$0..<($0 + n.count)]) == n } ?? 0
            return i..<(i + n.count)
        }
        let numbers = [("300", 300), ("5 آلاف", 5000), ("40", 40), ("7", 7)].map { surface, value in
            SpanDraft(start: at(surface).lowerBound, end: at(surface).upperBound, label: "NUMBER", value: .integer(Int64(value)))
        }
        let found = try spans(rules, text, existing: numbers)
        #expect(found.map(\.0) == ["300", "5 آلاف", "40"])
        #expect(found.map(\.2) == ["300", "5000", "40"])
        let extractor = try RulesExtractor(text: rules, path: "troops.yaml")
        #expect(extractor.needs == ["NUMBER"])
        #expect(extractor.labels == ["TROOPS"])
    }

    @Test func quantifiersRegexAndKinds() throws {
        let rules = """
            patterns:
              - label: CODE
                value_from: text
                tokens:
                  - {regex: "^[A-Z]{2,3}$"}
                  - {text: "-", op: "?"}
                  - {kind: number, op: "+"}
              - label: TITLE
                tokens:
                  - {norm: [president, minister]}
                  - {regex: "^[A-Z][a-z]+$", op: "*", capture: true}
            """
        let found = try spans(rules, "Units AB-12 and XYZ 7 met President Joe Smith and minister of state.")
        #expect(found.map(\.0) == ["AB-12", "XYZ 7", "Joe Smith"])
        #expect(found.map(\.2) == ["AB-12", "XYZ 7", nil])
    }

    @Test(arguments: [
        ("patterns:\n  - label: X\n    tokens: []\n", "\"tokens\" is empty"),
        ("patterns:\n  - label: X\n    tokens:\n      - {op: \"?\", text: a}\n", "could match nothing"),
        ("patterns:\n  - label: X\n    tokens:\n      - {text: a, op: \"{2}\"}\n", "op must be"),
        ("patterns:\n  - label: X\n    tokens:\n      - {regex: \"(\"}\n", "tokens[0]"),
        ("phrases:\n  - label: X\n", "give phrases"),
        ("phrases: 3\n", "rules file"),
        ("id: bad id\nphrases:\n  - {label: X, list: [a]}\n", "may hold only"),
        ("{}", "no rules"),
        // Misspelled keys are named, with the keys that exist there.
        ("patterns:\n  - label: X\n    valuefrom: span\n    tokens: [{text: a}]\n", "unknown key \"valuefrom\" in patterns[0]"),
        ("phrases:\n  - {label: X, lst: [a]}\n", "known: label, list, file"),
        ("patterns:\n  - label: X\n    tokens: [{txt: a}]\n", "unknown key \"txt\" in patterns[0].tokens[0]"),
        ("phrase:\n  - {label: X, list: [a]}\n", "unknown key \"phrase\""),
        // Empty files and YAML syntax errors say so, with the line.
        ("", "is empty"),
        ("  \n\n", "is empty"),
        ("phrases:\n  - label: X\n   list: [a\n", "line "),
    ])
    func badRulesFilesSayWhatIsWrong(rules: String, message: String) {
        do {
            _ = try RulesExtractor(text: rules, path: "bad.yaml")
            Issue.record("expected an error for \(rules)")
        } catch {
            #expect("\(error)".contains("bad.yaml"))
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test func jsonRulesFiles() throws {
        let extractor = try RulesExtractor(text: #"{"phrases": [{"label": "CITY", "list": ["بغداد"]}]}"#, path: "cities.json")
        let found = try extractor.extract(Document(name: "d", text: "وصل إلى بغداد"))
        #expect(found.count == 1)
    }

    @Test func editingTheRulesChangesTheVersion() throws {
        let a = try RulesExtractor(text: "phrases:\n  - {label: X, list: [a]}\n", path: "r.yaml")
        let b = try RulesExtractor(text: "phrases:\n  - {label: X, list: [a, b]}\n", path: "r.yaml")
        #expect(a.version != b.version)
        #expect(a.id == "r")
    }
}
