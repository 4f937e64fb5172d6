import Foundation
import Testing

/// Where `gloss` may create a store: in a new or empty directory (or an existing store), never
/// among a user's files, and never at an empty path.
@Suite("Creating stores", .serialized)
struct StoreCreationCLITests {
    /// A plugin that only answers the handshake.
    static let quietPlugin = """
        import json, sys
        for line in sys.stdin:
            if json.loads(line)["type"] == "hello":
                print(json.dumps({"type": "hello", "protocol": 1, "id": "quiet", "version": "1", "labels": ["QUIET"]}), flush=True)
            else:
                break

        """

    private func contents(_ box: GlossSandbox, _ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: box.directory.appendingPathComponent(folder).path).sorted()
    }

    /// Every command that creates stores refuses a folder of other files, and leaves it as it was.
    @Test func aFolderOfOtherFilesIsNotTurnedIntoAStore() throws {
        let box = try GlossSandbox()
        try box.write("notes/a.txt", "Hello 12 words in Baghdad.\n")
        try box.write("notes/b.md", "More notes.\n")
        try box.write("c.txt", "Another 7 words.\n")
        try box.write("quiet.py", Self.quietPlugin)
        #expect(try box.run(["annotate", "--store", "s1", "c.txt"]).status == 0)
        let refusals: [([String], String)] = [
            (["annotate", "--store", "notes", "c.txt"], "cannot create a Gloss store at notes: the directory already holds other files (a.txt, b.md)"),
            (["plugins", "add", "--store", "notes", "--", "python3", "quiet.py"], "cannot create a Gloss store at notes: the directory already holds other files (a.txt, b.md)"),
            (["merge", "notes", "s1"], "cannot merge into notes: the directory already holds other files (a.txt, b.md)"),
            (["import", "--store", "notes", "--source", "gold", "c.txt"], "no Gloss store at notes"),
            (["annotate", "--store", "notes", "notes"], "cannot create a Gloss store at notes"),
        ]
        for (arguments, message) in refusals {
            let run = try box.run(arguments)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(try contents(box, "notes") == ["a.txt", "b.md"], "\(arguments) left the folder as it was")
        }
        #expect(try box.run(["annotate", "--store", "notes", "c.txt"]).stderr.contains("a new store needs a new or empty directory"))
    }

    /// A new or empty directory, or an existing store, is fine, for annotate and merge alike.
    @Test func newAndEmptyDirectoriesAndStoresAreFine() throws {
        let box = try GlossSandbox()
        try box.write("c.txt", "Another 7 words.\n")
        try FileManager.default.createDirectory(at: box.directory.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: box.directory.appendingPathComponent("empty-dest"), withIntermediateDirectories: true)
        #expect(try box.run(["annotate", "--store", "empty", "c.txt"]).status == 0)
        #expect(try box.run(["annotate", "--store", "empty", "c.txt"]).status == 0, "an existing store opens as before")
        #expect(try box.run(["annotate", "--store", "new/store", "c.txt"]).status == 0)
        let merge = try box.run(["merge", "empty-dest", "empty"])
        #expect(merge.status == 0, "an empty directory takes the merged store: \(merge.stderr)")
        #expect(try box.run(["docs", "--store", "empty-dest"]).stdout.contains("c.txt"))
        #expect(try box.run(["merge", "new-dest", "empty"]).status == 0)
    }

    /// `--store ''` is refused (it used to fall back to ./gloss.lmdb), as is an empty merge destination.
    @Test func anEmptyStorePathIsRefused() throws {
        let box = try GlossSandbox()
        try box.write("c.txt", "Another 7 words.\n")
        try box.write("quiet.py", Self.quietPlugin)
        #expect(try box.run(["annotate", "--store", "s1", "c.txt"]).status == 0)
        for arguments in [["annotate", "--store", "", "c.txt"], ["query", "--store", ""], ["import", "--store", "", "--source", "gold", "c.txt"],
                          ["plugins", "add", "--store", "", "--", "python3", "quiet.py"]] {
            let run = try box.run(arguments)
            #expect(run.status != 0, "\(arguments)")
            #expect(run.stderr.contains("--store was given an empty path"), "\(arguments): \(run.stderr)")
        }
        let merge = try box.run(["merge", "", "s1"])
        #expect(merge.status == 1)
        #expect(merge.stderr.contains("the store path is empty"), "\(merge.stderr)")
        #expect(!FileManager.default.fileExists(atPath: box.directory.appendingPathComponent("gloss.lmdb").path), "no store made at the default path")
    }
}
