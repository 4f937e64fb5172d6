import CSupport
import Foundation
import GlossKit
import Synchronization

/// One running plugin process: writes requests from a writer thread, reads reply lines on a
/// reader thread, and hands them to the caller with a deadline — so a plugin that fills its
/// output pipe never deadlocks against a host blocked on writing, and a silent one is caught.
final class PluginProcess: Sendable {
    /// A line read from the plugin, or the end of its output.
    enum Event: Sendable {
        case line(String)
        case tooLong
        case closed
    }

    private let process: ChildProcess
    private let input: FileHandle
    private let events = EventQueue()
    private let stderrTail = TailBuffer()
    private let writeQueue = DispatchQueue(label: "gloss.plugin.writer")
    static let maximumLine = 64 << 20

    /// Starts the plugin in a process group of its own (see ``stop(force:grace:)``).
    init(command: [String], environment: [String: String]) throws {
        guard let executable = command.first else { throw PluginProtocolError("the plugin command is empty") }
        let path: String
        let arguments: [String]
        if executable.contains("/") {
            // Said plainly here, rather than as the system's "No such file or directory".
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: executable, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw PluginProtocolError("cannot start the plugin: \(executable): no such file")
            }
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                throw PluginProtocolError("cannot start the plugin: \(executable) is not executable; make it so (chmod +x \(executable)) "
                                          + "or name its interpreter first (gloss plugins add -- python3 \(executable))")
            }
            path = executable
            arguments = Array(command.dropFirst())
        } else {
            path = "/usr/bin/env"
            arguments = command
        }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        // The host's ends are closed on exec, so that no other plugin inherits them: a plugin's
        // input ends when the host closes it or dies, whatever else is running.
        let stdin = try Self.pipe()
        let stdout = try Self.pipe()
        let stderr = try Self.pipe()
        PluginProcesses.waitForExitIfTerminating()
        let process: ChildProcess
        let registered: Bool
        do {
            (process, registered) = try PluginProcesses.spawning { () throws(ChildProcessError) in
                let process = try ChildProcess(executable: path, arguments: arguments, environment: env,
                                               stdio: [stdin.read, stdout.write, stderr.write])
                return (process, PluginProcesses.register(process))
            }
        } catch {
            for fd in [stdin.read, stdin.write, stdout.read, stdout.write, stderr.read, stderr.write] { close(fd) }
            throw PluginProtocolError("cannot start \(command.joined(separator: " ")): \(error.reason)")
        }
        for fd in [stdin.read, stdout.write, stderr.write] { close(fd) }
        // Started just as the host began terminating: stop it at once, like the others.
        guard registered else {
            process.stop()
            for fd in [stdin.write, stdout.read, stderr.read] { close(fd) }
            PluginProcesses.waitForExitIfTerminating()
            throw PluginProtocolError("not started: gloss is stopping")
        }
        self.process = process
        self.input = FileHandle(fileDescriptor: stdin.write, closeOnDealloc: true)
        let events = self.events
        let tail = self.stderrTail
        Thread.detachNewThread {
            PluginProcess.readLines(from: stdout.read, limit: PluginProcess.maximumLine) { events.push($0) }
        }
        Thread.detachNewThread {
            PluginProcess.readLines(from: stderr.read, limit: 1 << 16) { event in
                switch event {
                case .line(let line): tail.append(line)
                case .closed: tail.finish()
                case .tooLong: break
                }
            }
        }
        // A plugin that exits early must not kill the host with SIGPIPE.
        signal_ignore_sigpipe()
    }

    /// A pipe whose two ends are closed on exec.
    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard gloss_pipe(&fds) == 0 else {
            throw PluginProtocolError("cannot start the plugin: no pipe to talk to it (\(String(cString: strerror(errno))))")
        }
        return (fds[0], fds[1])
    }

    /// Queues lines to write in order; writing happens on the writer thread.
    func send(_ lines: [String]) {
        let handle = input
        writeQueue.async {
            for line in lines {
                do { try handle.write(contentsOf: Data((line + "\n").utf8)) } catch { return }
            }
        }
    }

    /// Closes the plugin's standard input after everything queued is written.
    func closeInput() {
        let handle = input
        writeQueue.async { try? handle.close() }
    }

    /// The next event, or `nil` when `timeout` seconds pass without one. Never returns once
    /// the host is terminating its plugins (``PluginProcesses/terminateAll(grace:)``): the end
    /// of the plugin's output is then no failure to report.
    func next(timeout: Double) -> Event? {
        let event = events.pop(timeout: timeout)
        PluginProcesses.waitForExitIfTerminating()
        return event
    }

    /// The plugin's last lines on standard error, for error messages.
    var lastErrors: String {
        // Once the plugin has exited, give its last stderr lines a moment to arrive.
        if !process.isRunning { stderrTail.waitUntilFinished(timeout: 1) }
        let lines = stderrTail.lines
        return lines.isEmpty ? "" : " (its last words on stderr: \(lines.joined(separator: " | ")))"
    }

    /// How the plugin's process ended ("exited with status 3"), or `nil` while it runs or when
    /// it was stopped.
    var ending: String? { process.ending?.description }

    /// Stops the process: politely when `force` is false (closes its input and waits up to
    /// `grace` seconds for it to exit), else at once. Then whatever is left in its process
    /// group — the plugin itself if it is still running, and the processes it started — is
    /// killed (SIGKILL).
    func stop(force: Bool, grace: Double = 2) {
        if !force {
            closeInput()
            let deadline = Date().addingTimeInterval(grace)
            while process.isRunning && Date() < deadline { usleep(10_000) }
        }
        process.stop()
        PluginProcesses.unregister(process)
    }

    /// Reads `\n`-terminated lines from a descriptor until end of file, then closes it.
    private static func readLines(from fd: Int32, limit: Int, _ emit: (Event) -> Void) {
        defer { close(fd) }
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var discarding = false
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            var start = 0
            for i in 0..<n where buffer[i] == UInt8(ascii: "\n") {
                if !discarding {
                    pending.append(contentsOf: buffer[start..<i])
                    emit(.line(String(decoding: pending, as: UTF8.self)))
                }
                pending.removeAll(keepingCapacity: true)
                discarding = false
                start = i + 1
            }
            if !discarding { pending.append(contentsOf: buffer[start..<n]) }
            if pending.count > limit && !discarding {
                emit(.tooLong)
                pending.removeAll()
                discarding = true
            }
        }
        emit(.closed)
    }
}

