import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Every plugin process this process is running, so that a host being interrupted or terminated
/// can stop them all before it exits: a plugin left running would be adopted by PID 1 and
/// keep going after its host is gone. Each plugin runs in a process group of its own, and the
/// whole group is stopped: the processes a plugin started go with it.
///
/// A host installs its own signal handling (the library installs none) and, when a signal
/// arrives, calls ``terminateAll(grace:)`` before exiting:
///
/// ```swift
/// let stopped = PluginProcesses.terminateAll()
/// signal(SIGINT, SIG_DFL)
/// raise(SIGINT)
/// ```
public enum PluginProcesses {
    private struct Registry: ~Copyable {
        var running: [ObjectIdentifier: ChildProcess] = [:]
        var terminating = false
    }

    private static let registry = Mutex(Registry())

    /// Stops every running plugin process and what it started — SIGTERM to each plugin's process
    /// group, then SIGKILL to every group once the plugins have exited or `grace` seconds have
    /// passed — and waits until the plugins are gone; returns how many were running.
    ///
    /// Call it only when the host is about to exit: from then on no plugin starts, and a thread
    /// that starts or talks to a plugin waits until the process exits instead of reporting the
    /// plugins' deaths as failures (so the host's last words are its own).
    @discardableResult
    public static func terminateAll(grace: Double = 1) -> Int {
        let processes = registry.withLock { registry in
            registry.terminating = true
            return Array(registry.running.values)
        }
        let running = processes.filter(\.isRunning)
        for process in processes { process.signalGroup(SIGTERM) }
        waitUntilGone(running, seconds: grace)
        let stubborn = running.filter(\.isRunning)
        for process in processes { process.signalGroup(SIGKILL) }
        waitUntilGone(stubborn, seconds: 1)
        return running.count
    }

    /// Whether ``terminateAll(grace:)`` has been called.
    public static var isTerminating: Bool { registry.withLock { $0.terminating } }

    /// Records a started plugin process; false (and nothing recorded) once the host is
    /// terminating, when the caller must stop it at once.
    static func register(_ process: ChildProcess) -> Bool {
        registry.withLock { registry in
            guard !registry.terminating else { return false }
            registry.running[ObjectIdentifier(process)] = process
            return true
        }
    }

    /// Forgets a plugin process that has exited.
    static func unregister(_ process: ChildProcess) {
        _ = registry.withLock { $0.running.removeValue(forKey: ObjectIdentifier(process)) }
    }

    /// Never returns once the host is terminating (see ``terminateAll(grace:)``): the process
    /// is about to exit, and what the calling thread would report is only the consequence.
    static func waitForExitIfTerminating() {
        guard isTerminating else { return }
        while true { sleep(60) }
    }

    /// Waits until every process in `processes` has exited, at most `seconds`.
    private static func waitUntilGone(_ processes: [ChildProcess], seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while processes.contains(where: \.isRunning) && Date() < deadline { usleep(10_000) }
    }
}
