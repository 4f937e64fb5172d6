import CSupport
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A plugin's process, started as the leader of a process group of its own, so that stopping it
/// stops what it started too: a shell script's helpers, the real plugin behind a wrapper script.
///
/// The process is not reaped until ``stop()``: until then its process id, which is its group's
/// id, cannot be given to another process, so a signal to the group never reaches a stranger.
final class ChildProcess: Sendable {
    /// How the process ended.
    enum Ending: Sendable, CustomStringConvertible {
        case exited(Int32)
        case killed(signal: Int32)
        /// It could not be waited for (it was reaped elsewhere, for example when the host
        /// ignores SIGCHLD), so how it ended is unknown.
        case unknown

        var description: String {
            switch self {
            case .exited(let status): "exited with status \(status)"
            case .killed(let signal): "was killed by signal \(signal)"
            case .unknown: "ended"
            }
        }
    }

    private enum State {
        case running
        case ended(Ending)
        /// Reaped: the process id, and the group id, may belong to another process now. The
        /// ending is `nil` when ``stop()`` killed the process while it ran.
        case reaped(Ending?)
    }

    /// The process's id, which is also its group's id.
    let pid: pid_t
    private let state = Mutex(State.running)

    /// Starts `executable` (a path) with `arguments` and exactly `environment`, its standard
    /// input, output and error being the descriptors `stdio` (which stay open here). Throws the
    /// system's reason when it cannot be started.
    init(executable: String, arguments: [String], environment: [String: String], stdio: [Int32]) throws(ChildProcessError) {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let code = stdio.withUnsafeBufferPointer { stdio in
            gloss_spawn_in_group(&pid, executable, argv, envp, stdio.baseAddress)
        }
        guard code == 0 else { throw ChildProcessError(reason: String(cString: strerror(code))) }
        self.pid = pid
    }

    /// Whether the process is still running.
    var isRunning: Bool {
        state.withLock { state in
            Self.update(&state, pid)
            if case .running = state { return true }
            return false
        }
    }

    /// How the process ended, or `nil` while it runs or when ``stop()`` killed it.
    var ending: Ending? {
        state.withLock { state in
            Self.update(&state, pid)
            switch state {
            case .running: return nil
            case .ended(let ending): return ending
            case .reaped(let ending): return ending
            }
        }
    }

    /// Notes in `state` whether a running process has ended (without reaping it).
    private static func update(_ state: inout State, _ pid: pid_t) {
        guard case .running = state else { return }
        var code: Int32 = 0
        var signal: Int32 = 0
        switch gloss_child_ended(pid, &code, &signal) {
        case 0: break
        case 1: state = .ended(signal == 0 ? .exited(code) : .killed(signal: signal))
        default: state = .reaped(.unknown)
        }
    }

    /// Sends `signal` to the process's group — the process and whatever it started that is
    /// still in its group — unless the process has been reaped.
    func signalGroup(_ signal: Int32) {
        state.withLock { state in
            if case .reaped = state { return }
            Self.signalGroup(pid, signal)
        }
    }

    /// Kills whatever is left in the process's group — the process itself if it still runs, and
    /// what it started — and reaps the process.
    func stop() {
        state.withLock { state in
            Self.update(&state, pid)
            if case .reaped = state { return }
            Self.signalGroup(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            if case .ended(let ending) = state {
                state = .reaped(ending)
            } else {
                state = .reaped(nil)
            }
        }
    }

    private static func signalGroup(_ pid: pid_t, _ signal: Int32) {
        // No group of that id: the process left it (setsid); signal the process itself.
        if kill(-pid, signal) != 0 { kill(pid, signal) }
    }
}

/// Why a plugin's process could not be started: the system's reason.
struct ChildProcessError: Error {
    let reason: String
}
