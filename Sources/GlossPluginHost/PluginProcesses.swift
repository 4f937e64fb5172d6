import CSupport
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
        /// Whether this process adopts what its plugins leave behind (``adoptStrays()``).
        var adopting = false
    }

    private static let registry = Mutex(Registry())

    /// Held while a plugin's process is started and registered, and while strays are stopped:
    /// a process just started is never taken for a stray.
    private static let spawnLock = Mutex(())

    /// Runs `start`, which starts a plugin's process and registers it, while no stray is being
    /// stopped.
    static func spawning<T>(_ start: () throws(ChildProcessError) -> T) throws(ChildProcessError) -> T {
        try spawnLock.withLock { _ throws(ChildProcessError) -> T in try start() }
    }

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
        stopStrays(sparing: Set(processes.map(\.pid)))
        return running.count
    }

    /// Makes this process adopt the processes its plugins leave behind, even those that left
    /// the plugin's process group (a daemon started with `setsid`), and stop them: when the
    /// last plugin running has been stopped, and in ``terminateAll(grace:)``. Without it such a
    /// process goes to PID 1 and may outlive the host.
    ///
    /// It makes this process the subreaper of all its descendants (Linux), so a host calls it
    /// only when every child it starts is a plugin. Returns false when the system refused.
    @discardableResult
    public static func adoptStrays() -> Bool {
        guard gloss_become_subreaper() == 0 else { return false }
        registry.withLock { $0.adopting = true }
        return true
    }

    /// Kills (SIGKILL) and reaps every child of this process but `sparing` — strays adopted
    /// from stopped plugins — then the strays' own children, adopted in turn, until none is
    /// left (a few rounds at most). Nothing when this process does not adopt strays.
    private static func stopStrays(sparing: Set<pid_t>) {
        guard registry.withLock({ $0.adopting }) else { return }
        spawnLock.withLock { _ in
            let plugins = registry.withLock { Set($0.running.values.map(\.pid)) }
            for _ in 0 ..< 8 {
                var children = [pid_t](repeating: 0, count: 256)
                let count = Int(gloss_children(&children, Int32(children.count)))
                let strays = children.prefix(max(0, min(count, children.count))).filter { !sparing.contains($0) && !plugins.contains($0) }
                if strays.isEmpty { return }
                for pid in strays { kill(pid, SIGKILL) }
                for pid in strays {
                    var status: Int32 = 0
                    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                }
            }
        }
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

    /// Forgets a plugin process that has been stopped; when it was the last one running, stops
    /// the strays the plugins left (see ``adoptStrays()``).
    static func unregister(_ process: ChildProcess) {
        let last = registry.withLock { registry in
            registry.running.removeValue(forKey: ObjectIdentifier(process))
            return registry.running.isEmpty && !registry.terminating
        }
        if last { stopStrays(sparing: []) }
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
