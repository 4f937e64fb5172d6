import Foundation
import HeapModule
import LMDB

/// Value index entries that annotation batches and small write transactions append to a log
/// instead of putting them into `value_index`, until a merge moves them there.
///
/// Why: the values of a batch's spans are spread over the whole value index, so its entries
/// land on pages all over it, and LMDB writes a new copy of every page a transaction changes.
/// On a store of 1.3 GB, one commit of 512 documents rewrote about 85 MB, and the value index
/// took half of `annotate`'s time. In the log, a batch's entries are one sorted run, appended:
/// key `run u64 · label u32 · ValueKey · span key`, value empty (value keys are prefix-free,
/// so byte order is the index's order of key, then span key). A merge then puts the runs into
/// the index by key range, touching each index page once per merge.
///
/// There are two logs, `value_log` and `value_log_2`; `meta` names the current one, to which
/// batches append. A merge starts by making the other log current, then moves the entries of
/// the one it left, ``mergeBatch`` entries per transaction; between them `meta` records the entry
/// (`label · ValueKey · span key`) below which it has put every entry of that log into the index,
/// and the log's entries below it are no longer live. Its last transaction empties that log.
/// So batches go on appending runs while a merge is under way, and `annotate` moves a merge on
/// by a step in each batch's transaction instead of stopping extraction for the whole merge.
///
/// While the index is small (fewer than ``directWritesBelow`` entries: a few thousand pages),
/// batches are written as any other transaction: rewriting its pages for a large batch costs
/// less than writing the log and merging it, and a new store of that size ends with no merge
/// left to do. A transaction of a few thousand entries at most (an import, a batch of a few
/// documents) appends them as a small run instead, and every ``runsPerMerge``-th such run
/// merges the log in its own transaction (``appendSmallRun(_:in:)``).
///
/// Readers see the union: the index's entries, the current log's and the live ones of the log
/// being merged.
enum ValueLog {
    /// `meta` key of the entry below which the merge under way has put every entry of the log it
    /// merges into the index; present exactly while a merge is under way.
    static let mergedBelowKey = Array("value_log_merged_below".utf8)
    /// `meta` key of the log batches append to: one byte, 0 (`value_log`, when absent) or 1.
    static let currentLogKey = Array("value_log_current".utf8)
    /// `meta` key of the logs that hold runs of annotation batches (not only of small
    /// transactions): one byte, bit `i` for log `i`; absent when none does.
    static let batchRunsKey = Array("value_log_batch_runs".utf8)
    /// A merge starts between batches once the current log holds this many entries (with one
    /// run per batch, ~130 runs of the default batch): it bounds the work of a reader (a seek
    /// per run), the merge's reading of the log, and how much of the log a merge's end maps.
    static let mergeThreshold = 1 << 21
    /// Below this many index entries (~16 MB of index), batches write the index directly.
    static let directWritesBelow = 1 << 19
    /// Log entries a merge moves per transaction (its memory: ~70 bytes each, plus the pages;
    /// larger buffers, once freed, stay in the process's heap).
    static let mergeBatch = 1 << 16
    /// Most value entries a write transaction other than an annotation batch appends to the log
    /// as a run (see ``appendSmallRun(_:in:)``); more go straight into the index.
    static let smallRunEntries = 1 << 12
    /// Runs of small transactions after which the transaction that appends the last merges the
    /// log into the index.
    static let runsPerMerge = 16
    /// Entries in the log after which a small transaction's append merges the log, whatever
    /// the number of runs; a log holding more takes no small runs.
    static let smallLogEntries = 1 << 14
    /// Below this many index entries, small transactions put their value entries into the index.
    static let smallRunsFrom = 1 << 12
    /// Bytes of the run number that starts every log key.
    static let runBytes = 8

    /// Where the logs stand in one transaction: which one batches append to, and the merge
    /// under way, if any (the other log, and the entry below which it is merged).
    struct State {
        let current: Int
        let merging: (log: Int, mergedBelow: [UInt8])?

        init(_ txn: Transaction, schema: Schema) throws {
            var current = 0
            if let stored = try txn.get(schema.meta, key: currentLogKey) {
                guard stored.count == 1, stored[0] < 2 else { throw StoreError.corrupt("meta's current value log is \(Array(stored))") }
                current = Int(stored[0])
            }
            self.current = current
            merging = try txn.get(schema.meta, key: mergedBelowKey).map { (1 - current, Array($0)) }
        }

        /// Whether an entry (`label · ValueKey · span key`, or a prefix of one) of `log` is live:
        /// not below the point the merge under way has reached in the log it merges.
        func isLive(_ entry: UnsafeRawBufferPointer, in log: Int) -> Bool {
            guard let merging, merging.log == log else { return true }
            return compare(entry, merging.mergedBelow) >= 0
        }

        /// Where the live entries of `log` at or after `start` begin.
        func liveFrom(_ start: UnsafeRawBufferPointer, in log: Int) -> [UInt8] {
            if !isLive(start, in: log), let merging { return merging.mergedBelow }
            return Array(start)
        }
    }

    // MARK: Writing runs

    /// Appends `entries` (value index entries: key `label · ValueKey`, value a span key) to the
    /// current log as a new run; `batch`: an annotation batch's run, which `annotate` merges
    /// before it ends (see ``needsMerge(_:)``). Returns the run's number (runs are numbered from
    /// 0 in a log that was empty), or nil when there were no entries.
    @discardableResult
    static func appendRun(_ entries: inout PendingIndexEntries, batch: Bool, in txn: Transaction, schema: Schema) throws -> UInt64? {
        try appendRun(&entries, to: try State(txn, schema: schema).current, batch: batch, in: txn, schema: schema)
    }

    /// ``appendRun(_:batch:in:schema:)`` to log `current`, the current one.
    private static func appendRun(_ entries: inout PendingIndexEntries, to current: Int, batch: Bool,
                                  in txn: Transaction, schema: Schema) throws -> UInt64? {
        guard !entries.isEmpty else { return nil }
        if batch { try markBatchRuns(in: current, true, txn: txn, schema: schema) }
        let log = schema.valueLogs[current]
        return try txn.withCursor(log) { cursor in
            let run = try nextRun(cursor)
            // Index keys take at most 206 bytes (label and value key), span keys 20.
            let composite = UnsafeMutableRawBufferPointer.allocate(byteCount: runBytes + 512, alignment: 8)
            defer { composite.deallocate() }
            composite.storeBytes(of: run.bigEndian, as: UInt64.self)
            let empty = UnsafeRawBufferPointer(start: nil, count: 0)
            try entries.drain { key, value in
                let length = runBytes + key.count + value.count
                guard length <= composite.count else { throw StoreError.corrupt("a value index entry of \(length) bytes") }
                UnsafeMutableRawBufferPointer(rebasing: composite[runBytes...]).copyMemory(from: key)
                UnsafeMutableRawBufferPointer(rebasing: composite[(runBytes + key.count)...]).copyMemory(from: value)
                // A false return is the same entry twice: stored once, as in the index.
                _ = try cursor.append(key: UnsafeRawBufferPointer(rebasing: composite[..<length]), value: empty)
            }
            return run
        }
    }

    /// The value entries of a small write transaction — one that is not an annotation batch —
    /// go to the log as a run when that saves writing pages, and every ``runsPerMerge`` runs
    /// the transaction that appends the last merges the whole log into the index. Returns false,
    /// writing nothing, when the entries should go straight into the index instead.
    ///
    /// Why: a transaction's value entries land on pages all over the value index, and a commit
    /// writes every page it changed. Committing a thousand spans at a time into a store of up
    /// to 100k wrote 1.93 MB a commit, all but 0.26 MB of it value index pages; appended as a
    /// run, the entries take about ten pages, and the merge of 16 runs changes each index page
    /// once for all of them. Readers pay for the runs left in the log: a seek per run in a value
    /// query, and a step per entry in counts by value (at most ``runsPerMerge`` - 1 runs and
    /// ``smallLogEntries`` + ``smallRunEntries`` entries stay there).
    ///
    /// The entries go to the index when there are more than ``smallRunEntries`` of them, when
    /// the index holds fewer than ``smallRunsFrom`` entries (a few pages: writing them costs no
    /// more than a merge would), or when a merge is under way or the current log holds many
    /// entries (an annotation run left them: the next `annotate` merges them).
    static func appendSmallRun(_ entries: inout PendingIndexEntries, in ctx: WriteContext) throws -> Bool {
        guard !entries.isEmpty, entries.count <= smallRunEntries else { return false }
        let txn = ctx.txn
        let schema = ctx.schema
        let state = try State(txn, schema: schema)
        guard state.merging == nil else { return false }
        let logged = try txn.count(schema.valueLogs[state.current])
        guard logged < smallLogEntries, try txn.count(schema.byValue) >= smallRunsFrom else { return false }
        let appended = entries.count
        guard let run = try appendRun(&entries, to: state.current, batch: false, in: txn, schema: schema) else { return true }
        if run + 1 >= UInt64(runsPerMerge) || logged + appended >= smallLogEntries {
            // The whole log in one step: it holds fewer than `smallLogEntries + smallRunEntries`.
            _ = try step(ctx, entries: Int.max)
        }
        return true
    }

    /// Deletes one entry (an index key and a span key) from the live part of the log; false when
    /// it is not there.
    static func delete(key: UnsafeRawBufferPointer, spanKey: UnsafeRawBufferPointer, in txn: Transaction, schema: Schema) throws -> Bool {
        guard let (log, run) = try liveRun(holding: key, spanKey: spanKey, in: txn, schema: schema) else { return false }
        let composite = makeKey(run: run, key: key, spanKey: spanKey)
        return try composite.withUnsafeBytes { try txn.delete(log, key: $0) }
    }

    // MARK: Reading

    /// True when the live part of the log holds this entry.
    static func contains(key: UnsafeRawBufferPointer, spanKey: UnsafeRawBufferPointer, in txn: Transaction, schema: Schema) throws -> Bool {
        try liveRun(holding: key, spanKey: spanKey, in: txn, schema: schema) != nil
    }

    /// Calls `body` with each live log entry whose index key is `>= start`, run after run, and
    /// within a run in key order for as long as `condition` holds for the index key.
    static func scan(in txn: Transaction, schema: Schema, from start: UnsafeRawBufferPointer,
                     while condition: (UnsafeRawBufferPointer) -> Bool,
                     _ body: (_ key: UnsafeRawBufferPointer, _ spanKey: UnsafeRawBufferPointer) throws -> Void) throws {
        let state = try State(txn, schema: schema)
        for (index, log) in schema.valueLogs.enumerated() where try txn.count(log) > 0 {
            // Where each run's live entries at or after `start` begin.
            let from = state.liveFrom(start, in: index)
            try txn.withCursor(log) { cursor in
                try forEachRun(cursor, from: from) { run, first in
                    var entry: Cursor.Entry? = first
                    while let (key, _) = entry, key.count > runBytes + SpanKey.size, try runNumber(key) == run {
                        let indexKey = UnsafeRawBufferPointer(rebasing: key[runBytes ..< key.count - SpanKey.size])
                        guard condition(indexKey) else { break }
                        try body(indexKey, UnsafeRawBufferPointer(rebasing: key[(key.count - SpanKey.size)...]))
                        entry = try cursor.next()
                    }
                    return true
                }
            }
        }
    }

    // MARK: Merging

