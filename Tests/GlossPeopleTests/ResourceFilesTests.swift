import Foundation
@testable import GlossPeople
import Testing

/// The reader of the People extractor's data files: rows, columns and the white space trimmed
/// around them, whatever the script.
@Suite struct ResourceFilesTests {
    /// Writes `text` as `name` in a fresh directory and returns a reader of that directory.
    private func files(_ name: String, _ text: String) throws -> ResourceFiles {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-people-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        return ResourceFiles(directory: directory)
    }

    @Test func rowsSkipCommentsAndBlankLinesAndSplitOnTabs() throws {
        let text = "# a comment\n\nمحمد\tMohammed\t\t\r\n \t \nعلي | علیٰ\t Ali \n"
        let rows = try files("names.tsv", text).rows("names.tsv")
        #expect(rows == [["محمد", "Mohammed", "", ""], ["علي | علیٰ", "Ali"]])
    }

    @Test func columnsLoseEveryKindOfSpaceAroundThem() throws {
        // No-break space, ideographic space, en space, tab and plain spaces around Arabic and
        // Latin words; the spaces inside a column stay.
        let text = "\u{00A0}عبد الله\u{3000}\t\u{2002}Smith\u{00A0}\t\t  \u{00A0}\n\u{1680}é\u{202F}x\t¡Ay\u{205F}\n"
        let rows = try files("spaces.tsv", text).rows("spaces.tsv")
        #expect(rows == [["عبد الله", "Smith", "", ""], ["é\u{202F}x", "¡Ay"]])
    }

    @Test func alternativesAreSplitOnBarsAndTrimmed() {
        let row = ["أحمد |\u{00A0}احمد\u{2003}|  | Ahmad", "x"]
        #expect(row.alternatives(0) == ["أحمد", "احمد", "Ahmad"])
        #expect(row.alternatives(5) == [])
    }

    @Test func trimmingMatchesFoundationOnSpacesAndLeavesOtherMarksAlone() {
        let samples = ["", " ", "\t\u{00A0}\u{202F}", " قال ", "\u{200F}word\u{200F}", "a\u{3000}", "\u{2028}x\u{2028}", "\u{0640}كلمة\u{0640}"]
        for sample in samples {
            #expect(sample.trimmingWhitespace() == sample.trimmingCharacters(in: .whitespaces), "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
