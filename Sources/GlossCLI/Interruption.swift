import ArgumentParser
import Dispatch
import Foundation
import GlossPluginHost
import GlossStore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What gloss does when it is interrupted (SIGINT: Ctrl-C, `timeout -s INT`), terminated
/// (SIGTERM: a job runner, `kill`) or hung up on (SIGHUP): it stops its plugin processes,
/// removes the working copy of a merge under way, says in one line on stderr what was kept, and
/// then dies of the same signal, so that shells and job runners see the usual outcome (status
/// 128 + the signal's number in a shell).
///
/// Nothing else needs undoing: every store write is one LMDB transaction, so the batches
/// committed before the signal are kept whole and the one being written is not kept at all.
public enum Interruption {
    /// The installed signal sources (kept alive here), and the note for the current command.
    private struct Installed: ~Copyable {
        var sources: [any DispatchSourceSignal] = []
        var note: String?
    }

    private static let installed = Mutex(Installed())

    /// Handles SIGINT, SIGTERM and SIGHUP from now on, for `command` (whose kind says what the
    /// message tells about the store). Installs the handlers once; a later call only changes
    /// the note.
    public static func install(for command: any ParsableCommand) {
        let note = Self.note(for: command)
        installed.withLock { installed in
            installed.note = note
            guard installed.sources.isEmpty else { return }
            // A queue of its own: the global queues may all be busy annotating.
            let queue = DispatchQueue(label: "gloss.signals")
            for signo in [SIGINT, SIGTERM, SIGHUP] {
                // Ignored, the signal no longer ends the process at once: the source still gets it.
                signal(signo, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signo, queue: queue)
                source.setEventHandler { stop(signo) }
                source.resume()
                installed.sources.append(source)
            }
        }
    }

    /// What an interruption leaves in the store for this kind of command, if it writes one.
    static func note(for command: any ParsableCommand) -> String? {
        switch command {
        case let annotate as Gloss.Annotate where annotate.emit == nil:
            "documents committed to the store before now are kept; run the same command again to annotate the rest"
        case is Gloss.Import:
            "an import is one transaction: the store holds all of its files or none of them"
        case is Gloss.Merge:
            "the destination store is either untouched or fully merged, never half-merged"
        default:
            nil
        }
    }

    /// Stops the plugins, says so, and ends the process by the signal it received.
    private static func stop(_ signo: Int32) -> Never {
        let stopped = PluginProcesses.terminateAll()
        let abandoned = MergeStaging.abandonAll()
        let name = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"][signo] ?? "signal \(signo)"
        var message = "interrupted by \(name)"
        if stopped > 0 { message += "; stopped \(stopped) plugin process\(stopped == 1 ? "" : "es")" }
        if !abandoned.isEmpty { message += "; removed the unfinished merge" }
        if let note = installed.withLock({ $0.note }) { message += "; " + note }
        Terminal.warn(message)
        // Die of the signal itself: with its default action restored and unblocked on this
        // thread, raising it ends the process here and now.
        signal(signo, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signo)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(signo)
        _exit(128 + signo)
    }
}