    /// True when the logs hold more than small transactions leave in them (see
    /// ``appendSmallRun(_:in:)``): a merge is under way, or a log holds runs of annotation
    /// batches, or the current log holds ``smallLogEntries`` entries or ``runsPerMerge`` runs.
    /// `annotate` then merges them before it ends. False when the logs are empty (whatever
    /// `meta` says: a Gloss before small runs merges without clearing it).
    static func needsMerge(_ store: GlossStore) throws -> Bool {
        try store.read { ctx in
            let state = try State(ctx.txn, schema: ctx.schema)
            guard state.merging == nil else { return true }
            let entries = try ctx.schema.valueLogs.map { try ctx.txn.count($0) }
            guard entries.contains(where: { $0 > 0 }) else { return false }
            guard try batchRunMask(ctx.txn, schema: ctx.schema) == 0, entries[state.current] < smallLogEntries else { return true }
            let log = ctx.schema.valueLogs[state.current]
            let runs = try ctx.txn.withCursor(log) { cursor in try nextRun(cursor) }
            return runs >= UInt64(runsPerMerge)
        }
    }

    /// Moves every log entry into the value index, `entriesPerTransaction` entries per
    /// transaction: finishes the merge under way, if any, then merges the current log. Interrupted,
    /// it resumes where it stopped the next time it runs; readers see every entry exactly once
    /// throughout. `transactions`, when given, stops after that many transactions (tests use it
    /// to leave a merge unfinished).
    static func merge(_ store: GlossStore, entriesPerTransaction: Int = mergeBatch, transactions: Int? = nil) throws {
        var count = 0
        while transactions.map({ count < $0 }) ?? true {
            let empty = try store.write { ctx in
                ctx.releasesMappedPages = true
                guard try step(ctx, entries: entriesPerTransaction) else { return false }
                return try ctx.schema.valueLogs.allSatisfy { try ctx.txn.count($0) == 0 }
            }
            if empty { return }
            count += 1
        }
    }

    /// Finishes the merge under way, if any, `entriesPerTransaction` entries per transaction.
    static func finishMerge(_ store: GlossStore, entriesPerTransaction: Int = mergeBatch) throws {
        var done = false
        while !done {
            done = try store.write { ctx in
                ctx.releasesMappedPages = true
                guard try State(ctx.txn, schema: ctx.schema).merging != nil else { return true }
                return try step(ctx, entries: entriesPerTransaction)
            }
        }
    }

    /// Moves merging on inside a batch's write transaction (no commit of its own): by one step
    /// of `entries` entries of the merge under way, or by starting a merge when the current log
    /// holds `threshold` entries or more. Returns true, doing nothing, when a merge is under way
    /// and the current log has reached `threshold` too: the caller then finishes that merge
    /// (``finishMerge(_:entriesPerTransaction:)``) once the batch is committed.
    static func moveOn(_ ctx: WriteContext, entries: Int, threshold: Int) throws -> Bool {
        let state = try State(ctx.txn, schema: ctx.schema)
        let current = try ctx.txn.count(ctx.schema.valueLogs[state.current])
        if state.merging != nil && current >= threshold { return true }
        if state.merging != nil || current >= threshold { _ = try step(ctx, entries: entries) }
        return false
    }

    /// Starts a merge if none is under way and the current log holds entries, then takes one
    /// step of it. Returns true when no merge is under way afterwards.
    private static func step(_ ctx: WriteContext, entries: Int) throws -> Bool {
        let txn = ctx.txn
        let schema = ctx.schema
        var state = try State(txn, schema: schema)
        if state.merging == nil {
            guard try txn.count(schema.valueLogs[state.current]) > 0 else { return true }
            // The other log is empty (the last merge emptied it): it becomes current.
            try txn.put(schema.meta, key: currentLogKey, value: [UInt8(1 - state.current)])
            try txn.put(schema.meta, key: mergedBelowKey, value: [])
            state = try State(txn, schema: schema)
        }
        guard let merging = state.merging else { return true }
        return try mergeStep(ctx, log: merging.log, mergedBelow: merging.mergedBelow, entries: entries)
    }

