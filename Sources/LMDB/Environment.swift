import CLMDB
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An LMDB environment: one memory-mapped file holding named databases, shared safely by many
/// reading processes and one writing process at a time.
///
/// Transactions are closures: ``read(_:)`` gives a consistent snapshot, ``write(_:)`` commits
/// atomically when the closure returns and aborts when it throws. A write that fills the map
/// (`MDB_MAP_FULL`) is aborted, the map is doubled, and the closure runs again — so a write
/// closure must only compute what it writes from its inputs and the transaction, never consume
/// external state it cannot replay.
///
/// `Environment` is `@unchecked Sendable`: LMDB allows an environment to be used from any
/// thread (it is opened with `MDB_NOTLS`), and the one operation that needs exclusion inside
/// the process — changing the map size while no transaction is open — is guarded by a
/// read-write lock that every transaction holds in shared mode.
public final class Environment: @unchecked Sendable {
    /// How to open an environment.
    public struct Options: Sendable {
        /// Initial map size in bytes; grows automatically. The file is sparse: a large map costs
        /// nothing on disk.
        public var mapSize: Int = 1 << 30
        /// The most named databases the environment may hold.
        public var maxDatabases: Int = 32
        /// The most concurrent read transactions across all processes.
        public var maxReaders: Int = 126
        /// Open without write access; ``write(_:)`` then fails.
        public var readOnly = false
        /// `path` names the data file itself (lock file beside it, `-lock` suffix) rather than
        /// a directory holding `data.mdb` and `lock.mdb`.
        public var noSubdirectory = false
        /// Do not flush to disk on commit: faster, but the last commits may be lost in a power
        /// failure (never corrupted). For tests and scratch stores.
        public var noSync = false
        /// File mode of newly created files.
        public var mode: mode_t = 0o644

        /// Default options: 1 GiB initial map, durable commits.
        public init() {}
    }

    private let env: OpaquePointer
    /// The path the environment was opened at.
    public let path: String
    /// The options it was opened with.
    public let options: Options
    private let resizeLock: UnsafeMutablePointer<pthread_rwlock_t>
    /// Where the data file is mapped (see ``releaseMappedPages()``); forgotten when the map is resized.
    private let mappedRanges = Mutex<[Range<UInt>]?>(nil)
    /// Reset read transactions for ``read(_:)`` to renew.
    private let readers = ReaderPool(capacity: 4)

    /// Opens (and, unless read-only, creates) the environment at `path`. A directory path must
    /// exist already unless `noSubdirectory` is set.
    public init(path: String, options: Options = Options()) throws {
        var pointer: OpaquePointer?
        try LMDBError.check(mdb_env_create(&pointer), "creating an LMDB environment")
        guard let env = pointer else { throw LMDBError(code: ENOMEM, operation: "creating an LMDB environment") }
        var flags = UInt32(MDB_NOTLS)
        if options.readOnly { flags |= UInt32(MDB_RDONLY) }
        if options.noSubdirectory { flags |= UInt32(MDB_NOSUBDIR) }
        if options.noSync { flags |= UInt32(MDB_NOSYNC) }
        do {
            try LMDBError.check(mdb_env_set_maxdbs(env, MDB_dbi(options.maxDatabases)), "setting the database limit")
            try LMDBError.check(mdb_env_set_maxreaders(env, UInt32(options.maxReaders)), "setting the reader limit")
            try LMDBError.check(mdb_env_set_mapsize(env, options.mapSize), "setting the map size")
            try LMDBError.check(mdb_env_open(env, path, flags, options.mode), "opening the LMDB environment at \(path)")
        } catch {
            mdb_env_close(env)
            throw error
        }
        self.env = env
        self.path = path
        self.options = options
        resizeLock = .allocate(capacity: 1)
        pthread_rwlock_init(resizeLock, nil)
    }

    deinit {
        readers.drain()
        mdb_env_close(env)
        pthread_rwlock_destroy(resizeLock)
        resizeLock.deallocate()
    }

    // MARK: Transactions

    /// Runs `body` in a read-only transaction: a consistent snapshot of the last commit.
    /// Values handed out inside point into the map and are valid only inside `body`.
    public func read<R>(_ body: (Transaction) throws -> R) throws -> R {
        try withTransaction(readOnly: true, renewing: true) { txn in
            defer { readers.giveBack(txn.pointer) }
            return try body(txn)
        }
    }

    /// Runs `body` in a write transaction and commits it; aborts when `body` throws. Only one
    /// write transaction runs at a time across all processes: this call waits for the lock.
    /// On `MDB_MAP_FULL` the map is doubled and `body` runs again from the start.
    public func write<R>(_ body: (Transaction) throws -> R) throws -> R {
        var attempts = 0
        while true {
            do {
                return try withTransaction(readOnly: false) { txn in
                    let result: R
                    do {
                        result = try body(txn)
                    } catch {
                        mdb_txn_abort(txn.pointer)
                        throw error
                    }
                    // mdb_txn_commit frees the transaction whether it succeeds or fails.
                    try LMDBError.check(mdb_txn_commit(txn.pointer), "committing a write transaction")
                    return result
                }
            } catch let error as LMDBError where error.isMapFull && attempts < 24 {
                attempts += 1
                try growMap()
            }
        }
    }

