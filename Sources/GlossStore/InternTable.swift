import LMDB
import Synchronization

/// Short integer ids for the strings every span repeats: labels, sources (`id@version`),
/// extractor ids and attribute keys. Stored in the `dict` database both ways
/// (`kind · name → id` and `kind|0x80 · id → name`) and cached in memory.
///
/// Ids created inside a write transaction enter the cache only after it commits
/// (``WriteContext`` keeps them pending), so an aborted write never leaves phantom ids.
final class InternTable: Sendable {
    enum Kind: UInt8, Sendable {
        case label = 0x4C      // "L"
        case source = 0x53     // "S"
        case extractor = 0x45  // "E"
        case attribute = 0x41  // "A"
    }

    struct Key: Hashable, Sendable {
        let kind: Kind
        let name: String
    }

    /// Names of each kind, indexed by id (ids are small and dense); `nil` where not cached.
    struct Names {
        private var label: [String?] = []
        private var source: [String?] = []
        private var extractor: [String?] = []
        private var attribute: [String?] = []

        subscript(_ kind: Kind) -> [String?] {
            get {
                switch kind {
                case .label: label
                case .source: source
                case .extractor: extractor
                case .attribute: attribute
                }
            }
            set {
                switch kind {
                case .label: label = newValue
                case .source: source = newValue
                case .extractor: extractor = newValue
                case .attribute: attribute = newValue
                }
            }
        }

        func name(_ kind: Kind, _ id: UInt32) -> String? {
            let names = self[kind]
            return Int(id) < names.count ? names[Int(id)] : nil
        }

        mutating func set(_ kind: Kind, _ id: UInt32, _ name: String) {
            let index = Int(id)
            switch kind {
            case .label: Self.set(&label, index, name)
            case .source: Self.set(&source, index, name)
            case .extractor: Self.set(&extractor, index, name)
            case .attribute: Self.set(&attribute, index, name)
            }
        }

        private static func set(_ names: inout [String?], _ index: Int, _ name: String) {
            if index >= names.count { names.append(contentsOf: repeatElement(nil, count: index + 1 - names.count)) }
            names[index] = name
        }
    }

    private struct Cache {
        /// The ids of the kinds with more than ``few`` ids, by name.
        private var ids: [Key: UInt32] = [:]
        private(set) var names = Names()
        /// The kinds whose names are in `ids`, one bit each (see ``bit(_:)``).
        private var indexed: UInt8 = 0
        /// Each kind's names as one ``NameSnapshot`` (at the kind's ``slot(_:)``), made when a
        /// query first asks and dropped when a name of the kind is added.
        private var snapshots: [NameSnapshot?] = [nil, nil, nil, nil]

        /// The names of `kind` as they are now, shared by the queries that ask until one is added.
        mutating func snapshot(_ kind: Kind) -> NameSnapshot {
            let slot = Self.slot(kind)
            if let snapshot = snapshots[slot] { return snapshot }
            let snapshot = NameSnapshot(names[kind])
            snapshots[slot] = snapshot
            return snapshot
        }

        /// A kind with few ids (labels, usually) is searched in its array of names: comparing a
        /// few short strings costs less than hashing one, and a store whose kinds all have few
        /// never fills `ids` — the first insertion into a table keyed by `Key` costs a process
        /// ~370k instructions (the runtime looks for `Key`'s `Hashable` conformance among every
        /// conformance in the program), which a query would otherwise pay before its first span.
        static let few = 16

        func id(_ key: Key) -> UInt32? {
            let names = names[key.kind]
            guard names.count <= Self.few else { return ids[key] }
            return names.firstIndex(where: { $0 == key.name }).map { UInt32($0) }
        }

        mutating func set(_ kind: Kind, _ id: UInt32, _ name: String) {
            names.set(kind, id, name)
            snapshots[Self.slot(kind)] = nil
            let kindNames = names[kind]
            guard kindNames.count > Self.few else { return }
            if indexed & Self.bit(kind) != 0 {
                ids[Key(kind: kind, name: name)] = id
                return
            }
            for (known, knownName) in kindNames.enumerated() {
                if let knownName { ids[Key(kind: kind, name: knownName)] = UInt32(known) }
            }
            indexed |= Self.bit(kind)
        }

        private static func bit(_ kind: Kind) -> UInt8 { 1 << UInt8(slot(kind)) }

        private static func slot(_ kind: Kind) -> Int {
            switch kind {
            case .label: 0
            case .source: 1
            case .extractor: 2
            case .attribute: 3
            }
        }
    }

    private let cache = Mutex(Cache())

    static func forwardKey(_ kind: Kind, _ name: String) -> [UInt8] { [kind.rawValue] + Array(name.utf8) }

    static func reverseKey(_ kind: Kind, _ id: UInt32) -> [UInt8] {
        var w = ByteWriter(capacity: 5)
        w.u8(kind.rawValue | 0x80)
        w.u32(id)
        return w.bytes
    }

    static func nextKey(_ kind: Kind) -> [UInt8] { Array("next_id_".utf8) + [kind.rawValue] }

    /// The id of `name`, from the cache or the database; `nil` when it was never interned.
    func id(_ kind: Kind, _ name: String, in txn: Transaction, schema: Schema) throws -> UInt32? {
        let key = Key(kind: kind, name: name)
        if let id = cache.withLock({ $0.id(key) }) { return id }
        guard let buffer = try txn.get(schema.dict, key: Self.forwardKey(kind, name)), buffer.count == 4 else { return nil }
        let id = ByteReader.u32(buffer, at: 0)
        cache.withLock { $0.set(kind, id, name) }
        return id
    }

    /// The name of an id, from the cache or the database.
    func name(_ kind: Kind, _ id: UInt32, in txn: Transaction, schema: Schema) throws -> String {
        if let name = cache.withLock({ $0.names.name(kind, id) }) { return name }
        guard let buffer = try txn.get(schema.dict, key: Self.reverseKey(kind, id)) else {
            throw StoreError.corrupt("interned id \(id) of kind \(Character(Unicode.Scalar(kind.rawValue))) has no name")
        }
        let name = String(decoding: buffer, as: UTF8.self)
        cache.withLock { $0.set(kind, id, name) }
        return name
    }

    /// The cached names of `kind`, shared with the other queries that ask before a name of the
    /// kind is added (nothing is copied).
    func cachedNames(_ kind: Kind) -> NameSnapshot {
        cache.withLock { $0.snapshot(kind) }
    }

    /// Every name of a kind with its id, read from the database.
    func all(_ kind: Kind, in txn: Transaction, schema: Schema) throws -> [(name: String, id: UInt32)] {
        var result: [(String, UInt32)] = []
        try txn.scan(schema.dict, prefix: [kind.rawValue | 0x80]) { key, value in
            guard key.count == 5 else { return true }
            result.append((String(decoding: value, as: UTF8.self), ByteReader.u32(key, at: 1)))
            return true
        }
        return result
    }

    /// Adds committed ids to the cache.
    func remember(_ entries: [Key: UInt32]) {
        guard !entries.isEmpty else { return }
        cache.withLock { cache in
            for (key, id) in entries { cache.set(key.kind, id, key.name) }
        }
    }
}
