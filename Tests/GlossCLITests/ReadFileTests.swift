import Foundation
@testable import GlossCLI
import GlossStore
import Testing

/// `annotate` reads each input file with plain system calls into a buffer sized from the file's
/// size; a file that gives more than its size says (a pipe, a file being written) is read on in
/// larger chunks, and the limit holds whatever the file said.
struct ReadFileTests {
    /// A named pipe (size 0) carrying `text`, written by another thread while it is read.
    private func withPipe<R>(_ text: String, _ body: (String) throws -> R) throws -> R {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        // A reader that stops early closes the pipe: the writer's next write fails (EPIPE)
        // rather than raising SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let writer = Thread {
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { return }
            defer { close(fd) }
            let bytes = Array(text.utf8)
            // In pieces, so that the reader sees short reads.
            for start in stride(from: 0, to: bytes.count, by: 1000) {
                let end = min(start + 1000, bytes.count)
                let written = bytes[start..<end].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if written < 0 { return }
            }
        }
        writer.start()
        return try body(path)
    }

    private static let text = String(repeating: "قال المتحدث إن 2,500 جندي وصلوا إلى البصرة. ", count: 300)  // ~20 KB

    @Test func aPipeIsReadWholeInGrowingChunks() throws {
        #expect(Self.text.utf8.count > 3 * 4096)
        let read = try withPipe(Self.text) { try InputDocuments.readFile($0, maximumBytes: 1 << 20) }
        #expect(read.utf8.count == Self.text.utf8.count)
        #expect(read.utf8.elementsEqual(Self.text.utf8))
    }

    @Test func aPipeOverTheLimitIsRefused() throws {
        let limit = 10_000
        #expect(throws: InputError.self) {
            try withPipe(Self.text) { path in
                do {
                    return try InputDocuments.readFile(path, maximumBytes: limit).utf8.count
                } catch let error as InputError {
                    #expect(error.description.contains("is larger than the limit of \(limit) bytes"), "\(error)")
                    throw error
                }
            }
        }
    }

    @Test func aRegularFileIsReadWhole() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-read-\(UUID().uuidString).txt").path
        defer { unlink(path) }
        for text in ["a", Self.text, String(repeating: "x", count: 4095), String(repeating: "x", count: 4096)] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            #expect(try InputDocuments.readFile(path, maximumBytes: 1 << 20).utf8.elementsEqual(text.utf8), "\(text.utf8.count) bytes")
        }
    }
}

/// The check of `annotate`'s input files keeps the texts it has read when they come to no more
/// than a number of bytes, and the run uses them instead of reading those files again; when
/// they come to more, it keeps none and the run reads every file again.
struct KeptTextTests {
    /// Twelve documents of 1,000 to 1,100 bytes (Arabic and English) in a fresh directory, by path.
    private func documents() throws -> (directory: URL, texts: [String: String]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-kept-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var texts: [String: String] = [:]
        for k in 0..<12 {
            let sentence = k % 2 == 0 ? "وصل \(k) من المراقبين إلى الموصل. " : "Observer \(k) reached Mosul. "
            var text = ""
            while text.utf8.count < 1000 { text += sentence }
            let path = directory.appendingPathComponent(String(format: "doc%02d.txt", k)).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            texts[path] = text
        }
        return (directory, texts)
    }

    /// Checks the documents keeping up to `limit` bytes, changes every file, then runs through
    /// the inputs: returns what the check kept and the texts the run was given.
    private func checkChangeAndRead(limit: Int) throws -> (checked: CheckedFiles, originals: [String: String], read: [AnnotationInput]) {
        let (directory, originals) = try documents()
        defer { try? FileManager.default.removeItem(at: directory) }
        let checked = try InputDocuments.checkFiles(in: [directory.path], globs: ["*.txt"], skipInvalid: false,
                                                    maximumBytes: 1 << 20, keepingTextsUpTo: limit)
        #expect(checked.paths.count == 12)
        for path in originals.keys { try Data("Changed after the check.".utf8).write(to: URL(fileURLWithPath: path)) }
        let inputs = InputSet.files(checked, maximumBytes: 1 << 20)
        let read = Array(inputs.sequence)
        #expect(inputs.error == nil)
        #expect(read.map(\.name) == Array(checked.paths))
        return (checked, originals, read)
    }

    @Test func aSmallRunAnnotatesTheTextsAsTheyWereChecked() throws {
        let (checked, originals, read) = try checkChangeAndRead(limit: 12 * 1100)
        #expect(checked.texts.count == 12 && checked.texts.allSatisfy { $0 != nil })
        for input in read { #expect(input.text == originals[input.name], "\(input.name)") }
    }

    @Test func aLargerRunKeepsNoTextAndReadsEveryFileAgain() throws {
        let (checked, _, read) = try checkChangeAndRead(limit: 5 * 1100)
        #expect(checked.texts.isEmpty)
        for input in read { #expect(input.text == "Changed after the check.", "\(input.name)") }
    }
}
