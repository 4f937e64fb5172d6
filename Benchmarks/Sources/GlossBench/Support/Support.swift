import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A harness failure, printed as one line.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `--name value` options and `--flag`s of a subcommand.
struct Options {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    init(_ arguments: ArraySlice<String>) throws {
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let arg = arguments[i]
            guard arg.hasPrefix("--") else { throw BenchError("unexpected argument \(arg)") }
            let name = String(arg.dropFirst(2))
            if i + 1 < arguments.endIndex, !arguments[i + 1].hasPrefix("--") {
                values[name] = arguments[i + 1]
                i += 2
            } else {
                flags.insert(name)
                i += 1
            }
        }
    }

    func string(_ name: String) throws -> String {
        guard let value = values[name] else { throw BenchError("missing --\(name)") }
        return value
    }

    func string(_ name: String, default value: String) -> String { values[name] ?? value }

    func int(_ name: String, default value: Int) throws -> Int {
        guard let text = values[name] else { return value }
        guard let n = Int(text.replacingOccurrences(of: "_", with: "")) else { throw BenchError("--\(name) expects a number") }
        return n
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// Prints figures as `name value unit` lines, flushed at once so a driver can stream them.
enum Figures {
    static func emit(_ name: String, _ value: Double, _ unit: String) {
        let text: String
        if value == value.rounded() && abs(value) < 1e15 {
            text = String(Int64(value))
        } else if abs(value) >= 100 {
            text = String(format: "%.1f", value)
        } else {
            text = String(format: "%.4g", value)
        }
        print("\(name) \(text) \(unit)")
        fflush(nil)  // every stream: stdout is not concurrency-safe to name
    }

    /// A note for the log (stderr), not a figure.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data(("# " + message + "\n").utf8))
    }
}

/// Wall-clock timing with the monotonic clock.
enum Timer {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Seconds `body` took.
    static func measure(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return Double(now() - start) / 1e9
    }
}

/// Order statistics of a sample.
enum Stats {
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count - 1)).rounded())))
        return sorted[rank]
    }

    static func median(_ values: [Double]) -> Double { percentile(values, 50) }
}

/// Allocation counts from `libmalloccount.so` (Benchmarks/Baselines/malloc_count.c) when the
/// harness runs with it preloaded; nil otherwise.
enum MallocCounter {
    private typealias CountFunction = @convention(c) () -> UInt64
    private static let function: CountFunction? = {
        guard let symbol = dlsym(nil, "bench_malloc_count") else { return nil }  // nil is RTLD_DEFAULT on Linux
        return unsafeBitCast(symbol, to: CountFunction.self)
    }()

    static var isAvailable: Bool { function != nil }
    static func count() -> UInt64 { function?() ?? 0 }
}

/// Keeps a value alive so the optimiser cannot drop the work that produced it.
@inline(never)
func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }
