import CFuzzer
#if canImport(Glibc)
import Glibc
#endif

/// Runs libFuzzer on this process's command line with `callback` as the fuzz target, and exits
/// with its status. Each fuzz target's `@main` calls it: SwiftPM renames a Swift executable's
/// `main`, so libFuzzer's own `main` is never linked.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv, callback)
    exit(status)
}
