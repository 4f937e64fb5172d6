import CLMDB

/// A named database (a B-tree of sorted keys) inside an ``Environment``.
///
/// A handle is a small integer, valid for the life of the environment; obtain it once with
/// ``Environment/openDatabase(_:flags:)`` and use it in any transaction.
public struct Database: Sendable, Hashable {
    /// The LMDB handle (`MDB_dbi`).
    public let handle: MDB_dbi
    /// The database's name.
    public let name: String
}

/// How a named database stores keys and values.
public struct DatabaseFlags: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// Create the database if it does not exist.
    public static let create = DatabaseFlags(rawValue: UInt32(MDB_CREATE))
    /// Keys may have several sorted values.
    public static let duplicateSort = DatabaseFlags(rawValue: UInt32(MDB_DUPSORT))
    /// With ``duplicateSort``: every value has the same size, so values are packed without headers.
    public static let duplicateFixed = DatabaseFlags(rawValue: UInt32(MDB_DUPFIXED))
    /// Keys are compared as strings read backwards.
    public static let reverseKey = DatabaseFlags(rawValue: UInt32(MDB_REVERSEKEY))
}

/// Options of a single put.
public struct PutFlags: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// Fail with `MDB_KEYEXIST` rather than overwrite an existing key.
    public static let noOverwrite = PutFlags(rawValue: UInt32(MDB_NOOVERWRITE))
    /// The key is known to sort after every key in the database: a fast append.
    public static let append = PutFlags(rawValue: UInt32(MDB_APPEND))
    /// In a database of sorted duplicates: the value is expected to sort after every value of
    /// its key. Then a full page is split so that the old page stays full (not in its middle);
    /// if the value does not sort last, the put fails with `MDB_KEYEXIST` and writes nothing.
    public static let appendDuplicate = PutFlags(rawValue: UInt32(MDB_APPENDDUP))
}
