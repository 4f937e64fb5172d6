import Foundation
import Testing

/// A sandbox holding two documents and hand-made spans imported as source `gold`:
/// the data every query, join, format and exchange test below runs on.
private final class AnnotatedSandbox {
    let box: GlossSandbox
    static let english = "Minister Ali Hassan said 300 soldiers reached Mosul. Later 45 more came to Mosul airport."
    static let arabic = "قال الوزير علي حسن إن ٣٠٠ جندي وصلوا إلى المَوْصِل.\nوأضاف أن 45 آخرين سيصلون."

    /// Spans as (doc, surface text, occurrence, label, value JSON, attrs JSON).
    static let spans: [(String, String, Int, String, String, String)] = [
        ("en.txt", "Ali Hassan", 0, "PERSON", "\"Ali Hassan\"", "{\"entity\":\"e1\"}"),
        ("en.txt", "300", 0, "NUMBER", "300", "{\"kind\":\"cardinal\"}"),
        ("en.txt", "Mosul", 0, "PLACE", "\"Mosul\"", "{\"kind\":\"city\"}"),
        ("en.txt", "45", 0, "NUMBER", "45", "{\"kind\":\"cardinal\"}"),
        ("en.txt", "Mosul airport", 0, "PLACE", "\"Mosul Airport\"", "{\"kind\":\"facility\"}"),
        ("en.txt", "Mosul", 1, "PLACE", "\"Mosul\"", "{\"kind\":\"city\"}"),
        ("ar.txt", "علي حسن", 0, "PERSON", "\"Ali Hassan\"", "{\"entity\":\"e1\"}"),
        ("ar.txt", "٣٠٠", 0, "NUMBER", "300", "{\"kind\":\"cardinal\"}"),
        ("ar.txt", "المَوْصِل", 0, "PLACE", "\"Mosul\"", "{\"kind\":\"city\"}"),
        ("ar.txt", "45", 0, "NUMBER", "45", "{\"kind\":\"cardinal\"}"),
    ]

    static func offsets(of needle: String, in text: String, occurrence: Int) -> (Int, Int) {
        let hay = Array(text.unicodeScalars)
        let n = Array(needle.unicodeScalars)
        var seen = 0
        for i in 0...(hay.count - n.count) where Array(hay[i..<(i + n.count)]) == n {
            if seen == occurrence { return (i, i + n.count) }
            seen += 1
        }
        return (-1, -1)
    }

    static var goldJSONL: String {
        spans.map { doc, surface, occurrence, label, value, attrs in
            let (start, end) = offsets(of: surface, in: doc == "en.txt" ? english : arabic, occurrence: occurrence)
            return "{\"doc\":\"\(doc)\",\"start\":\(start),\"end\":\(end),\"label\":\"\(label)\",\"value\":\(value),\"attrs\":\(attrs),\"text\":\"\(surface)\"}"
        }.joined(separator: "\n") + "\n"
    }

    init() throws {
        box = try GlossSandbox()
        try box.write("en.txt", Self.english)
        try box.write("ar.txt", Self.arabic)
        try box.write("gold.jsonl", Self.goldJSONL)
        let add = try box.run(["annotate", "--extractors", "none", "en.txt", "ar.txt"])
        precondition(add.status == 0, add.stderr)
        let imported = try box.run(["import", "--source", "gold", "gold.jsonl"])
        precondition(imported.status == 0, imported.stderr)
    }

    func jsonl(_ args: [String]) throws -> [[String: Any]] {
        let run = try box.run(["query", "--format", "jsonl"] + args)
        #expect(run.status == 0, "\(args): \(run.stderr)")
        return try GlossSandbox.jsonLines(run.stdout)
    }

    func texts(_ args: [String]) throws -> [String] {
        try jsonl(args).compactMap { $0["text"] as? String }
    }
}