    /// One transaction of a merge: the next `entries` entries in key order (and any equal to
    /// the last of them), taken from every run by a k-way merge of the runs, put into the index.
    /// Returns true when the log is then empty and the merge over.
    ///
    /// One cursor per run stands on the run's next entry; a heap of those entries gives the
    /// smallest. The first entry left behind is the merge's new `mergedBelow`. (Each step used
    /// to take from every run only the entries below the smallest of the runs' entries at an
    /// equal share of `entries`: with many runs that bound sat near the bottom of the key space,
    /// and a log of 1,240 runs moved ~50 entries per transaction instead of 65k.)
    private static func mergeStep(_ ctx: WriteContext, log logIndex: Int, mergedBelow: [UInt8], entries: Int) throws -> Bool {
        let txn = ctx.txn
        let schema = ctx.schema
        let log = schema.valueLogs[logIndex]
        let logEntries = try txn.count(log)
        guard logEntries > 0 else {
            _ = try txn.delete(schema.meta, key: mergedBelowKey)
            try markBatchRuns(in: logIndex, false, txn: txn, schema: schema)
            return true
        }
        var gathered = PendingIndexEntries(schema.byValue)
        gathered.reserveCapacity(min(entries, logEntries), bytesEach: 4 + 16 + SpanKey.size)
        // The log pages read leave the resident set as the merge goes (see releasesMappedPages):
        // after every 4,096 entries read or 16 seeks (a seek lands on a page far from the last
        // one, and the kernel maps 64 KiB around it) — and no more often than every 256 entries
        // per run, since the merge then maps each run's current page again.
        let environment = ctx.releasesMappedPages ? ctx.store.environment : nil
        let runs = try txn.withCursor(log) { cursor in
            var runs: [UInt64] = []
            try forEachRun(cursor) { run, _ in
                runs.append(run)
                if runs.count % 16 == 0 { environment?.releaseMappedPages() }
                return true
            }
            return runs
        }
        let stop = try txn.withCursors(log, count: runs.count) { cursors -> [UInt8]? in
            // Counted in locals of this closure (a variable captured by nested functions is
            // boxed, and every change of it checked for exclusive access at run time).
            let releaseEvery = max(1 << 12, runs.count << 8)
            var read = 0
            var releasedAt = 0
            func tick(_ units: Int = 1) {
                read &+= units
                if read - releasedAt >= releaseEvery {
                    environment?.releaseMappedPages()
                    releasedAt = read
                }
            }
            /// The live part of a run's entry (`label · ValueKey · span key`), or nil past the run.
            func head(_ entry: Cursor.Entry?, _ index: Int) throws -> MergeHead? {
                guard let (key, _) = entry, try runNumber(key) == runs[index] else { return nil }
                guard key.count > runBytes + SpanKey.size else {
                    throw StoreError.corrupt("a value log key is \(key.count) bytes, too short for a value and a span key")
                }
                return MergeHead(entry: UnsafeRawBufferPointer(rebasing: key[runBytes...]), run: index)
            }
            var heads = Heap<MergeHead>()
            for index in runs.indices {
                tick(256)
                if let first = try head(try seek(run: runs[index], after: mergedBelow, cursors[index]), index) { heads.insert(first) }
            }
            var taken = 0
            var last: UnsafeRawBufferPointer?
            while let next = heads.min {
                // Entries equal to the last one taken go with it: the next step starts at or
                // after `mergedBelow`, so it must be strictly past every entry taken.
                if taken >= entries, let last, compare(next.entry, last) != 0 { return Array(next.entry) }
                let keyEnd = next.entry.count - SpanKey.size
                gathered.append(key: UnsafeRawBufferPointer(rebasing: next.entry[..<keyEnd]),
                                value: UnsafeRawBufferPointer(rebasing: next.entry[keyEnd...]))
                last = next.entry
                taken += 1
                tick()
                if let following = try head(try cursors[next.run].next(), next.run) {
                    _ = heads.replaceMin(with: following)
                } else {
                    _ = heads.removeMin()
                }
            }
            return nil
        }
        let release: (() -> Void)? = environment.map { environment in { environment.releaseMappedPages() } }
        try gathered.flush(in: txn, every: release)
        if let stop {
            try txn.put(schema.meta, key: mergedBelowKey, value: stop)
            return false
        }
        // Emptying the log reads every page of it (LMDB 0.9.24's mdb_drop visits the leaves):
        // merges keep the log under ``mergeThreshold`` entries, about 36 MB of pages.
        try txn.clear(log)
        environment?.releaseMappedPages()
        _ = try txn.delete(schema.meta, key: mergedBelowKey)
        try markBatchRuns(in: logIndex, false, txn: txn, schema: schema)
        return true
    }

