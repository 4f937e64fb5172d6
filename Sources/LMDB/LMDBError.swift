import CLMDB

/// An error reported by LMDB, carrying the C return code and a readable message.
///
/// `code` is the value the C function returned: one of LMDB's own codes (`MDB_MAP_FULL`,
/// `MDB_NOTFOUND`, …) or a system `errno` (`ENOENT`, `EACCES`, `ENOSPC`, …). `message` is
/// LMDB's text for it (`mdb_strerror`) and `operation` says what Gloss was doing.
public struct LMDBError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The C return code.
    public let code: Int32
    /// What was being done, e.g. `"opening the environment at /data/gloss.lmdb"`.
    public let operation: String

    /// Creates an error for a C return code.
    public init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
    }

    /// LMDB's description of the code (`mdb_strerror`).
    public var message: String { String(cString: mdb_strerror(code)) }

    public var description: String { "\(operation): \(message) (LMDB code \(code))" }

    /// The map is full: the environment needs a larger map size.
    public var isMapFull: Bool { code == MDB_MAP_FULL }
    /// The key was not found.
    public var isNotFound: Bool { code == MDB_NOTFOUND }
    /// The key exists and `noOverwrite` was given.
    public var isKeyExists: Bool { code == MDB_KEYEXIST }
    /// The file is not an LMDB environment, or is of an incompatible version.
    public var isInvalidFile: Bool { code == MDB_INVALID || code == MDB_VERSION_MISMATCH }

    /// Throws an ``LMDBError`` when `code` is not `MDB_SUCCESS`.
    @inline(__always)
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws {
        if code != MDB_SUCCESS { throw LMDBError(code: code, operation: operation()) }
    }
}
