import Foundation

/// How to start an out-of-process plugin, and what it said about itself when registered.
public struct PluginRegistration: Codable, Sendable, Hashable {
    /// The plugin's id (from its handshake): the name `annotate --extractors` uses.
    public var id: String
    /// The command and its arguments.
    public var command: [String]
    /// Extra environment variables for the plugin process.
    public var environment: [String: String]
    /// Options sent in the handshake.
    public var options: [String: String]
    /// The version it reported when registered (the live handshake wins when it runs).
    public var version: String
    /// Labels it produces.
    public var labels: [String]
    /// Labels of other extractors' spans it needs.
    public var needs: [String]

    /// Creates a registration.
    public init(id: String, command: [String], environment: [String: String] = [:], options: [String: String] = [:],
                version: String, labels: [String], needs: [String] = []) {
        self.id = id
        self.command = command
        self.environment = environment
        self.options = options
        self.version = version
        self.labels = labels
        self.needs = needs
    }
}

/// Why a plugin could not be used or failed on a document.
public struct PluginError: Error, CustomStringConvertible, Sendable {
    /// The plugin (id, or command when the id is not known yet).
    public let plugin: String
    /// The document, when the failure concerns one.
    public let document: String?
    /// What happened.
    public let problem: String

    /// Creates an error.
    public init(plugin: String, document: String? = nil, problem: String) {
        self.plugin = plugin
        self.document = document
        self.problem = problem
    }

    public var description: String {
        "plugin \(plugin)" + (document.map { " on \($0)" } ?? "") + ": " + problem
    }
}
