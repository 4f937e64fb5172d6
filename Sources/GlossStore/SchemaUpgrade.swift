import LMDB

/// Brings a store written by an older Gloss to the current ``Schema`` when it is opened for
/// writing. Each step is idempotent and commits in batches, so an interrupted upgrade resumes
/// where it stopped; the version number changes only in the last transaction.
enum SchemaUpgrade {
    /// Documents converted per transaction.
    static let batch = 500

    /// Version 1 → 2: texts stored whole under `doc u32` are cut into chunks of
    /// ``TextChunks/codePoints`` code points, the `by_source` index is deleted (queries by
    /// source filter records instead), and value counters are counted from the value index.
    static func fromVersion1(_ store: GlossStore) throws {
        let schema = store.schema
        var next: UInt32 = 0
        while true {
            let converted = try store.write { ctx in
                var whole: [UInt32] = []
                try IndexKey.withKey(next) { from in
                    try ctx.txn.scan(schema.texts, from: from) { key, _ in
                        if key.count == 4 { whole.append(ByteReader.u32(key, at: 0)) }
                        return whole.count < batch
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
            guard converted.count == batch, let last = converted.last, last < UInt32.max else { break }
            next = last + 1
        }
        let bySource = try? store.environment.openDatabase("by_source")
        try store.write { ctx in
            if let bySource { try ctx.txn.drop(bySource) }
            // Value counters: runs of equal `label · value` prefixes in the value index.
            var counts: [[UInt8]: UInt64] = [:]
            try ctx.txn.scan(schema.byValue) { key, _ in
                guard key.count > 4 + SpanKey.size else { return true }
                counts[[CounterKey.valueTag] + Array(key[..<(key.count - SpanKey.size)]), default: 0] += 1
                return true
            }
            for (key, count) in counts {
                var w = ByteWriter(capacity: 8)
                w.u64(count)
                try ctx.txn.put(schema.counters, key: key, value: w.bytes)
            }
            var w = ByteWriter()
            w.u32(Schema.version)
            try ctx.txn.put(schema.meta, key: MetaKey.schemaVersion, value: w.bytes)
        }
    }
}
