import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What one finished `gloss` run printed and how it ended.
struct GlossResult: Sendable {
    /// The exit code, or 128 + the signal number when a signal ended the process.
    let status: Int32
    let stdout: String
    let stderr: String
    let termination: Termination

    /// The non-empty lines of standard error.
    var stderrLines: [Substring] { stderr.split(separator: "\n") }
}

/// A temporary directory in which tests run the built `gloss` binary (removed on deinit).
final class Sandbox: Sendable {
    /// The directory's absolute path.
    let directory: String
    private let counter = Atomic<Int>(0)

    init(_ label: String = "gloss-reliability") throws {
        var template = Array("\(NSTemporaryDirectory())/\(label)-XXXXXX".utf8CString)
        let made: String? = template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, let result = mkdtemp(base) else { return nil }
            return String(cString: result)
        }
        guard let made else { throw ChildError(description: "cannot create a temporary directory") }
        directory = made
        try FileManager.default.createDirectory(atPath: directory + "/.io", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// The `gloss` executable built next to the test bundle (or `$GLOSS_BIN`).
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["GLOSS_BIN"] { return path }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("gloss")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.appendingPathComponent("gloss").path
    }()

    /// The absolute path of `relative` inside the sandbox.
    func path(_ relative: String) -> String { relative.hasPrefix("/") ? relative : directory + "/" + relative }

    /// Writes a file (creating folders).
    func write(_ relative: String, _ contents: String) throws {
        try write(relative, Data(contents.utf8))
    }

    func write(_ relative: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// A fresh file name under `.io` for captured output.
    private func ioPath(_ suffix: String) -> String {
        let n = counter.add(1, ordering: .relaxed).newValue
        return "\(directory)/.io/\(n).\(suffix)"
    }

    /// Starts `gloss arguments` in the sandbox; standard output goes to a file unless `stdout`
    /// names a descriptor. `stdin` text, when given, is fed from a file.
    func start(_ arguments: [String], stdout: Child.Output? = nil, stdin: String? = nil,
               environment: [String: String] = [:]) throws -> Child {
        var inputPath = "/dev/null"
        if let stdin {
            inputPath = ioPath("in")
            try Data(stdin.utf8).write(to: URL(fileURLWithPath: inputPath))
        }
        return try start(arguments, stdout: stdout, stdinPath: inputPath, environment: environment)
    }

    func start(_ arguments: [String], stdout: Child.Output? = nil, stdinPath: String,
               environment: [String: String] = [:]) throws -> Child {
        try Child(Self.binary, arguments, directory: directory, stdout: stdout ?? .file(ioPath("out")),
                  stderrPath: ioPath("err"), stdinPath: stdinPath, environment: environment)
    }

    /// Runs `gloss arguments` to the end (killing it after `timeout` seconds).
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
             timeout: Double = 120) throws -> GlossResult {
        let child = try start(arguments, stdin: stdin, environment: environment)
        return try finish(child, timeout: timeout)
    }

    /// Runs `gloss arguments` with standard input read from a file.
    func run(_ arguments: [String], stdinPath: String, timeout: Double = 120) throws -> GlossResult {
        try finish(try start(arguments, stdinPath: stdinPath), timeout: timeout)
    }

    /// Waits for a started child and collects its output.
    func finish(_ child: Child, timeout: Double = 120) throws -> GlossResult {
        let end = try child.wait(timeout: timeout)
        return GlossResult(status: end.exitCode ?? 128 + (end.signal ?? 0), stdout: child.stdout, stderr: child.stderr,
                           termination: end)
    }

    /// Runs another program (such as `mdb_stat`) and returns its standard output; nil when it
    /// is not installed.
    func tool(_ name: String, _ arguments: [String]) throws -> GlossResult? {
        let candidates = ["/usr/bin/\(name)", "/usr/local/bin/\(name)", "/bin/\(name)"]
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let child = try Child(executable, arguments, directory: directory, stdout: .file(ioPath("out")), stderrPath: ioPath("err"))
        return try finish(child, timeout: 60)
    }

    /// The bytes of a file (nil when it does not exist).
    func bytes(_ relative: String) -> Data? { FileManager.default.contents(atPath: path(relative)) }

    /// Everything a store holds, for "left the store as it was" checks: every database dumped
    /// with `mdb_dump -a` (lmdb-utils) when installed, else the bytes of `data.mdb` (stricter:
    /// an empty commit changes them without changing the content).
    func contents(ofStore store: String) throws -> Data? {
        if let dump = try tool("mdb_dump", ["-a", path(store)]), dump.status == 0 { return Data(dump.stdout.utf8) }
        return bytes(store + "/data.mdb")
    }
}
