import Foundation
import Testing
@testable import GlossCLI

/// JSON lines read for `gloss import`: lines numbered from 1 as an editor shows them, blank
/// lines (spaces, tabs, a carriage return) skipped, the last line read with or without a newline.
@Suite("Import: JSON lines")
struct ImportJSONLinesTests {
    private static func line(_ start: Int) -> String { "{\"doc\":\"d\",\"start\":\(start),\"end\":\(start + 1),\"label\":\"L\"}" }

    @Test func numbersLinesAndSkipsBlankOnes() throws {
        let text = [Self.line(0), "", "  \t\r", Self.line(5) + "\r", Self.line(7)].joined(separator: "\n")
        for data in [Data(text.utf8), Data((text + "\n").utf8), Data((text + "\n\n").utf8)] {
            let spans = try SpanFiles.parseJSONLines(data, path: "f.jsonl")
            #expect(spans.map(\.origin) == ["f.jsonl:1", "f.jsonl:4", "f.jsonl:5"])
            #expect(spans.map(\.draft.start) == [0, 5, 7])
        }
        #expect(try SpanFiles.parseJSONLines(Data(), path: "e.jsonl").isEmpty)
        #expect(try SpanFiles.parseJSONLines(Data("\n\n".utf8), path: "e.jsonl").isEmpty)
    }

    @Test func aBadLineIsNamedByItsNumber() {
        let text = [Self.line(0), "", Self.line(2), "{not json"].joined(separator: "\n")
        #expect {
            try SpanFiles.parseJSONLines(Data(text.utf8), path: "g.jsonl")
        } throws: { error in
            "\(error)".contains("g.jsonl:4")
        }
    }
}
