@testable import GlossCLI
import Testing

/// `PathList` keeps the paths `annotate` is given as bytes; what it gives back, and the order it
/// sorts them in, must be those of the strings.
struct PathListTests {
    static let paths = [
        "news/b0.txt", "news/b/x.txt", "news/b-c.txt", "news/b.txt", "./x.md", "a//b.txt",
        "أخبار/بغداد.txt", "أخبار/البصرة.txt", "café/é.txt", "cafe\u{301}/e\u{301}.txt", "caféa.txt", "cafe\u{301}z.txt", "Zeta.txt", "zeta.txt",
    ]

    @Test func givesBackEachPathAsItWasAppended() {
        var list = PathList()
        for path in Self.paths { list.append(path) }
        #expect(Array(list) == Self.paths)
        var joined = PathList()
        joined.append(contentsOf: list)
        joined.append(contentsOf: list)
        #expect(Array(joined) == Self.paths + Self.paths)
    }

    /// ASCII paths (sorted by their bytes) and paths that are not (sorted as strings).
    @Test(arguments: [false, true])
    func sortsAsStringsSort(asciiOnly: Bool) {
        let paths = asciiOnly ? Self.paths.filter { $0.utf8.allSatisfy { $0 < 0x80 } } + ["news/b", "news/b.txt.bak", "news", ""] : Self.paths
        var list = PathList()
        for path in paths.reversed() { list.append(path) }
        #expect(Array(list.sorted()) == paths.sorted())
        #expect(Array(PathList().sorted()).isEmpty)
    }
}
