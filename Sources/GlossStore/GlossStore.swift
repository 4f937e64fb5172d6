import Foundation
import GlossKit
import LMDB

/// A Gloss store: documents and their annotated spans in one LMDB environment.
///
/// Open one with ``init(path:options:)``; it is safe to share between threads, and several
/// processes may open the same path — any number of them reading while one writes. Every
/// write is one atomic transaction: a crash or a thrown error never leaves half of it behind.
///
/// ```swift
/// let store = try GlossStore(path: "corpus.gloss")
/// try store.addDocument(name: "note-1", text: "قال الوزير إن ٣ آلاف جندي وصلوا إلى بغداد")
/// let report = try Annotator(store: store, extractors: [MyExtractor()]).annotate(storedDocuments: ["note-1"])
/// for span in try store.spans(SpanQuery(labels: ["NUMBER"])) { print(span.text, span.value?.text ?? "") }
/// ```
public final class GlossStore: Sendable {
    /// How to open a store.
    public struct Options: Sendable {
        /// Create the store (directory and databases) when it does not exist.
        public var create = true
        /// Initial map size; the map grows automatically when full.
        public var initialMapSize = 1 << 30
        /// Flush to disk at every commit (the default). Turning it off is faster and still never
        /// corrupts the store, but a power failure may lose the last commits.
        public var durable = true
        /// Keep a long query's resident memory flat: in a store over 64 MiB, the store's pages a
        /// query has read leave the process's resident set every 4,096 entries (they stay in the
        /// operating system's page cache, so nothing is read from disk again; touching them
        /// again costs a page fault). Off by default, as LMDB behaves: a long-lived process that
        /// queries a store again and again is faster with the pages left mapped. The `gloss`
        /// command turns it on.
        public var releasesReadPages = false
        /// Default options: create when missing, durable commits.
        public init() {}
    }

    /// The directory holding the store's files (`data.mdb`, `lock.mdb`).
    public let path: String
    let environment: Environment
    let schema: Schema
    let dictionary = InternTable()
    /// See ``Options/releasesReadPages``.
    let releasesReadPages: Bool
    /// Why the store could only be opened for reading (a read-only disk, no write permission),
    /// or nil when it can be written: every write is then refused with this reason.
    let readOnlyReason: String?

