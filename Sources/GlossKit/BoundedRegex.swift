import Foundation
import Synchronization

/// A user-supplied regular expression that cannot hang the process.
///
/// Backtracking regular expressions can take exponential time on a short text (`(a+)+$` on
/// thirty `a`s and a `b`), and Swift's `Regex` offers no step limit and ignores task
/// cancellation. So every match runs under a watchdog: a match that runs longer than
/// `timeLimit` seconds is reported — with its pattern — on standard error, and the process
/// exits with status 3 rather than hang. Patterns come from users (query `--text`, rules files);
/// extractors that ship their own patterns should not need this.
///
/// Like `Regex`, a `BoundedRegex` is not `Sendable`: compile one per thread (per document).
public struct BoundedRegex {
    private let regex: Regex<AnyRegexOutput>
    /// The pattern as written.
    public let pattern: String
    /// Seconds one match may take.
    public let timeLimit: Double

    /// The default time limit: 5 seconds, or `$GLOSS_REGEX_SECONDS` when set.
    public static var defaultTimeLimit: Double {
        ProcessInfo.processInfo.environment["GLOSS_REGEX_SECONDS"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 5
    }

    /// Compiles `pattern`; throws a readable error when it does not compile.
    public init(_ pattern: String, timeLimit: Double = BoundedRegex.defaultTimeLimit) throws {
        do {
            regex = try Regex(pattern)
        } catch {
            throw PluginProtocolError("\(error)")
        }
        self.pattern = pattern
        self.timeLimit = timeLimit
    }

    /// True when the pattern matches somewhere in `text`.
    public func matches(_ text: String) -> Bool {
        let ticket = Watchdog.shared.arm(pattern: pattern, limit: timeLimit)
        defer { Watchdog.shared.disarm(ticket) }
        return (try? regex.firstMatch(in: text)) != nil
    }

    /// True when the pattern matches the whole of `text`.
    public func matchesWhole(_ text: String) -> Bool {
        let ticket = Watchdog.shared.arm(pattern: pattern, limit: timeLimit)
        defer { Watchdog.shared.disarm(ticket) }
        return (try? regex.wholeMatch(in: text)) != nil
    }
}

/// Watches running matches from one background thread, started on first use.
final class Watchdog: Sendable {
    static let shared = Watchdog()

    private struct Armed {
        let pattern: String
        let deadline: Date
        let limit: Double
    }

    private let armed = Mutex<(next: Int, running: [Int: Armed])>((0, [:]))

    private init() {
        Thread.detachNewThread { [self] in
            while true {
                usleep(100_000)
                let now = Date()
                if let late = armed.withLock({ $0.running.values.first { $0.deadline < now } }) {
                    let message = "gloss: the regular expression \(late.pattern.debugDescription) ran for more than \(late.limit) s on one text and was stopped; simplify it (nested repetition such as (a+)+ can take exponential time)\n"
                    FileHandle.standardError.write(Data(message.utf8))
                    exit(3)
                }
            }
        }
    }

    func arm(pattern: String, limit: Double) -> Int {
        armed.withLock { state in
            state.next += 1
            state.running[state.next] = Armed(pattern: pattern, deadline: Date().addingTimeInterval(limit), limit: limit)
            return state.next
        }
    }

    func disarm(_ ticket: Int) {
        _ = armed.withLock { $0.running.removeValue(forKey: ticket) }
    }
}
