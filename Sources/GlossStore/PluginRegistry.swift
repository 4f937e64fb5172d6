import Foundation

extension GlossStore {
    /// Stores the registration of an out-of-process plugin (JSON, as the plugin host writes it)
    /// under its id, replacing any earlier one.
    public func registerPlugin(id: String, registration: Data) throws {
        try write { ctx in try ctx.txn.put(schema.plugins, key: Array(id.utf8), value: Array(registration)) }
    }

    /// Every registered plugin, by id.
    public func registeredPlugins() throws -> [(id: String, registration: Data)] {
        try read { ctx in
            var result: [(String, Data)] = []
            try ctx.txn.scan(schema.plugins) { key, value in
                result.append((String(decoding: key, as: UTF8.self), Data(value)))
                return true
            }
            return result
        }
    }

    /// Removes a plugin's registration; returns false when none had that id. Its spans stay.
    @discardableResult
    public func unregisterPlugin(id: String) throws -> Bool {
        try write { ctx in try ctx.txn.delete(schema.plugins, key: Array(id.utf8)) }
    }
}
