import ArgumentParser
import Foundation
import GlossStore

/// The `--store` option every command shares.
struct StoreOptions: ParsableArguments {
    static let defaultPath = "gloss.lmdb"

    @Option(name: .long, help: ArgumentHelp(
        "The store directory.",
        discussion: "Default: $GLOSS_STORE if set, else ./\(StoreOptions.defaultPath). A new store is created only in a new or empty directory.",
        valueName: "path"))
    var store: String?

    func validate() throws {
        if store?.isEmpty == true {
            throw ValidationError("--store was given an empty path: give the store's directory, or leave --store out "
                                  + "to use $GLOSS_STORE or ./\(Self.defaultPath)")
        }
    }

    /// The store path after applying the environment variable and the default.
    var path: String {
        if let store { return store }
        if let env = ProcessInfo.processInfo.environment["GLOSS_STORE"], !env.isEmpty { return env }
        return Self.defaultPath
    }

    /// Opens the store; `create` decides whether a missing store is created or is an error.
    func open(create: Bool) throws -> GlossStore {
        var options = GlossStore.Options()
        options.create = create
        // A command runs once: its resident memory stays flat however large the store.
        options.releasesReadPages = true
        return try GlossStore(path: path, options: options)
    }
}
