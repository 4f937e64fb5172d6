import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended.
struct Termination: Sendable, CustomStringConvertible {
    /// The raw `wait` status.
    let rawStatus: Int32
    /// Peak resident memory of the child, in bytes (`ru_maxrss`). Linux counts the test
    /// process's own peak in it too: `posix_spawn` starts the child in the parent's memory
    /// (`vfork`), and `exec` records that memory's peak. Compare it with
    /// ``residentCeiling(_:)``, not with a bare number.
    let maxResidentBytes: Int

    /// A limit for ``maxResidentBytes``: `bytes`, or just above the test process's own peak
    /// when that is higher (the child's figure cannot be told apart from it below that).
    static func residentCeiling(_ bytes: Int) -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return max(bytes, Int(usage.ru_maxrss) * 1024 + (16 << 20))
    }

    /// The exit code when the process exited, nil when a signal ended it.
    var exitCode: Int32? { rawStatus & 0x7f == 0 ? (rawStatus >> 8) & 0xff : nil }
    /// The signal that ended the process, nil when it exited.
    var signal: Int32? { rawStatus & 0x7f == 0 ? nil : rawStatus & 0x7f }

    var description: String {
        if let exitCode { return "exit \(exitCode)" }
        return "signal \(signal ?? 0)"
    }
}

/// Errors of the process helpers.
struct ChildError: Error, CustomStringConvertible {
    let description: String
}

/// A child process started with `posix_spawn`, so the test owns its pid (to kill it at will)
/// and reaps it itself (to read its exit status and peak memory). Standard output and error go
/// to files, or to a pipe the test reads (or stops reading) itself.
final class Child: Sendable {
    let pid: pid_t
    let stdoutPath: String?
    let stderrPath: String
    /// The termination once reaped (a child is reaped exactly once).
    private let reaped = Mutex<Termination?>(nil)

    /// Where the child's standard output goes.
    enum Output {
        /// A file (created or truncated).
        case file(String)
        /// An inherited descriptor, such as the write end of a pipe.
        case descriptor(Int32)
    }

    /// Spawns `executable` (an absolute path) with `arguments` in `directory`. `stdinPath` (default /dev/null) feeds
    /// standard input. `environment` entries are added to this process's environment, without
    /// `GLOSS_STORE`.
    init(_ executable: String, _ arguments: [String], directory: String, stdout: Output, stderrPath: String,
         stdinPath: String = "/dev/null", environment: [String: String] = [:]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        switch stdout {
        case .file(let path):
            posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            stdoutPath = path
        case .descriptor(let fd):
            posix_spawn_file_actions_adddup2(&actions, fd, 1)
            stdoutPath = nil
        }
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        self.stderrPath = stderrPath

        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "GLOSS_STORE")
        for (key, value) in environment { env[key] = value }
        // `env -C DIR` changes directory and execs the program (same pid), as posix_spawn's
        // addchdir is not exported to Swift.
        let argv = (["/usr/bin/env", "-C", directory, executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var child: pid_t = 0
        let code = posix_spawn(&child, "/usr/bin/env", &actions, nil, argv, envp)
        guard code == 0 else { throw ChildError(description: "cannot start \(executable): \(String(cString: strerror(code)))") }
        pid = child
    }

    deinit {
        // Never leave a process behind when a test fails half-way.
        if finished == nil {
            kill(pid, SIGKILL)
            _ = try? wait()
        }
    }

    /// The termination, once the child has been reaped.
    var finished: Termination? { reaped.withLock { $0 } }

    /// Sends `signal` to the child (nothing when it was already reaped).
    func signal(_ signal: Int32) {
        reaped.withLock { if $0 == nil { _ = kill(pid, signal) } }
    }

    /// Reaps the child if it has ended; returns its termination or nil while it runs.
    func poll() -> Termination? {
        reaped.withLock { reaped in
            if let reaped { return reaped }
            var status: Int32 = 0
            var usage = rusage()
            let result = wait4(pid, &status, WNOHANG, &usage)
            guard result == pid else { return nil }
            reaped = Termination(rawStatus: status, maxResidentBytes: Int(usage.ru_maxrss) * 1024)
            return reaped
        }
    }

    /// Waits for the child to end; after `timeout` seconds it is killed and an error thrown.
    @discardableResult
    func wait(timeout: Double = 120) throws -> Termination {
        let deadline = Date().addingTimeInterval(timeout)
        var pause: UInt32 = 1_000
        while true {
            if let done = poll() { return done }
            if Date() > deadline {
                signal(SIGKILL)
                while poll() == nil { usleep(1_000) }
                throw ChildError(description: "process \(pid) did not finish within \(timeout) s and was killed")
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
    }

    /// What the child wrote to standard output (when it went to a file).
    var stdout: String { stdoutPath.map { Self.contents(of: $0) } ?? "" }
    /// What the child wrote to standard error.
    var stderr: String { Self.contents(of: stderrPath) }

    static func contents(of path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }
}