    /// Begins a transaction under the shared side of the resize lock and hands it to `body`,
    /// which must end it. A read `renewing` a transaction kept by ``readers`` renews it rather
    /// than begin one. When another process has grown the map (`MDB_MAP_RESIZED`), adopts the
    /// new size under the exclusive side and begins again.
    private func withTransaction<R>(readOnly: Bool, renewing: Bool = false, _ body: (Transaction) throws -> R) throws -> R {
        while true {
            pthread_rwlock_rdlock(resizeLock)
            var pointer = renewing ? readers.renew() : nil
            let code = pointer != nil ? 0 : mdb_txn_begin(env, nil, readOnly ? UInt32(MDB_RDONLY) : 0, &pointer)
            if code == MDB_MAP_RESIZED {
                pthread_rwlock_unlock(resizeLock)
                try resize { _ in 0 }  // 0 adopts the size another process set
                continue
            }
            defer { pthread_rwlock_unlock(resizeLock) }
            try LMDBError.check(code, readOnly ? "starting a read transaction" : "starting a write transaction")
            guard let pointer else { throw LMDBError(code: EINVAL, operation: "starting a transaction") }
            return try body(Transaction(pointer: pointer, readOnly: readOnly))
        }
    }

    /// Doubles the map size (waits until no transaction of this process is open).
    public func growMap() throws {
        try resize { $0 * 2 }
    }

    /// Sets the map size to `newSize(current)` while no transaction of this process is open.
    private func resize(_ newSize: (Int) -> Int) throws {
        pthread_rwlock_wrlock(resizeLock)
        defer { pthread_rwlock_unlock(resizeLock) }
        let size = newSize(info().mapSize)
        mappedRanges.withLock { $0 = nil }
        try LMDBError.check(mdb_env_set_mapsize(env, size), "setting the map size to \(size) bytes")
    }

    // MARK: Databases

    /// Opens a named database, creating it when `flags` contains `.create` (which needs a
    /// writable environment). The handle stays valid for the life of the environment.
    public func openDatabase(_ name: String, flags: DatabaseFlags = []) throws -> Database {
        let open: (Transaction) throws -> Database = { txn in
            var dbi: MDB_dbi = 0
            try LMDBError.check(mdb_dbi_open(txn.pointer, name, flags.rawValue, &dbi), "opening database \(name.debugDescription)")
            try Self.useByteOrder(txn, dbi, name)
            return Database(handle: dbi, name: name)
        }
        guard options.readOnly else { return try write(open) }
        // A handle opened in a read-only transaction survives only if that transaction commits.
        return try withTransaction(readOnly: true) { txn in
            let database: Database
            do { database = try open(txn) } catch { mdb_txn_abort(txn.pointer); throw error }
            try LMDBError.check(mdb_txn_commit(txn.pointer), "opening database \(name.debugDescription)")
            return database
        }
    }

    /// Gives a database opened in `txn` a faster comparison of keys, and of sorted duplicates,
    /// in the same order as LMDB's default (`gloss_byte_order_compare` in CLMDB's `shim.h`:
    /// eight bytes at a time instead of `memcmp` behind a wrapper; a lookup compares some fifty
    /// keys). The order being the same, nothing is stored differently and any LMDB program
    /// (`mdb_dump`, one using the default comparison) reads and writes the store alike.
    /// Databases ordered otherwise (`MDB_REVERSEKEY`, `MDB_INTEGERKEY`, and their duplicate
    /// counterparts) keep LMDB's comparison.
    private static func useByteOrder(_ txn: Transaction, _ dbi: MDB_dbi, _ name: String) throws {
        var stored: UInt32 = 0
        try LMDBError.check(mdb_dbi_flags(txn.pointer, dbi, &stored), "reading the flags of database \(name.debugDescription)")
        if stored & UInt32(MDB_REVERSEKEY | MDB_INTEGERKEY) == 0 {
            try LMDBError.check(mdb_set_compare(txn.pointer, dbi, gloss_byte_order_compare), "setting the key order of database \(name.debugDescription)")
        }
        if stored & UInt32(MDB_DUPSORT) != 0, stored & UInt32(MDB_REVERSEDUP | MDB_INTEGERDUP) == 0 {
            try LMDBError.check(mdb_set_dupsort(txn.pointer, dbi, gloss_byte_order_compare), "setting the value order of database \(name.debugDescription)")
        }
    }

    // MARK: Maintenance

    /// Sizes and positions of the environment.
    public struct Info: Sendable {
        /// The current map size in bytes.
        public let mapSize: Int
        /// The number of the last page used; `(lastPage + 1) * pageSize` bytes are in use.
        public let lastPage: Int
        /// The last committed transaction id.
        public let lastTransaction: Int
        /// Reader slots in use.
        public let readers: Int
        /// The page size in bytes.
        public let pageSize: Int
    }

