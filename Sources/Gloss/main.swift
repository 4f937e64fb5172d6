import ArgumentParser
import Foundation
import GlossCLI
import GlossPluginHost

// The `gloss` executable: everything lives in the GlossCLI library, so tests and fuzzers can
// drive the same commands and parsers in-process. Errors are one clear line on stderr (the
// message, without the usage block); `--help` and `--version` print as usual. Interrupted or
// terminated, gloss stops its plugin processes first (see `Interruption`).
if let unknown = Gloss.unknownCommand(in: Array(CommandLine.arguments.dropFirst())) {
    FileHandle.standardError.write(Data(("Error: " + unknown + "\n").utf8))
    exit(ExitCode.validationFailure.rawValue)
}
do {
    var command = try Gloss.parseAsRoot()
    Interruption.install(for: command)
    // Every child gloss starts is a plugin: what a plugin leaves running, even detached with
    // setsid, comes back to gloss and is stopped with the plugins.
    PluginProcesses.adoptStrays()
    try command.run()
} catch {
    let code = Gloss.exitCode(for: error)
    if code == .success { Gloss.exit(withError: error) }
    let message = Gloss.message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
    if message.isEmpty { Gloss.exit(withError: error) }
    FileHandle.standardError.write(Data(("Error: " + message + "\n").utf8))
    exit(code.rawValue)
}