@Suite("gloss query: filters, joins, aggregation, formats", .serialized)
struct QueryCLITests {
    @Test func importedSpansComeBackInOrder() throws {
        let s = try AnnotatedSandbox()
        let all = try s.jsonl([])
        #expect(all.count == AnnotatedSandbox.spans.count)
        #expect(all.allSatisfy { $0["source"] as? String == "gold" })
        // en.txt was added first; spans by start ascending, end descending ("Mosul airport" before "Mosul").
        #expect(all.map { $0["text"] as? String ?? "" } ==
                ["Ali Hassan", "300", "Mosul", "45", "Mosul airport", "Mosul", "علي حسن", "٣٠٠", "المَوْصِل", "45"])
        // Importing again replaces rather than duplicates.
        #expect(try s.box.run(["import", "--source", "gold", "gold.jsonl"]).status == 0)
        #expect(try s.jsonl([]).count == AnnotatedSandbox.spans.count)
    }

    @Test func valueTextMatchAndAttributeFilters() throws {
        let s = try AnnotatedSandbox()
        #expect(try s.texts(["--value-prefix", "Mosul"]) == ["Mosul", "Mosul airport", "Mosul", "المَوْصِل"])
        #expect(try s.texts(["--value-prefix", "Mosul A"]) == ["Mosul airport"])
        #expect(try s.texts(["--text", "^[0-9]+$"]) == ["300", "45", "45"])
        #expect(try s.texts(["--match", "الموصل"]) == ["المَوْصِل"], "diacritics are ignored")
        #expect(try s.texts(["--match", "mosul"]) == ["Mosul", "Mosul"], "Latin case is folded")
        #expect(try s.texts(["--attr", "kind=facility"]) == ["Mosul airport"])
        #expect(try s.texts(["--attr", "colour=red"]).isEmpty)
        #expect(try s.texts(["--label", "NUMBER", "--min", "100"]) == ["300", "٣٠٠"])
        // A negative bound is a value, not an option.
        #expect(try s.texts(["--label", "NUMBER", "--min", "-5", "--max", "50"]) == ["45", "45"])
        for bound in ["nan", "inf"] {
            let nonFinite = try s.box.run(["query", "--min", bound])
            #expect(nonFinite.status != 0)
            #expect(nonFinite.stderr.contains("--min must be a finite number"), "\(nonFinite.stderr)")
        }
        let bad = try s.box.run(["query", "--text", "(unclosed"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("invalid regular expression"))
    }

    @Test func positionJoins() throws {
        let s = try AnnotatedSandbox()
        #expect(try s.texts(["--label", "PLACE", "--inside", "PLACE"]) == ["Mosul"], "the second Mosul lies inside Mosul airport")
        #expect(try s.texts(["--label", "PLACE", "--contains", "PLACE"]) == ["Mosul airport"])
        #expect(try s.texts(["--label", "PLACE", "--overlaps", "PLACE"]) == ["Mosul airport", "Mosul"])
        #expect(try s.texts(["--label", "NUMBER", "--near", "PLACE:10"]) == ["45"], "only en.txt's 45 lies within 10 code points of a place")
    }

    @Test func nearBeforeAfterAndSameSentence() throws {
        let s = try AnnotatedSandbox()
        // en.txt: "...said 300 soldiers reached Mosul. Later 45 more came to Mosul airport."
        #expect(try s.texts(["--label", "NUMBER", "--near", "PLACE:20", "--doc", "en.txt"]) == ["300", "45"])
        #expect(try s.texts(["--label", "NUMBER", "--near", "PLACE:17", "--doc", "en.txt"]) == ["45"])
        #expect(try s.texts(["--label", "NUMBER", "--before", "PLACE:20", "--doc", "en.txt"]) == ["300", "45"])
        #expect(try s.texts(["--label", "NUMBER", "--after", "PERSON", "--doc", "en.txt"]) == ["300", "45"])
        #expect(try s.texts(["--label", "NUMBER", "--after", "PERSON:10", "--doc", "en.txt"]) == ["300"])
        #expect(try s.texts(["--label", "PERSON", "--before", "NUMBER:6"]) == ["Ali Hassan", "علي حسن"])
        // Same sentence: in ar.txt the line break ends the first sentence.
        #expect(try s.texts(["--label", "NUMBER", "--same-sentence", "PERSON"]) == ["300", "٣٠٠"])
        #expect(try s.texts(["--label", "NUMBER", "--same-sentence", "PLACE"]) == ["300", "45", "٣٠٠"])
        let bad = try s.box.run(["query", "--near", "PLACE"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("LABEL:N"))
    }

    @Test func counting() throws {
        let s = try AnnotatedSandbox()
        func counts(_ args: [String]) throws -> [String: Int] {
            let run = try s.box.run(["query", "--count", "--format", "jsonl"] + args)
            #expect(run.status == 0, "\(run.stderr)")
            var result: [String: Int] = [:]
            for line in try GlossSandbox.jsonLines(run.stdout) { result[line["key"] as? String ?? ""] = line["count"] as? Int }
            return result
        }
        #expect(try counts([]) == ["all": 10])
        #expect(try counts(["--by", "label"]) == ["PLACE": 4, "NUMBER": 4, "PERSON": 2])
        #expect(try counts(["--by", "value", "--label", "PLACE"]) == ["Mosul": 3, "Mosul Airport": 1])
        #expect(try counts(["--by", "doc"]) == ["en.txt": 6, "ar.txt": 4])
        #expect(try counts(["--by", "source"]) == ["gold": 10])
        #expect(try counts(["--by", "attr:kind"]) == ["cardinal": 4, "city": 3, "facility": 1, "-": 2])
        #expect(try counts(["--by", "label", "--top", "1"]) == ["NUMBER": 4], "ties in key order")
        #expect(try counts(["--by", "label", "--doc", "ar.txt"]) == ["PLACE": 1, "NUMBER": 2, "PERSON": 1])
        let table = try s.box.run(["query", "--count", "--by", "label"])
        #expect(table.stdout.contains("label"))
        #expect(table.stdout.contains("PLACE"))
    }

    @Test func outputFormats() throws {
        let s = try AnnotatedSandbox()
        // json: one array.
        let json = try s.box.run(["query", "--format", "json", "--label", "PERSON"])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["text"] as? String } == ["Ali Hassan", "علي حسن"])
        // tsv: header, one line a span, tabs never inside fields.
        let tsv = try s.box.run(["query", "--format", "tsv", "--label", "NUMBER"]).stdout.split(separator: "\n")
        #expect(tsv.first == "doc\tid\tstart\tend\tlabel\ttext\tvalue\tsource\tconfidence\tattrs")
        #expect(tsv.count == 5)
        #expect(tsv.dropFirst().allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 10 })
        // brat: T lines with code-point offsets, A lines, AnnotatorNotes with values.
        let brat = try s.box.run(["query", "--format", "brat", "--doc", "en.txt", "--label", "PLACE"]).stdout
        #expect(brat.contains("T1\tPLACE 46 51\tMosul"))
        #expect(brat.contains("A1\tkind T1 city"))
        #expect(brat.contains("#1\tAnnotatorNotes T1\tMosul"))
        // W3C Web Annotation.
        let anno = try GlossSandbox.jsonLines(try s.box.run(["query", "--format", "webanno", "--label", "PERSON", "--doc", "en.txt"]).stdout)
        let target = try #require(anno.first?["target"] as? [String: Any])
        let selectors = try #require(target["selector"] as? [[String: Any]])
        #expect(selectors.first?["type"] as? String == "TextPositionSelector")
        #expect(selectors.first?["start"] as? Int == 9)
        #expect(selectors.last?["exact"] as? String == "Ali Hassan")
        #expect(selectors.last?["prefix"] as? String == "Minister ")
        #expect(anno.first?["@context"] as? String == "http://www.w3.org/ns/anno.jsonld")
    }

    @Test func contextAndOffsets() throws {
        let s = try AnnotatedSandbox()
        let withContext = try s.jsonl(["--label", "NUMBER", "--doc", "en.txt", "--context", "8"])
        #expect(withContext.first?["before"] as? String == "an said ")
        #expect(withContext.first?["after"] as? String == " soldier")
        // The Arabic document has a diacritised word and Arabic-Indic digits: code points,
        // UTF-8 bytes and UTF-16 units all differ.
        let place = try #require(try s.jsonl(["--label", "PLACE", "--doc", "ar.txt", "--offsets", "utf8"]).first)
        let start = try #require(place["start"] as? Int)
        let prefix = String(String.UnicodeScalarView(Array(AnnotatedSandbox.arabic.unicodeScalars)[0..<start]))
        #expect(place["start_utf8"] as? Int == prefix.utf8.count)
        let utf16 = try #require(try s.jsonl(["--label", "PLACE", "--doc", "ar.txt", "--offsets", "utf16"]).first)
        #expect(utf16["start_utf16"] as? Int == prefix.utf16.count)
        // Keyword in context in a table: the Arabic row shows the following text on the left.
        let table = try s.box.run(["query", "--label", "NUMBER", "--doc", "ar.txt", "--context", "6"]).stdout
        #expect(table.contains("left"))
        #expect(table.contains("right"))
    }

    @Test func importRejectsWholeFileWithLineNumber() throws {
        let s = try AnnotatedSandbox()
        let lines = [
            "{\"doc\":\"en.txt\",\"start\":0,\"end\":8,\"label\":\"TITLE\"}",
            "{\"doc\":\"en.txt\",\"start\":80,\"end\":200,\"label\":\"TITLE\"}",
        ]
        try s.box.write("bad.jsonl", lines.joined(separator: "\n"))
        let run = try s.box.run(["import", "--source", "other", "bad.jsonl"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("bad.jsonl:2"))
        #expect(run.stderr.contains("outside the text"))
        #expect(try s.box.run(["query", "--source", "other"]).status != 0, "nothing was imported")

        try s.box.write("mismatch.jsonl", "{\"doc\":\"en.txt\",\"start\":0,\"end\":8,\"label\":\"TITLE\",\"text\":\"Premier\"}\n")
        let mismatch = try s.box.run(["import", "--source", "other", "mismatch.jsonl"])
        #expect(mismatch.status != 0)
        #expect(mismatch.stderr.contains("mismatch.jsonl:1"))
        try s.box.write("unknown.jsonl", "{\"doc\":\"../../etc/passwd\",\"start\":0,\"end\":1,\"label\":\"X\"}\n")
        let unknown = try s.box.run(["import", "--source", "other", "unknown.jsonl"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no document named"))
    }

    @Test func exportImportRoundTrips() throws {
        let s = try AnnotatedSandbox()
        func normalized(_ source: String) throws -> [String] {
            try s.jsonl(["--source", source]).map { span in
                "\(span["doc"] ?? "")|\(span["start"] ?? "")|\(span["end"] ?? "")|\(span["label"] ?? "")|\(span["value"] ?? "")|\((span["attrs"] as? [String: String])?.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } ?? [])"
            }
        }
        let original = try normalized("gold")
        // JSON lines
        #expect(try s.box.run(["export", "--format", "jsonl", "--out", "export.jsonl"]).status == 0)
        #expect(try s.box.run(["import", "--source", "copy", "export.jsonl"]).status == 0)
        #expect(try normalized("copy") == original)
        // brat
        #expect(try s.box.run(["export", "--format", "brat", "--source", "gold", "--out", "brat"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: s.box.directory.appendingPathComponent("brat/en.txt").path))
        #expect(FileManager.default.fileExists(atPath: s.box.directory.appendingPathComponent("brat/ar.ann").path))
        let imported = try s.box.run(["import", "--source", "fromBrat", "brat"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try normalized("fromBrat") == original)
    }

    @Test func exportWebAnnotationAndCoNLL() throws {
        let s = try AnnotatedSandbox()
        let anno = try s.box.run(["export", "--format", "webanno", "--source", "gold"])
        #expect(try GlossSandbox.jsonLines(anno.stdout).count == 10)
        let conll = try s.box.run(["export", "--format", "conll", "--doc", "en.txt"]).stdout
        #expect(conll.hasPrefix("# doc = en.txt\n"))
        #expect(conll.contains("Ali\tB-PERSON\nHassan\tI-PERSON\n"))
        #expect(conll.contains("Mosul\tB-PLACE\nairport\tI-PLACE\n"))
        #expect(conll.contains("said\tO\n"))
        #expect(conll.contains(".\tO\n\nLater"), "a blank line between sentences")
    }

    @Test func exportNeverWritesOutsideItsDirectory() throws {
        let box = try GlossSandbox()
        #expect(try box.run(["annotate", "--extractors", "none", "-"], stdin: "{\"id\": \"../../escape.txt\", \"text\": \"hello 5\"}\n").status == 0)
        #expect(try box.run(["export", "--format", "brat", "--out", "out/inner"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: box.directory.appendingPathComponent("escape.txt").path))
        #expect(!FileManager.default.fileExists(atPath: box.directory.appendingPathComponent("out/escape.txt").path))
    }

    @Test func evaluation() throws {
        let s = try AnnotatedSandbox()
        // A "system" that found 3 of the 4 places exactly, one with wrong boundaries, plus a false hit.
        func find(_ needle: String, _ occurrence: Int) -> (Int, Int) { AnnotatedSandbox.offsets(of: needle, in: AnnotatedSandbox.english, occurrence: occurrence) }
        let (m1s, m1e) = find("Mosul", 0)
        let (m2s, m2e) = find("Mosul", 1)
        let (as_, _) = find("Mosul airport", 0)
        let (ls, le) = find("Later", 0)
        let (ars, are) = AnnotatedSandbox.offsets(of: "المَوْصِل", in: AnnotatedSandbox.arabic, occurrence: 0)
        let system = [
            "{\"doc\":\"en.txt\",\"start\":\(m1s),\"end\":\(m1e),\"label\":\"PLACE\"}",
            "{\"doc\":\"en.txt\",\"start\":\(m2s),\"end\":\(m2e),\"label\":\"PLACE\"}",
            "{\"doc\":\"en.txt\",\"start\":\(as_),\"end\":\(as_ + 8),\"label\":\"PLACE\"}",
            "{\"doc\":\"en.txt\",\"start\":\(ls),\"end\":\(le),\"label\":\"PLACE\"}",
            "{\"doc\":\"ar.txt\",\"start\":\(ars),\"end\":\(are),\"label\":\"PLACE\"}",
        ]
        try s.box.write("system.jsonl", system.joined(separator: "\n"))
        #expect(try s.box.run(["import", "--source", "sys", "system.jsonl"]).status == 0)
        let run = try s.box.run(["eval", "--gold", "gold", "--system", "sys", "--label", "PLACE", "--format", "jsonl"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try GlossSandbox.jsonLines(run.stdout)
        let place = try #require(rows.first { $0["label"] as? String == "PLACE" })
        #expect(place["gold"] as? Int == 4)
        #expect(place["system"] as? Int == 5)
        let strict = try #require(place["strict"] as? [String: Double])
        let lenient = try #require(place["lenient"] as? [String: Double])
        #expect(strict["precision"] == 0.6)
        #expect(strict["recall"] == 0.75)
        #expect(lenient["precision"] == 0.8)
        #expect(lenient["recall"] == 1.0)
        let errors = try s.box.run(["eval", "--gold", "gold", "--system", "sys", "--label", "PLACE", "--errors"]).stdout
        #expect(errors.contains("gold: gold (4 spans in 2 documents)"), "\(errors)")
        let one = try s.box.run(["eval", "--gold", "gold", "--system", "sys", "--label", "PLACE", "--doc", "ar.txt"]).stdout
        #expect(one.contains("gold: gold (1 span in 1 document)"), "\(one)")
        #expect(errors.contains("miss"))
        #expect(errors.contains("false hit"))
        #expect(errors.contains("Later"))
        // In JSON lines the errors are JSON lines too, after the scores.
        let jsonErrors = try s.box.run(["eval", "--gold", "gold", "--system", "sys", "--label", "PLACE", "--errors", "--format", "jsonl"])
        #expect(jsonErrors.status == 0, "\(jsonErrors.stderr)")
        let all = try GlossSandbox.jsonLines(jsonErrors.stdout)
        #expect(all.count == jsonErrors.stdout.split(separator: "\n").count, "every line is JSON")
        let listed = all.filter { $0["error"] != nil }
        #expect(listed.filter { $0["error"] as? String == "miss" }.count == 1)
        #expect(listed.filter { $0["error"] as? String == "false hit" }.count == 2)
        let later = try #require(listed.first { $0["text"] as? String == "Later" })
        #expect(later["start"] as? Int == ls && later["label"] as? String == "PLACE" && later["doc"] as? String == "en.txt")
        #expect(later["source"] as? String == "sys")
        #expect(later["right"] is String && later["left"] is String)
        // Only the formats eval prints are offered.
        let help = try s.box.run(["help", "eval"]).stdout
        #expect(help.contains("jsonl") && !help.contains("webanno"))
    }
}

/// The exact bytes of `--format jsonl` (written straight from the map) for every kind of value,
/// escapes in strings and attributes, and confidences.
@Suite("gloss query: JSON lines byte for byte")
struct JSONLinesBytesTests {
    @Test func everyValueKindAndEscape() throws {
        let box = try GlossSandbox()
        let text = "Tab\there: \"yes\" on 2024-03-03, 2.5 and 17 \u{2028}end"
        try box.write("d.txt", text)
        #expect(try box.run(["annotate", "--extractors", "none", "d.txt"]).status == 0)
        let lines = [
            #"{"doc":"d.txt","start":0,"end":4,"label":"T","value":"a\"b\\c\nd","attrs":{"k":"v\tw","z":"ü"},"confidence":0.85}"#,
            #"{"doc":"d.txt","start":19,"end":29,"label":"D","value":"2024-03-03","confidence":0.0001}"#,
            #"{"doc":"d.txt","start":31,"end":34,"label":"N","value":2.5,"confidence":1}"#,
            #"{"doc":"d.txt","start":39,"end":41,"label":"N","value":17,"attrs":{"kind":"cardinal"},"confidence":0.6}"#,
            #"{"doc":"d.txt","start":42,"end":46,"label":"E","value":null,"confidence":0}"#,
        ]
        try box.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        let imported = try box.run(["import", "--source", "hand", "in.jsonl"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let run = try box.run(["query", "--format", "jsonl"])
        #expect(run.status == 0, "\(run.stderr)")
        // Ids are the store's; everything else is fixed.
        let withoutIDs = run.stdout.replacingOccurrences(of: #","id":[0-9]+,"#, with: ",", options: .regularExpression)
        #expect(withoutIDs == """
            {"doc":"d.txt","start":0,"end":4,"text":"Tab\\t","label":"T","value":"a\\"b\\\\c\\nd","attrs":{"k":"v\\tw","z":"ü"},"source":"hand","confidence":0.85}
            {"doc":"d.txt","start":19,"end":29,"text":"2024-03-03","label":"D","value":"2024-03-03","attrs":{},"source":"hand","confidence":0.0001}
            {"doc":"d.txt","start":31,"end":34,"text":"2.5","label":"N","value":2.5,"attrs":{},"source":"hand","confidence":1}
            {"doc":"d.txt","start":39,"end":41,"text":"17","label":"N","value":17,"attrs":{"kind":"cardinal"},"source":"hand","confidence":0.6}
            {"doc":"d.txt","start":42,"end":46,"text":"\\u2028end","label":"E","value":null,"attrs":{},"source":"hand","confidence":0}

            """)
    }
}

extension JSONLinesBytesTests {
    /// Strings with every character JSON output must escape, at every position relative to the
    /// sixteen-byte blocks the writer tests, come back unchanged through a JSON parser.
    @Test func escapesRoundTripAtEveryPosition() throws {
        let box = try GlossSandbox()
        try box.write("d.txt", "abcdefghij")
        #expect(try box.run(["annotate", "--extractors", "none", "d.txt"]).status == 0)
        let specials = ["\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{2028}", "\u{2029}", "€", "→", "ü", "ب", "🙂", "x"]
        var generator = SystemRandomNumberGenerator()
        var values: [String] = []
        for length in 0..<40 {
            var value = ""
            for _ in 0..<length { value += specials.randomElement(using: &generator) ?? "x" }
            values.append(value)
        }
        let lines = values.enumerated().map { i, value -> String in
            let attrs = try? JSONSerialization.data(withJSONObject: ["v": value])
            return "{\"doc\":\"d.txt\",\"start\":\(i % 9),\"end\":\(i % 9 + 1),\"label\":\"L\(i)\",\"attrs\":\(String(decoding: attrs ?? Data(), as: UTF8.self))}"
        }
        try box.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        let imported = try box.run(["import", "--source", "hand", "in.jsonl"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let run = try box.run(["query", "--format", "jsonl"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0 == "\u{2028}" || $0 == "\u{2029}" })
        var found: [String: String] = [:]
        for object in try GlossSandbox.jsonLines(run.stdout) {
            let label = object["label"] as? String ?? ""
            found[label] = (object["attrs"] as? [String: String])?["v"]
        }
        for (i, value) in values.enumerated() { #expect(found["L\(i)"] == value, "value \(i)") }
    }
}

@Suite("gloss show", .serialized)
struct ShowCLITests {
    @Test func plainMarkersWhenNotATerminal() throws {
        let s = try AnnotatedSandbox()
        let run = try s.box.run(["show", "en.txt", "--labels", "PLACE,PERSON"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Minister [Ali Hassan]PERSON said"))
        #expect(!run.stdout.contains("300]"))
        // Nested spans are shown nested: the city inside the airport keeps its marks.
        #expect(run.stdout.contains("[[Mosul]PLACE airport]PLACE"), "\(run.stdout)")
        // --source keeps one source's spans (gold against an extractor's).
        try s.box.write("other.jsonl", "{\"doc\":\"en.txt\",\"start\":0,\"end\":8,\"label\":\"TITLE\"}\n")
        #expect(try s.box.run(["import", "--source", "other", "other.jsonl"]).status == 0)
        // --label, repeatable, as in query (beside --labels A,B).
        let persons = try s.box.run(["show", "en.txt", "--label", "PERSON", "--label", "NUMBER"]).stdout
        #expect(persons.contains("[Ali Hassan]PERSON") && persons.contains("[300]NUMBER") && !persons.contains("]PLACE"), "\(persons)")
        let gold = try s.box.run(["show", "en.txt", "--source", "gold"]).stdout
        #expect(gold.contains("]PERSON") && !gold.contains("]TITLE"))
        let other = try s.box.run(["show", "en.txt", "--source", "other"]).stdout
        #expect(other.contains("[Minister]TITLE") && !other.contains("]PERSON"))
        // On a terminal spans are coloured; NO_COLOR (https://no-color.org) asks for plain marks.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/script") {
            let show = "\"\(GlossSandbox.binary.path)\" show en.txt --labels PERSON"
            // (An empty NO_COLOR, as the standard says, asks for nothing: whatever the test runner's is.)
            let coloured = try s.box.run(["-qec", show, "/dev/null"], environment: ["NO_COLOR": ""], executable: URL(fileURLWithPath: "/usr/bin/script"))
            #expect(coloured.stdout.contains("\u{1B}["), "colours on a terminal")
            let plain = try s.box.run(["-qec", "NO_COLOR=1 " + show, "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"))
            #expect(!plain.stdout.contains("\u{1B}[") && plain.stdout.contains("[Ali Hassan]PERSON"), "\(plain.stdout)")
        }
    }

    @Test func htmlEscapesDocumentText() throws {
        let box = try GlossSandbox()
        let text = "Alert <script>alert('x')</script> & \"quotes\" in Mosul."
        #expect(try box.run(["annotate", "--extractors", "none", "-"], stdin: "{\"id\": \"evil\", \"text\": \"Alert <script>alert('x')</script> & \\\"quotes\\\" in Mosul.\"}\n").status == 0)
        let (start, end) = AnnotatedSandbox.offsets(of: "<script>", in: text, occurrence: 0)
        try box.write("g.jsonl", "{\"doc\":\"evil\",\"start\":\(start),\"end\":\(end),\"label\":\"<b>LABEL</b>\",\"value\":\"\\\"><img src=x>\"}\n")
        #expect(try box.run(["import", "--source", "gold", "g.jsonl"]).status == 0)
        let html = try box.run(["show", "evil", "--html"]).stdout
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>LABEL"))
    }

    @Test func htmlRendersInChromium() throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let chromium else {
            // CI installs chromium (.ci/run); on a developer machine without it this check is skipped.
            print("chromium not installed: skipping the browser rendering check")
            return
        }
        let s = try AnnotatedSandbox()
        let page = try s.box.run(["show", "ar.txt", "--html"])
        #expect(page.status == 0)
        try s.box.write("page.html", page.stdout)
        let html = s.box.directory.appendingPathComponent("page.html").path
        let png = s.box.directory.appendingPathComponent("page.png").path
        func browser(_ args: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: chromium)
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] + args + ["file://" + html]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        _ = try browser(["--screenshot=" + png, "--window-size=1000,700"])
        let attributes = try FileManager.default.attributesOfItem(atPath: png)
        #expect((attributes[.size] as? Int ?? 0) > 1000, "a screenshot was produced")
        let dom = try browser(["--dump-dom"])
        #expect(dom.components(separatedBy: "data-span-id=").count - 1 == 4, "every span is in the DOM")
        #expect(dom.contains("dir=\"auto\""))
    }
}
