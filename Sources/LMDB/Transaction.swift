import CLMDB
#if canImport(Glibc)
import Glibc
#endif

/// A read or write transaction, handed to the closures of ``Environment/read(_:)`` and
/// ``Environment/write(_:)``.
///
/// Byte buffers returned by ``get(_:key:)`` and cursors point straight into the memory map:
/// no copy is made, and they are valid only until the transaction ends or the next write in it.
/// A transaction belongs to the closure it was given to: never store it or use it elsewhere.
public final class Transaction {
    let pointer: OpaquePointer
    /// True for read-only transactions.
    public let isReadOnly: Bool

    init(pointer: OpaquePointer, readOnly: Bool) {
        self.pointer = pointer
        self.isReadOnly = readOnly
    }

    /// The value stored under `key`, or `nil`. Valid only inside this transaction.
    public func get(_ db: Database, key: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer? {
        var k = MDB_val(key)
        var v = MDB_val()
        let code = mdb_get(pointer, db.handle, &k, &v)
        if code == MDB_NOTFOUND { return nil }
        try LMDBError.check(code, "reading from \(db.name)")
        return v.buffer
    }

    /// The value stored under `key`, or `nil`.
    public func get(_ db: Database, key: [UInt8]) throws -> UnsafeRawBufferPointer? {
        try key.withUnsafeBytes { try get(db, key: $0) }
    }

    /// Stores `value` under `key`. With `.noOverwrite`, an existing key throws `MDB_KEYEXIST`.
    public func put(_ db: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: PutFlags = []) throws {
        var k = MDB_val(key)
        var v = MDB_val(value)
        try LMDBError.check(mdb_put(pointer, db.handle, &k, &v, flags.rawValue), "writing to \(db.name)")
    }

    /// Stores `value` under `key`.
    public func put(_ db: Database, key: [UInt8], value: [UInt8], flags: PutFlags = []) throws {
        try key.withUnsafeBytes { k in
            try value.withUnsafeBytes { v in try put(db, key: k, value: v, flags: flags) }
        }
    }

    /// Deletes `key`; returns false when it was not there.
    @discardableResult
    public func delete(_ db: Database, key: UnsafeRawBufferPointer) throws -> Bool {
        var k = MDB_val(key)
        let code = mdb_del(pointer, db.handle, &k, nil)
        if code == MDB_NOTFOUND { return false }
        try LMDBError.check(code, "deleting from \(db.name)")
        return true
    }

    /// Deletes one value of `key` in a database with sorted duplicates; returns false when
    /// that pair was not there.
    @discardableResult
    public func delete(_ db: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws -> Bool {
        var k = MDB_val(key)
        var v = MDB_val(value)
        let code = mdb_del(pointer, db.handle, &k, &v)
        if code == MDB_NOTFOUND { return false }
        try LMDBError.check(code, "deleting from \(db.name)")
        return true
    }

    /// True when the database holds exactly this key and value (for sorted duplicates).
    public func contains(_ db: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws -> Bool {
        try withCursor(db) { cursor in
            var k = MDB_val(key)
            var v = MDB_val(value)
            let code = mdb_cursor_get(cursor.pointer, &k, &v, MDB_GET_BOTH)
            if code == MDB_NOTFOUND { return false }
            try LMDBError.check(code, "reading \(db.name)")
            return true
        }
    }

    /// Deletes `key`; returns false when it was not there.
    @discardableResult
    public func delete(_ db: Database, key: [UInt8]) throws -> Bool {
        try key.withUnsafeBytes { try delete(db, key: $0) }
    }

    /// Removes every entry of the database (the database itself stays).
    public func clear(_ db: Database) throws {
        try LMDBError.check(mdb_drop(pointer, db.handle, 0), "clearing \(db.name)")
    }

    /// Deletes the database itself with its entries (its handle is closed: do not use it again).
    public func drop(_ db: Database) throws {
        try LMDBError.check(mdb_drop(pointer, db.handle, 1), "deleting database \(db.name)")
    }

    /// The number of entries in the database.
    public func count(_ db: Database) throws -> Int {
        var stat = MDB_stat()
        try LMDBError.check(mdb_stat(pointer, db.handle, &stat), "reading statistics of \(db.name)")
        return stat.ms_entries
    }

    /// Pages used by the database (branch, leaf and overflow), for size reports.
    public func pageCount(_ db: Database) throws -> Int {
        var stat = MDB_stat()
        try LMDBError.check(mdb_stat(pointer, db.handle, &stat), "reading statistics of \(db.name)")
        return stat.ms_branch_pages + stat.ms_leaf_pages + stat.ms_overflow_pages
    }

    /// Pages of the file that no tree uses as of this transaction: freed by earlier commits and
    /// waiting to be reused (LMDB's free list, which lists them by the transaction that freed
    /// them: each value is a count followed by that many page numbers).
    public func freePageCount() throws -> Int {
        var cursorPointer: OpaquePointer?
        try LMDBError.check(mdb_cursor_open(pointer, 0, &cursorPointer), "opening a cursor on the free list")
        guard let cursorPointer else { throw LMDBError(code: EINVAL, operation: "opening a cursor on the free list") }
        defer { mdb_cursor_close(cursorPointer) }
        var key = MDB_val()
        var value = MDB_val()
        var pages = 0
        var code = mdb_cursor_get(cursorPointer, &key, &value, MDB_FIRST)
        while code == 0 {
            if value.mv_size >= MemoryLayout<Int>.size, let data = value.mv_data {
                pages += data.loadUnaligned(as: Int.self)
            }
            code = mdb_cursor_get(cursorPointer, &key, &value, MDB_NEXT)
        }
        if code != MDB_NOTFOUND { try LMDBError.check(code, "reading the free list") }
        return pages
    }

    /// Runs `body` with a cursor over `db`, closed when `body` returns.
    public func withCursor<R>(_ db: Database, _ body: (Cursor) throws -> R) throws -> R {
        let cursor = try openCursor(db)
        defer { mdb_cursor_close(cursor.pointer) }
        return try body(cursor)
    }

    /// Runs `body` with `count` cursors over `db`, all closed when `body` returns: for reading
    /// many sorted ranges of one database side by side (a k-way merge).
    public func withCursors<R>(_ db: Database, count: Int, _ body: ([Cursor]) throws -> R) throws -> R {
        var cursors: [Cursor] = []
        cursors.reserveCapacity(count)
        defer { for cursor in cursors { mdb_cursor_close(cursor.pointer) } }
        for _ in 0..<count { cursors.append(try openCursor(db)) }
        return try body(cursors)
    }

    /// A new cursor over `db`; the caller closes it.
    private func openCursor(_ db: Database) throws -> Cursor {
        var cursorPointer: OpaquePointer?
        try LMDBError.check(mdb_cursor_open(pointer, db.handle, &cursorPointer), "opening a cursor on \(db.name)")
        guard let cursorPointer else { throw LMDBError(code: EINVAL, operation: "opening a cursor on \(db.name)") }
        return Cursor(pointer: cursorPointer, database: db)
    }

    /// Visits entries in key order starting at the first key `>= from` (or the first key), for
    /// as long as `body` returns true.
    public func scan(_ db: Database, from: UnsafeRawBufferPointer? = nil,
                     _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Bool) throws {
        try withCursor(db) { cursor in
            var entry = try from.map { try cursor.seek(atOrAfter: $0) } ?? cursor.first()
            while let (key, value) = entry, try body(key, value) {
                entry = try cursor.next()
            }
        }
    }

    /// Visits, in key order, every entry whose key starts with `prefix`, for as long as `body`
    /// returns true.
    public func scan(_ db: Database, prefix: [UInt8],
                     _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Bool) throws {
        try prefix.withUnsafeBytes { p in
            try scan(db, from: p.isEmpty ? nil : p) { key, value in
                guard key.starts(with: p) else { return false }
                return try body(key, value)
            }
        }
    }
}

/// A position in a database, for ordered scans. Obtain one with ``Transaction/withCursor(_:_:)``.
public struct Cursor {
    @usableFromInline let pointer: OpaquePointer
    /// The database the cursor reads.
    public let database: Database

    /// An entry: key and value buffers, valid inside the transaction only.
    public typealias Entry = (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)

    // The moves are inlinable: a query makes several per span, and a call through this module
    // (arguments and an optional pair of buffers passed in memory) cost about as much as the
    // lookup's own bookkeeping in LMDB.
    @inlinable @inline(__always)
    func move(_ op: MDB_cursor_op, key: UnsafeRawBufferPointer? = nil) throws -> Entry? {
        var k = key.map { MDB_val($0) } ?? MDB_val()
        var v = MDB_val()
        let code = mdb_cursor_get(pointer, &k, &v, op)
        if code == MDB_SUCCESS { return (k.buffer, v.buffer) }
        if code == MDB_NOTFOUND { return nil }
        throw moveError(code)
    }

    /// The error of a move that failed (out of line: the inlined moves stay small).
    @usableFromInline
    func moveError(_ code: Int32) -> LMDBError {
        LMDBError(code: code, operation: "moving a cursor on \(database.name)")
    }

    /// The first entry.
    @inlinable public func first() throws -> Entry? { try move(MDB_FIRST) }
    /// The last entry.
    @inlinable public func last() throws -> Entry? { try move(MDB_LAST) }
    /// The next entry.
    @inlinable @inline(__always) public func next() throws -> Entry? { try move(MDB_NEXT) }
    /// The previous entry.
    @inlinable public func previous() throws -> Entry? { try move(MDB_PREV) }
    /// In a database of sorted duplicates: the first value of the next key.
    @inlinable public func nextKey() throws -> Entry? { try move(MDB_NEXT_NODUP) }

    /// In a database of sorted duplicates: how many values the key at the cursor has (LMDB
    /// keeps the count: no value is read).
    public func duplicateCount() throws -> Int {
        var count = 0
        try LMDBError.check(mdb_cursor_count(pointer, &count), "counting values in \(database.name)")
        return count
    }
    /// The first entry whose key is `>= key`.
    @inlinable @inline(__always) public func seek(atOrAfter key: UnsafeRawBufferPointer) throws -> Entry? { try move(MDB_SET_RANGE, key: key) }

    /// The entry whose key is `key`, or `nil`. For lookups in key order, cheaper than
    /// ``Transaction/get(_:key:)``: when the key is on the page the cursor stands on, LMDB
    /// searches that page alone instead of descending from the root.
    @inlinable @inline(__always) public func seek(exactly key: UnsafeRawBufferPointer) throws -> Entry? { try move(MDB_SET_KEY, key: key) }

    /// In a database of sorted duplicates: moves to the first value of `key` that is `>= value`
    /// (compared as bytes, so a shorter `value` acts as a prefix); returns false when the key
    /// has none (then the cursor stands nowhere). Read the values with ``duplicatePage()``.
    public func move(toKey key: UnsafeRawBufferPointer, valueAtOrAfter value: UnsafeRawBufferPointer) throws -> Bool {
        var k = MDB_val(key)
        var v = MDB_val(value)
        let code = mdb_cursor_get(pointer, &k, &v, MDB_GET_BOTH_RANGE)
        if code == MDB_NOTFOUND { return false }
        try LMDBError.check(code, "moving a cursor on \(database.name)")
        return true
    }

    /// In a database of fixed-size sorted duplicates (``DatabaseFlags/duplicateFixed``): the
    /// values on the page of the key's values where the cursor stands — the whole page, values
    /// before the cursor's included, packed end to end — and the cursor moved to the page's
    /// last value, for ``nextDuplicatePage()``. A key with a single value keeps it in its node
    /// rather than in a page of values: that value alone. `nil` when the cursor stands on no
    /// value. (`MDB_GET_MULTIPLE`: one call per page instead of one per value.)
    public func duplicatePage() throws -> UnsafeRawBufferPointer? {
        if let values = try values(MDB_GET_MULTIPLE) { return values }
        return try move(MDB_GET_CURRENT)?.value
    }

    /// After ``duplicatePage()``: the next page of the same key's values, or `nil` after its
    /// last value. (`MDB_NEXT_MULTIPLE`.)
    public func nextDuplicatePage() throws -> UnsafeRawBufferPointer? { try values(MDB_NEXT_MULTIPLE) }

    /// The values `op` reads, `nil` when there are none (LMDB leaves them empty for a key
    /// whose single value is kept in its node).
    private func values(_ op: MDB_cursor_op) throws -> UnsafeRawBufferPointer? {
        guard let values = try move(op)?.value, !values.isEmpty else { return nil }
        return values
    }

    /// In a database of sorted duplicates: adds `value` to the values of `key`, appending it
    /// when it sorts after the key's other values (``PutFlags/appendDuplicate``: pages fill as
    /// it goes) and inserting it in its place otherwise. Puts through one cursor in key order
    /// are cheaper than separate puts: LMDB starts each search from the cursor's page.
    public func putDuplicate(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws {
        var k = MDB_val(key)
        var v = MDB_val(value)
        var code = mdb_cursor_put(pointer, &k, &v, PutFlags.appendDuplicate.rawValue)
        if code == MDB_KEYEXIST { code = mdb_cursor_put(pointer, &k, &v, 0) }
        try LMDBError.check(code, "writing to \(database.name)")
    }

    /// Stores `value` under `key` if `key` sorts after every key of the database, and returns
    /// true: an append (``PutFlags/append``) walks down the tree's last pages without comparing
    /// keys, and a full page is split so that it stays full; through one cursor, each append
    /// starts from the last page instead of the root. Returns false, having written nothing,
    /// when `key` does not sort last (the caller then puts it in its place).
    public func append(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws -> Bool {
        var k = MDB_val(key)
        var v = MDB_val(value)
        let code = mdb_cursor_put(pointer, &k, &v, PutFlags.append.rawValue)
        if code == MDB_KEYEXIST { return false }
        try LMDBError.check(code, "writing to \(database.name)")
        return true
    }

    /// In a database of sorted fixed-size duplicates: adds `values`, `size` bytes each and in
    /// ascending order, to the values of `key` in one call (`MDB_MULTIPLE`: LMDB finds the key
    /// once, not once per value), appending them while they sort after the key's other values
    /// and inserting the rest in their places.
    public func putDuplicates(key: UnsafeRawBufferPointer, values: UnsafeRawBufferPointer, size: Int) throws {
        guard size > 0, values.count % size == 0, let base = values.baseAddress else {
            throw LMDBError(code: EINVAL, operation: "writing \(values.count) bytes of \(size)-byte values to \(database.name)")
        }
        let total = values.count / size
        var k = MDB_val(key)
        var written = 0
        var flags = UInt32(MDB_MULTIPLE) | PutFlags.appendDuplicate.rawValue
        while written < total {
            var data = (MDB_val(mv_size: size, mv_data: UnsafeMutableRawPointer(mutating: base + written * size)),
                        MDB_val(mv_size: total - written, mv_data: nil))
            let code = withUnsafeMutableBytes(of: &data) { raw in
                mdb_cursor_put(pointer, &k, raw.baseAddress?.assumingMemoryBound(to: MDB_val.self), flags)
            }
            written += data.1.mv_size  // how many LMDB stored
            if code == MDB_KEYEXIST && flags & PutFlags.appendDuplicate.rawValue != 0 {
                flags = UInt32(MDB_MULTIPLE)  // a value that does not go last: insert the rest in place
                continue
            }
            try LMDBError.check(code, "writing to \(database.name)")
            if code == 0 && data.1.mv_size == 0 { break }  // nothing stored and no error: do not spin
        }
    }

    /// Deletes the entry at the cursor; the cursor then points at the next entry's position.
    public func deleteCurrent() throws {
        try LMDBError.check(mdb_cursor_del(pointer, 0), "deleting from \(database.name)")
    }
}

extension MDB_val {
    @inlinable @inline(__always)
    init(_ buffer: UnsafeRawBufferPointer) {
        self.init(mv_size: buffer.count, mv_data: UnsafeMutableRawPointer(mutating: buffer.baseAddress))
    }

    @inlinable @inline(__always)
    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: mv_data, count: mv_size) }
}
