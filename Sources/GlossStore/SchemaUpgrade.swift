import LMDB

/// Brings a store written by an older Gloss to the current ``Schema`` when it is opened for
/// writing. Each step commits in batches and records how far it got, so an interrupted upgrade
/// resumes where it stopped; the version number changes only in the last transaction.
enum SchemaUpgrade {
    /// Documents or spans converted per transaction.
    static let batch = 50_000

    /// Where the index rebuild got to: the last span key indexed (in `meta`).
    static let progressKey = Array("upgrade_indexed_through".utf8)

    /// Brings a store of an older `version` to ``Schema/version``.
    static func upgrade(_ store: GlossStore, from version: UInt32) throws {
        switch version {
        case 1: try fromVersion1(store)  // its index rebuild writes the current layout
        case 2: try fromVersion2(store)
        // Version 4 adds `value_log` and version 5 `value_log_2`, created empty on opening.
        case 3: try finish(store, dropping: [])
        case 4: try finish(store, dropping: []) { ctx in
            // A merge a version-4 run left under way merges `value_log`, so the other log is current.
            if try ctx.txn.get(ctx.schema.meta, key: ValueLog.mergedBelowKey) != nil {
                try ctx.txn.put(ctx.schema.meta, key: ValueLog.currentLogKey, value: [1])
            }
        }
        // Version 6 writes span records of format 2 (with their text's location); those of
        // format 1 are still read, so nothing is rewritten.
        case 5: try finish(store, dropping: [])
        default: throw StoreError.schemaMismatch(path: store.path, found: version, expected: Schema.version)
        }
    }

    /// Version 1 → 4: texts stored whole under `doc u32` are cut into chunks of
    /// ``TextChunks/codePoints`` code points; the label and value indexes are rebuilt with
    /// packed sorted duplicates (`label_index`, `value_index`) and the old `by_label`,
    /// `by_value` and `by_source` are deleted (queries by source filter records).
    static func fromVersion1(_ store: GlossStore) throws {
        let schema = store.schema
        // Texts, a batch of documents per transaction.
        var next: UInt32 = 0
        while true {
            let converted = try store.write { ctx in
                var whole: [UInt32] = []
                try IndexKey.withKey(next) { from in
                    try ctx.txn.scan(schema.texts, from: from) { key, _ in
                        if key.count == 4 { whole.append(ByteReader.u32(key, at: 0)) }
                        return whole.count < batch / 100
                    }
                }
                for id in whole {
                    let key = IndexKey.prefix(id)
                    guard let bytes = try ctx.txn.get(schema.texts, key: key) else { continue }
                    let text = String(decoding: bytes, as: UTF8.self)
                    try ctx.txn.delete(schema.texts, key: key)
                    try ctx.putText(text, document: id)
                }
                return whole
            }
            guard converted.count == batch / 100, let last = converted.last, last < UInt32.max else { break }
            next = last + 1
        }
        try rebuildIndexes(store, values: true)
        let old = ["by_label", "by_value", "by_source"].compactMap { try? store.environment.openDatabase($0) }
        try finish(store, dropping: old)
    }

    /// Version 2 → 4: the label index is keyed by the label alone, its values the span keys
    /// (it was keyed `label · doc`, its values the spans' positions), so that the entries of new
    /// documents are appended and fill their pages; the value counters go (the value index
    /// counts its duplicates).
    static func fromVersion2(_ store: GlossStore) throws {
        try rebuildIndexes(store, values: false)
        try deleteValueCounters(store)
        try finish(store, dropping: [])
    }

    /// Deletes schema 2's value counters (`V · label · ValueKey` in `counters`), a batch per
    /// transaction.
    private static func deleteValueCounters(_ store: GlossStore) throws {
        let counters = store.schema.counters
        while true {
            let deleted = try store.write { ctx in
                var keys: [[UInt8]] = []
                try ctx.txn.scan(counters, prefix: [CounterKey.schema2ValueTag]) { key, _ in
                    keys.append(Array(key))
                    return keys.count < batch
                }
                for key in keys { try ctx.txn.delete(counters, key: key) }
                return keys.count
            }
            if deleted < batch { break }
        }
    }

    /// Rebuilds the label index — and, with `values`, the value index —
    /// from the span records, a batch of spans per transaction. The first batch empties the
    /// index(es) it rebuilds; later ones resume after the last span key recorded in `meta`.
    private static func rebuildIndexes(_ store: GlossStore, values: Bool) throws {
        let schema = store.schema
        while true {
            let done = try store.write { ctx in
                let progress = try ctx.txn.get(schema.meta, key: progressKey).map { Array($0) } ?? []
                if progress.isEmpty {
                    try ctx.txn.clear(schema.byLabel)
                    if values { try ctx.txn.clear(schema.byValue) }
                }
                var indexed = 0
                var last: [UInt8] = []
                try progress.withUnsafeBytes { from in
                    try ctx.txn.scan(schema.spans, from: progress.isEmpty ? nil : from) { key, value in
                        if key.elementsEqual(progress) { return true }
                        guard indexed < batch else { return false }
                        ctx.reindex(try SpanKey(suffixOf: key), record: try SpanRecordView(value), values: values)
                        indexed += 1
                        last = Array(key)
                        return true
                    }
                }
                if indexed > 0 { try ctx.txn.put(schema.meta, key: progressKey, value: last) }
                return indexed < batch
            }
            if done { break }
        }
    }

    /// The last transaction of an upgrade: drops the databases it replaced, does `last`, forgets
    /// its progress and records the new version.
    private static func finish(_ store: GlossStore, dropping old: [Database],
                               _ last: (WriteContext) throws -> Void = { _ in }) throws {
        let schema = store.schema
        try store.write { ctx in
            for db in old { try ctx.txn.drop(db) }
            try last(ctx)
            try ctx.txn.delete(schema.meta, key: progressKey)
            var w = ByteWriter()
            w.u32(Schema.version)
            try ctx.txn.put(schema.meta, key: MetaKey.schemaVersion, value: w.bytes)
        }
    }
}