/// Events from the reader thread, waited for with a deadline.
final class EventQueue: Sendable {
    private let items = Mutex<[PluginProcess.Event]>([])
    private let signal = DispatchSemaphore(value: 0)

    func push(_ event: PluginProcess.Event) {
        items.withLock { $0.append(event) }
        signal.signal()
    }

    /// Every push signals once and every pop waits once, so the semaphore counts the items.
    func pop(timeout: Double) -> PluginProcess.Event? {
        guard signal.wait(timeout: .now() + timeout) == .success else { return nil }
        return items.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }
}

/// The last few lines a plugin wrote to standard error.
final class TailBuffer: Sendable {
    private let storage = Mutex<[String]>([])
    private let finished = DispatchSemaphore(value: 0)

    /// Marks the end of the stream (standard error closed).
    func finish() { finished.signal() }

    /// Waits until the stream has ended, at most `timeout` seconds.
    func waitUntilFinished(timeout: Double) {
        if finished.wait(timeout: .now() + timeout) == .success { finished.signal() }
    }

    func append(_ line: String) {
        storage.withLock { lines in
            lines.append(line)
            if lines.count > 5 { lines.removeFirst() }
        }
    }

    var lines: [String] { storage.withLock { $0 } }
}

private func signal_ignore_sigpipe() {
    signal(SIGPIPE, SIG_IGN)
}
