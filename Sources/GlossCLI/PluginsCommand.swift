import ArgumentParser
import Foundation
import GlossBuiltins
import GlossKit
import GlossPluginHost
import GlossRules
import GlossStore

extension Gloss {
    /// `gloss plugins`: register and list extractors that run outside Gloss.
    struct Plugins: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plugins",
            abstract: "Register, list and remove out-of-process extractor plugins.",
            discussion: """
                A plugin is any program that speaks Gloss's JSON-lines protocol on standard input \
                and output (docs/plugin-protocol.md). Plugins run only once registered in a store, \
                and `gloss plugins list` shows exactly what each one runs, with its environment.

                Examples:
                  gloss plugins add ./my-extractor
                  gloss plugins add --env LANG=C.UTF-8 ./my-extractor
                  gloss plugins add -- python3 Examples/plugins/python-dates/dates.py
                  gloss plugins list
                  gloss annotate --extractors numbers,python-dates news/
                """,
            subcommands: [Add.self, List.self, Remove.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Start a plugin once for its handshake and register it under the id it reports.",
                discussion: """
                    The command is stored as given, except that every word naming an existing file \
                    or directory relative to the current directory (the program written as a path, \
                    a script, a model file) is stored as an absolute path, so that the plugin runs \
                    the same from any directory. A program given by name alone, such as python3, is \
                    looked up on PATH each time the plugin runs, and words starting with - are kept \
                    as they are. `gloss plugins list` shows the stored command.
                    """)

            @OptionGroup var storeOptions: StoreOptions

            @Option(name: .long, help: ArgumentHelp("An environment variable for the plugin, as NAME=VALUE (repeatable).", valueName: "name=value"))
            var env: [String] = []

            @Option(name: .long, help: ArgumentHelp("An option sent to the plugin in its handshake, as KEY=VALUE (repeatable).", valueName: "key=value"))
            var option: [String] = []

            @Option(name: .long, help: ArgumentHelp("Seconds to wait for the handshake.", valueName: "seconds"))
            var timeout: Double = 30

            @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The plugin's path, or a command and its arguments (after --).", valueName: "command"))
            var command: [String]

            func validate() throws {
                if command.filter({ $0 != "--" }).isEmpty { throw ValidationError("give the plugin's path or command") }
            }

            func run() throws {
                let words = command.first == "--" ? Array(command.dropFirst()) : command
                let executable = Self.absolutePaths(words)
                let registration = PluginRegistration(id: "", command: executable, environment: try Self.pairs(env, option: "--env"),
                                                      options: try Self.pairs(option, option: "--option"), version: "", labels: [])
                let hello = try ExternalExtractor.handshake(registration, timeout: timeout)
                if BuiltinExtractors.names.contains(hello.id) {
                    throw ValidationError("the plugin calls itself \(hello.id.debugDescription), which is a built-in extractor; give it another id")
                }
                var registered = registration
                registered.id = hello.id
                registered.version = hello.version
                registered.labels = hello.labels
                registered.needs = hello.needs
                let store = try storeOptions.open(create: true)
                // An import source of that name would mix its spans with the plugin's in `--source ID`.
                if try store.sources().contains(hello.id) {
                    throw ValidationError("the plugin calls itself \(hello.id.debugDescription), and the store holds spans imported under the source "
                                          + "\(hello.id.debugDescription); `gloss query --source \(hello.id)` would mix them: give the plugin another id")
                }
                try store.registerPlugin(id: hello.id, registration: try JSONEncoder().encode(registered))
                Terminal.warn("registered plugin \(hello.id)@\(hello.version) (labels: \(hello.labels.joined(separator: ", "))), "
                              + "running \(executable.joined(separator: " ")); run it with: gloss annotate --extractors \(hello.id) PATH")
            }

            /// The plugin's command with every word that names an existing file or directory
            /// relative to the current directory made absolute, so that the registration works
            /// from any directory. The program itself only when written as a path (with a `/`):
            /// a bare name such as `python3` is looked up on PATH when the plugin runs. Words
            /// starting with `-` are options, never paths.
            static func absolutePaths(_ words: [String]) -> [String] {
                words.enumerated().map { index, word in
                    guard !word.isEmpty, !word.hasPrefix("/"), !word.hasPrefix("-"), index > 0 || word.contains("/"),
                          FileManager.default.fileExists(atPath: word) else { return word }
                    return URL(fileURLWithPath: word).standardizedFileURL.path
                }
            }

