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

    private let process: Process
    private let input: FileHandle
    private let events = EventQueue()
    private let stderrTail = TailBuffer()
    private let writeQueue = DispatchQueue(label: "gloss.plugin.writer")
    static let maximumLine = 64 << 20

    init(command: [String], environment: [String: String]) throws {
        guard let executable = command.first else { throw PluginProtocolError("the plugin command is empty") }
        let process = Process()
        if executable.contains("/") {
            // Said plainly here: Foundation's own words are "The file doesn't exist" and the like.
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: executable, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw PluginProtocolError("cannot start the plugin: \(executable): no such file")
            }
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                throw PluginProtocolError("cannot start the plugin: \(executable) is not executable; make it so (chmod +x \(executable)) "
                                          + "or name its interpreter first (gloss plugins add -- python3 \(executable))")
            }
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(command.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command
        }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        PluginProcesses.waitForExitIfTerminating()
        do {
            try process.run()
        } catch {
            throw PluginProtocolError("cannot start \(command.joined(separator: " ")): \(error.localizedDescription)")
        }
        // Started just as the host began terminating: stop it at once, like the others.
        guard PluginProcesses.register(process) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            PluginProcesses.waitForExitIfTerminating()
            throw PluginProtocolError("not started: gloss is stopping")
        }
        self.process = process
        self.input = stdin.fileHandleForWriting
        let out = stdout.fileHandleForReading.fileDescriptor
        let err = stderr.fileHandleForReading.fileDescriptor
        let events = self.events
        let tail = self.stderrTail
        Thread.detachNewThread {
            PluginProcess.readLines(from: out, limit: PluginProcess.maximumLine) { events.push($0) }
        }
        Thread.detachNewThread {
            PluginProcess.readLines(from: err, limit: 1 << 16) { event in
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

    var isRunning: Bool { process.isRunning }
    var exitStatus: Int32? { process.isRunning ? nil : process.terminationStatus }

    /// Stops the process: politely when `force` is false (waits up to `grace` seconds), else at once.
    func stop(force: Bool, grace: Double = 2) {
        if !force {
            closeInput()
            let deadline = Date().addingTimeInterval(grace)
            while process.isRunning && Date() < deadline { usleep(10_000) }
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        PluginProcesses.unregister(process)
    }

    /// Reads `\n`-terminated lines from a descriptor until end of file.
    private static func readLines(from fd: Int32, limit: Int, _ emit: (Event) -> Void) {
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