    /// Which logs hold runs of annotation batches: bit `i` for log `i` (absent: none).
    private static func batchRunMask(_ txn: Transaction, schema: Schema) throws -> UInt8 {
        guard let stored = try txn.get(schema.meta, key: batchRunsKey) else { return 0 }
        guard stored.count == 1, stored[0] < 4 else { throw StoreError.corrupt("meta's value logs with batch runs is \(Array(stored))") }
        return stored[0]
    }

    /// Records whether log `log` holds runs of annotation batches.
    private static func markBatchRuns(in log: Int, _ holds: Bool, txn: Transaction, schema: Schema) throws {
        let mask = try batchRunMask(txn, schema: schema)
        let updated = holds ? mask | 1 << log : mask & ~(1 << log)
        guard updated != mask else { return }
        if updated == 0 {
            _ = try txn.delete(schema.meta, key: batchRunsKey)
        } else {
            try txn.put(schema.meta, key: batchRunsKey, value: [updated])
        }
    }

    // MARK: Keys

    private static func runNumber(_ key: UnsafeRawBufferPointer) throws -> UInt64 {
        guard key.count >= runBytes else { throw StoreError.corrupt("a value log key is \(key.count) bytes, shorter than its run number") }
        return ByteReader.u64(key, at: 0)
    }

    private static func appendRunNumber(_ run: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: run >> UInt64(shift))) }
    }

    private static func makeKey(run: UInt64, key: UnsafeRawBufferPointer, spanKey: UnsafeRawBufferPointer) -> [UInt8] {
        var composite: [UInt8] = []
        composite.reserveCapacity(runBytes + key.count + spanKey.count)
        appendRunNumber(run, to: &composite)
        composite.append(contentsOf: key)
        composite.append(contentsOf: spanKey)
        return composite
    }

    /// The first entry of run `run` (or a later run) at or after `entry` (`label · ValueKey ·
    /// span key`, or a prefix of it).
    private static func seek(run: UInt64, after entry: some Collection<UInt8>, _ cursor: Cursor) throws -> Cursor.Entry? {
        var key: [UInt8] = []
        key.reserveCapacity(runBytes + entry.count)
        appendRunNumber(run, to: &key)
        key.append(contentsOf: entry)
        return try key.withUnsafeBytes { try cursor.seek(atOrAfter: $0) }
    }

    /// Calls `body` with each run of the log `cursor` reads that holds entries at or after
    /// `entry` (`label · ValueKey · span key`, or a prefix of it; empty: every run), in order,
    /// and the first of those entries, until it returns false. A seek per run (`body` may move
    /// the cursor): a seek that lands in a later run skips the runs in between, which end
    /// before `entry`.
    private static func forEachRun(_ cursor: Cursor, from entry: [UInt8] = [],
                                   _ body: (_ run: UInt64, _ first: Cursor.Entry) throws -> Bool) throws {
        guard var run = try cursor.first().map({ key, _ in try runNumber(key) }) else { return }
        while let found = try seek(run: run, after: entry, cursor) {
            let landed = try runNumber(found.key)
            if landed != run {
                run = landed
                continue
            }
            guard try body(run, found), run < UInt64.max else { return }
            run += 1
        }
    }

    /// The number the next run appended to the log `cursor` reads takes: one past the last
    /// run's (runs are numbered from 0 in a log that was empty).
    private static func nextRun(_ cursor: Cursor) throws -> UInt64 {
        try cursor.last().map { key, _ in try runNumber(key) &+ 1 } ?? 0
    }

    /// Byte order, as LMDB compares keys (a prefix first).
    static func compare(_ a: UnsafeRawBufferPointer, _ b: some ContiguousBytes) -> Int {
        b.withUnsafeBytes { b in
            let common = min(a.count, b.count)
            if common > 0, let x = a.baseAddress, let y = b.baseAddress {
                let order = memcmp(x, y, common)
                if order != 0 { return Int(order) }
            }
            return a.count - b.count
        }
    }

    /// The log and run whose live part holds the entry, if any (one lookup per run).
    private static func liveRun(holding key: UnsafeRawBufferPointer, spanKey: UnsafeRawBufferPointer,
                                in txn: Transaction, schema: Schema) throws -> (log: Database, run: UInt64)? {
        let state = try State(txn, schema: schema)
        let entry = Array(key) + Array(spanKey)
        for (index, log) in schema.valueLogs.enumerated() where try txn.count(log) > 0 {
            guard entry.withUnsafeBytes({ state.isLive($0, in: index) }) else { continue }
            let found = try txn.withCursor(log) { cursor -> UInt64? in
                var holding: UInt64?
                try forEachRun(cursor, from: entry) { run, first in
                    // The entry, if this run holds it, is the first at or after it.
                    guard compare(UnsafeRawBufferPointer(rebasing: first.key[runBytes...]), entry) == 0 else { return true }
                    holding = run
                    return false
                }
                return holding
            }
            if let found { return (log, found) }
        }
        return nil
    }
}