            static func pairs(_ items: [String], option: String) throws -> [String: String] {
                var result: [String: String] = [:]
                for item in items {
                    guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                        throw ValidationError("\(option) expects NAME=VALUE, got \(item.debugDescription)")
                    }
                    result[String(item[..<eq])] = String(item[item.index(after: eq)...])
                }
                return result
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List built-in extractors and registered plugins.")

            @OptionGroup var storeOptions: StoreOptions

            func run() throws {
                var table = Table(columns: ["id", "kind", "version", "labels", "needs", "runs"], untruncated: [5])
                for extractor in try BuiltinExtractors.all() {
                    table.add([extractor.id, "built-in", extractor.version, extractor.labels.joined(separator: ","),
                               extractor.needs.joined(separator: ","), "in process"])
                }
                if let store = try? storeOptions.open(create: false) {
                    for (_, data) in try store.registeredPlugins() {
                        guard let registration = try? JSONDecoder().decode(PluginRegistration.self, from: data) else { continue }
                        let env = registration.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                        table.add([registration.id, "plugin", registration.version, registration.labels.joined(separator: ","),
                                   registration.needs.joined(separator: ","),
                                   (env + registration.command).joined(separator: " ")])
                    }
                }
                var output = OutputBuffer()
                table.render(into: &output, empty: "no extractors")
                output.flush()
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "remove", abstract: "Unregister a plugin (its spans stay in the store).")

            @OptionGroup var storeOptions: StoreOptions

            @Argument(help: ArgumentHelp("The plugin's id.", valueName: "id"))
            var id: String

            func run() throws {
                let store = try storeOptions.open(create: false)
                let registered = try store.registeredPlugins().map(\.id).sorted()
                guard registered.contains(id) else { throw StoreError.unknownPlugin(id, registered: registered) }
                try store.unregisterPlugin(id: id)
                Terminal.warn("removed plugin \(id)")
            }
        }
    }
}

/// Turns `--extractors` names and `--rules` files into extractors: built-ins, registered
/// plugins (from the store) and rules files.
enum ExtractorCatalog {
    static func choose(names: String?, rules: [String], storePath: String, pluginTimeout: Double) throws -> [any Extractor] {
        var chosen: [any Extractor] = []
        let requested = names.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        if let requested, requested.isEmpty {
            throw ValidationError("--extractors needs at least one name (available: \(BuiltinExtractors.names.joined(separator: ", ")))")
        }
        let wanted = requested ?? ["builtins"]
        var registered: [String: PluginRegistration] = [:]
        if wanted.contains(where: { !BuiltinExtractors.names.contains($0) && $0 != "none" && $0 != "builtins" }),
           FileManager.default.fileExists(atPath: storePath + "/data.mdb") {
            let store = try GlossStore(path: storePath)
            for (id, data) in try store.registeredPlugins() {
                registered[id] = try? JSONDecoder().decode(PluginRegistration.self, from: data)
            }
        }
        // Built-ins are picked first and made together, so that their word lists load side by side.
        enum Pick { case builtin(String), plugin(PluginRegistration) }
        var picks: [Pick] = []
        for name in wanted {
            switch name {
            case "none": continue
            case "builtins": picks += BuiltinExtractors.names.map(Pick.builtin)
            case "all":
                picks += BuiltinExtractors.names.map(Pick.builtin)
                picks += registered.values.sorted(by: { $0.id < $1.id }).map(Pick.plugin)
            default:
                if BuiltinExtractors.names.contains(name) {
                    picks.append(.builtin(name))
                } else if let registration = registered[name] {
                    picks.append(.plugin(registration))
                } else {
                    let available = BuiltinExtractors.names + registered.keys.sorted()
                    throw ValidationError("unknown extractor \(name.debugDescription) (available: \(available.joined(separator: ", ")); register plugins with `gloss plugins add`)")
                }
            }
        }
        var builtins = try BuiltinExtractors.make(names: picks.compactMap { if case .builtin(let name) = $0 { name } else { nil } })
            .makeIterator()
        for pick in picks {
            switch pick {
            case .builtin: if let extractor = builtins.next() { chosen.append(extractor) }
            case .plugin(let registration): chosen.append(try ExternalExtractor(registration: registration, timeout: pluginTimeout))
            }
        }
        for path in rules { chosen.append(try RulesExtractor(path: path)) }
        return chosen
    }
}