    /// The environment's sizes and positions.
    public func info() -> Info {
        var info = MDB_envinfo()
        mdb_env_info(env, &info)
        var stat = MDB_stat()
        mdb_env_stat(env, &stat)
        return Info(mapSize: info.me_mapsize, lastPage: info.me_last_pgno, lastTransaction: info.me_last_txnid,
                    readers: Int(info.me_numreaders), pageSize: Int(stat.ms_psize))
    }

    /// Bytes of the store's file in use: `(lastPage + 1) * pageSize`.
    public var usedBytes: Int {
        let info = info()
        return (info.lastPage + 1) * info.pageSize
    }

    /// Clears reader slots left behind by processes that died; returns how many were cleared.
    @discardableResult
    public func clearStaleReaders() throws -> Int {
        var dead: Int32 = 0
        try LMDBError.check(mdb_reader_check(env, &dead), "checking for stale readers")
        return Int(dead)
    }

    /// Drops this process's mappings of the data file's pages, so that pages read through the
    /// memory map stop counting in the process's resident memory (they stay in the kernel's page
    /// cache, and are mapped again from there the next time they are read).
    ///
    /// Safe at any time, with transactions open: the environment is never opened with
    /// `MDB_WRITEMAP`, so the map is a read-only shared mapping of the file — it holds no data
    /// of its own that dropping could lose, and a page read after this is read again from the
    /// file's cache. A long write job calls it after commits, because the pages its writes read
    /// (every page a B-tree insert walks or copies) otherwise stay mapped and the resident size
    /// grows with the store. Linux only (LMDB does not report where it mapped the file, so the
    /// mapping is found in `/proc/self/maps`); elsewhere it does nothing.
    ///
    /// The map cannot move meanwhile: this holds the resize lock in shared mode, as transactions
    /// do (so the ranges found once stay valid until a resize forgets them).
    public func releaseMappedPages() {
        #if os(Linux)
        pthread_rwlock_rdlock(resizeLock)
        defer { pthread_rwlock_unlock(resizeLock) }
        let ranges = mappedRanges.withLock { cached in
            if let cached { return cached }
            var fd: Int32 = -1
            var status = stat()
            guard mdb_env_get_fd(env, &fd) == 0, fstat(fd, &status) == 0 else { return [] }
            let found = Self.mappings(ofDevice: UInt64(status.st_dev), inode: UInt64(status.st_ino))
            cached = found
            return found
        }
        for range in ranges {
            _ = madvise(UnsafeMutableRawPointer(bitPattern: range.lowerBound), range.count, MADV_DONTNEED)
        }
        #endif
    }

    #if os(Linux)
    /// The address ranges where this process maps the file `device`/`inode`, from `/proc/self/maps`
    /// (lines `start-end perms offset major:minor inode path`, numbers in hex except the inode).
    private static func mappings(ofDevice device: UInt64, inode: UInt64) -> [Range<UInt>] {
        let fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var text: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            text.append(contentsOf: chunk[..<n])
        }
        // Linux's encoding of dev_t (glibc's gnu_dev_major/minor).
        let major = ((device >> 8) & 0xFFF) | ((device >> 32) & ~UInt64(0xFFF))
        let minor = (device & 0xFF) | ((device >> 12) & ~UInt64(0xFF))
        var ranges: [Range<UInt>] = []
        for line in text.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count >= 5 else { continue }
            let addresses = fields[0].split(separator: UInt8(ascii: "-"))
            let numbers = fields[3].split(separator: UInt8(ascii: ":"))
            guard addresses.count == 2, numbers.count == 2,
                  number(fields[4], radix: 10) == inode, number(numbers[0], radix: 16) == major, number(numbers[1], radix: 16) == minor,
                  let low = number(addresses[0], radix: 16), let high = number(addresses[1], radix: 16), low < high else { continue }
            ranges.append(UInt(low)..<UInt(high))
        }
        return ranges
    }

    private static func number(_ digits: ArraySlice<UInt8>, radix: UInt64) -> UInt64? {
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt64(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
            guard digit < radix else { return nil }
            value = value &* radix &+ digit
        }
        return value
    }
    #endif

    /// Flushes committed data to disk (useful with `noSync`).
    public func sync() throws {
        try LMDBError.check(mdb_env_sync(env, 1), "flushing the environment to disk")
    }

    /// Writes a consistent copy of the environment into the existing, empty directory `path`
    /// (or the file `path` with `noSubdirectory`), optionally compacted. Readers and writers may
    /// keep working meanwhile.
    public func copy(to path: String, compact: Bool = true) throws {
        try LMDBError.check(mdb_env_copy2(env, path, compact ? UInt32(MDB_CP_COMPACT) : 0), "copying the environment to \(path)")
    }
}