    /// Opens the store at `path`, creating it when `options.create` is true and it is missing.
    /// A store is created only in a new or empty directory, never among other files.
    public init(path: String, options: Options = Options()) throws {
        guard !path.isEmpty else { throw StoreError.emptyPath }
        self.path = path
        releasesReadPages = options.releasesReadPages
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw StoreError.notAStore(path: path, reason: "it is a file, and a store is a directory")
        }
        let hasData = FileManager.default.fileExists(atPath: path + "/data.mdb")
        if !hasData && !options.create { throw StoreError.noStore(path: path) }
        if exists && !hasData {
            let foreign = Self.foreignFiles(in: path)
            if !foreign.isEmpty { throw StoreError.cannotCreate(path: path, reason: Self.occupied(by: foreign)) }
        }
        if !exists {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw StoreError.cannotCreate(path: path, reason: "cannot create the directory (\(Self.reason(error)))")
            }
        }
        var envOptions = Environment.Options()
        envOptions.mapSize = options.initialMapSize
        envOptions.noSync = !options.durable
        if !hasData {
            // LMDB extends lock.mdb with ftruncate and writes it through a memory map: on a full
            // disk the first write would kill the process (SIGBUS). Reserve its blocks first, so
            // that a full disk is an error here instead.
            try Self.reserveLockFile(in: path)
        }
        var readOnlyReason: String?
        do {
            let opened: (Environment, Schema)
            do {
                let environment = try Self.openEnvironment(path: path, options: envOptions)
                opened = (environment, try Schema(environment: environment, create: true))
            } catch let error as LMDBError where (error.code == EACCES || error.code == EROFS) && !options.create && hasData {
                // A store we may only read (read-only disk or permissions): open it read-only.
                readOnlyReason = error.message
                envOptions.readOnly = true
                let environment = try Self.openEnvironment(path: path, options: envOptions)
                // An older schema may lack databases of this one: say so before opening them.
                if let found = try Schema.storedVersion(in: environment), found != Schema.version {
                    throw StoreError.schemaMismatch(path: path, found: found, expected: Schema.version)
                }
                opened = (environment, try Schema(environment: environment, create: false))
            }
            (environment, schema) = opened
            self.readOnlyReason = readOnlyReason
        } catch let error as LMDBError {
            if error.code == ENOSPC || error.code == EDQUOT { throw StoreError.diskFull(path: path) }
            if error.isInvalidFile { throw StoreError.notAStore(path: path, reason: "data.mdb is not an LMDB file, or is damaged (\(error.message))") }
            if error.code == EACCES || error.code == EROFS {
                if hasData { throw StoreError.readOnly(path: path, reason: error.message) }
                throw StoreError.cannotCreate(path: path, reason: "cannot write in the directory (\(error.message))")
            }
            throw StoreError.lmdb(error)
        }
        try checkSchema()
    }

    /// Opens the environment, refuses a truncated data file, and clears stale reader slots.
    private static func openEnvironment(path: String, options: Environment.Options) throws -> Environment {
        let environment = try Environment(path: path, options: options)
        // A data file shorter than the pages its meta page claims would fault (SIGBUS) when
        // those pages are touched: refuse it before reading anything else.
        let info = environment.info()
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: path + "/data.mdb")[.size] as? Int) ?? 0
        if fileBytes < (info.lastPage + 1) * info.pageSize {
            throw StoreError.notAStore(path: path, reason: "data.mdb is truncated (\(fileBytes) bytes, but it records \((info.lastPage + 1) * info.pageSize)); restore it from a backup")
        }
        if !options.readOnly { try environment.clearStaleReaders() }
        return environment
    }

    /// The files a store directory holds (a directory holding only the last two is left from
    /// an attempt to create a store that failed).
    static let storeFiles: Set<String> = ["data.mdb", "lock.mdb", "writer.lock"]

    /// The names in the directory at `path` that are not a store's own files, sorted: a new
    /// store is made only where there are none, so that it never mixes its files with a user's.
    static func foreignFiles(in path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { !storeFiles.contains($0) }.sorted()
    }

    /// Why no store is created in a directory holding the `foreign` files.
    static func occupied(by foreign: [String]) -> String {
        let shown = foreign.prefix(3).joined(separator: ", ") + (foreign.count > 3 ? " and \(foreign.count - 3) more" : "")
        return "the directory already holds other files (\(shown)) and no store; a new store needs a new or empty "
            + "directory — give another path, or the path of an existing store"
    }

    /// Why a file operation failed, in the system's words (`strerror`) when it reported an
    /// `errno`, for error messages.
    static func reason(_ error: any Error) -> String {
        posixCode(of: error).map { String(cString: strerror($0)) } ?? (error as NSError).localizedDescription
    }

    /// The `errno` a Foundation file operation failed with — the error's own code, or its
    /// underlying error's — or nil when it reported none.
    public static func posixCode(of error: any Error) -> Int32? {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return Int32(nsError.code) }
        // (On Linux the underlying error may be a Swift error, which `as? NSError` does not match.)
        if let underlying = (nsError.userInfo[NSUnderlyingErrorKey] as? any Error).map({ $0 as NSError }),
           underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        return nil
    }

    private static func reserveLockFile(in path: String) throws {
        let lock = path + "/lock.mdb"
        let fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }  // LMDB will report why it cannot open the lock file
        defer { close(fd) }
        let result = posix_fallocate(fd, 0, 1 << 16)
        if result == ENOSPC || result == EDQUOT {
            throw StoreError.diskFull(path: path)
        }
    }

    /// Turns LMDB's report of a failed write on a full disk (often plain EIO: the short write
    /// comes back as an I/O error) into a message that says so, when the disk is indeed full.
    func explain(_ error: LMDBError) -> StoreError {
        guard error.code == EIO || error.code == ENOSPC || error.code == EDQUOT else { return .lmdb(error) }
        var stats = statvfs()
        if statvfs(path, &stats) == 0, UInt64(stats.f_bavail) * UInt64(stats.f_frsize) < 4 << 20 {
            return .diskFull(path: path)
        }
        return .lmdb(error)
    }

    private func checkSchema() throws {
        let found: UInt32? = try read { ctx in
            try ctx.txn.get(schema.meta, key: MetaKey.schemaVersion).map { ByteReader.u32($0, at: 0) }
        }
        switch found {
        case Schema.version?: return
        case let version? where version < Schema.version && !environment.options.readOnly:
            try SchemaUpgrade.upgrade(self, from: version)
        case let version?: throw StoreError.schemaMismatch(path: path, found: version, expected: Schema.version)
        case nil:
            try write { ctx in
                var w = ByteWriter()
                w.u32(Schema.version)
                try ctx.txn.put(schema.meta, key: MetaKey.schemaVersion, value: w.bytes)
            }
        }
    }

    // MARK: Transactions

    /// Runs `body` in a read transaction (a consistent snapshot).
    func read<R>(_ body: (ReadContext) throws -> R) throws -> R {
        do {
            return try environment.read { txn in try body(ReadContext(txn: txn, store: self)) }
        } catch let error as LMDBError {
            throw StoreError.lmdb(error)
        }
    }

    /// Runs `body` in a write transaction; ids it interns reach the cache once it commits.
    func write<R>(_ body: (WriteContext) throws -> R) throws -> R {
        if let readOnlyReason { throw StoreError.readOnly(path: path, reason: readOnlyReason) }
        var pending: [InternTable.Key: UInt32] = [:]
        do {
            let result = try environment.write { txn in
                let ctx = try WriteContext(txn: txn, store: self)
                let result = try body(ctx)
                try ctx.finish()
                pending = ctx.pendingInterns
                return result
            }
            dictionary.remember(pending)
            return result
        } catch let error as LMDBError {
            throw explain(error)
        }
    }

    // MARK: Documents

    /// Adds a document, or replaces the text of the document with this name. Adding the same
    /// text again changes nothing; new text replaces the old and drops all its spans.
    @discardableResult
    public func addDocument(name: String, text: String, metadata: [String: String] = [:]) throws -> DocumentChange {
        try write { ctx in try ctx.putDocument(name: name, text: text, hash: ContentHash.of(text), metadata: metadata).change }
    }

    /// Removes a document and all its spans; returns false when there was none by that name.
    @discardableResult
    public func removeDocument(name: String) throws -> Bool {
        try write { ctx in try ctx.removeDocument(name: name) }
    }

    /// The text of a document, exactly as added.
    public func text(ofDocument name: String) throws -> String {
        try read { ctx in
            guard let id = try ctx.documentID(name) else { throw StoreError.unknownDocument(name) }
            return try ctx.text(of: id)
        }
    }

    /// Whether the store holds a document with this name.
    public func containsDocument(named name: String) throws -> Bool {
        try read { ctx in try ctx.documentID(name) != nil }
    }

    /// Every document, in the order they were first added.
    public func documents() throws -> [DocumentSummary] {
        try read { ctx in try ctx.documentSummaries() }
    }

    /// Counts and sizes.
    public func statistics() throws -> StoreStatistics {
        try read { ctx in try ctx.statistics() }
    }

    /// Every recorded extractor run, oldest first.
    public func runs() throws -> [RunRecord] {
        try read { ctx in
            var runs: [RunRecord] = []
            try ctx.txn.scan(schema.runs) { _, value in
                runs.append(try JSONDecoder().decode(RunRecord.self, from: Data(value)))
                return true
            }
            return runs
        }
    }

    /// Every label that has ever been written to the store.
    public func labels() throws -> [String] {
        try read { ctx in try dictionary.all(.label, in: ctx.txn, schema: schema).map(\.name).sorted() }
    }

    /// Every source that has ever written spans (`extractor@version` or an import name).
    public func sources() throws -> [String] {
        try read { ctx in try dictionary.all(.source, in: ctx.txn, schema: schema).map(\.name).sorted() }
    }
}