extension StoreContext {
    /// Calls `body` with each value index entry — key `label · ValueKey` and span key — whose key
    /// is `>= start`, for as long as `condition` holds for the key: the index's entries in key
    /// order, then those of the value log not yet merged into it (see ``ValueLog``).
    func scanValueEntries(from start: UnsafeRawBufferPointer, while condition: (UnsafeRawBufferPointer) -> Bool,
                          _ body: (_ key: UnsafeRawBufferPointer, _ spanKey: UnsafeRawBufferPointer) throws -> Void) throws {
        // Each key's span keys (its sorted, fixed-size values) are read a page per cursor call.
        try txn.withCursor(schema.byValue) { cursor in
            var entry = try cursor.seek(atOrAfter: start)
            while let (key, _) = entry, condition(key) {
                var page = try cursor.duplicatePage()
                while let values = page {
                    let spanKeys = try SpanKey.page(values, of: schema.byValue)
                    for offset in stride(from: 0, to: spanKeys.count, by: SpanKey.size) {
                        try body(key, UnsafeRawBufferPointer(rebasing: spanKeys[offset ..< offset + SpanKey.size]))
                    }
                    page = try cursor.nextDuplicatePage()
                }
                entry = try cursor.nextKey()
            }
        }
        try ValueLog.scan(in: txn, schema: schema, from: start, while: condition, body)
    }

    /// True when the value index or the value log holds this entry (an ``IndexKey`` key and value).
    func containsValueEntry(_ entry: (key: [UInt8], value: [UInt8])) throws -> Bool {
        if try contains(schema.byValue, entry) { return true }
        return try entry.key.withUnsafeBytes { key in
            try entry.value.withUnsafeBytes { try ValueLog.contains(key: key, spanKey: $0, in: txn, schema: schema) }
        }
    }
}

/// A run's next entry in a value-log merge, ordered as LMDB orders keys (bytes). The entry
/// points into the map: valid while the merge reads and has written nothing.
private struct MergeHead: Comparable {
    let entry: UnsafeRawBufferPointer
    /// Index of the run (and of its cursor).
    let run: Int
    /// The entry's first eight bytes, big-endian: most comparisons end there.
    let prefix: UInt64

    /// `entry` holds at least a span key (20 bytes).
    init(entry: UnsafeRawBufferPointer, run: Int) {
        self.entry = entry
        self.run = run
        prefix = ByteReader.u64(entry, at: 0)
    }

    static func < (a: MergeHead, b: MergeHead) -> Bool {
        a.prefix != b.prefix ? a.prefix < b.prefix : ValueLog.compare(a.entry, b.entry) < 0
    }

    static func == (a: MergeHead, b: MergeHead) -> Bool {
        a.prefix == b.prefix && ValueLog.compare(a.entry, b.entry) == 0
    }
}
