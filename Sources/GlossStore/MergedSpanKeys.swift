import LMDB

/// Merges sorted span-key streams — one label's entries in the label index, or the primary
/// `spans` database itself — into one stream in result order, optionally restricted to a sorted
/// list of documents (skipped over by seeking, not by reading).
enum MergedSpanKeys {
    /// `streams`: each a database and the `u32` prefix to scan (`nil` for the primary `spans`).
    /// `body` gets each key and, for the primary database, its record; returns false to stop.
    static func run(txn: Transaction, streams: [(Database, UInt32?)], documents: [UInt32]?,
                    _ body: (SpanKey, UnsafeRawBufferPointer?) throws -> Bool) throws {
        var cursors: [Cursor] = []
        func open(_ i: Int) throws {
            if i == streams.count {
                try merge(cursors: cursors, streams: streams, documents: documents, body)
                return
            }
            try txn.withCursor(streams[i].0) { cursor in
                cursors.append(cursor)
                try open(i + 1)
            }
        }
        try open(0)
    }

    private struct Head {
        var key: SpanKey
        var value: UnsafeRawBufferPointer?
    }

    private static func merge(cursors: [Cursor], streams: [(Database, UInt32?)], documents: [UInt32]?,
                              _ body: (SpanKey, UnsafeRawBufferPointer?) throws -> Bool) throws {
        /// The first entry of stream `i` at or after `document` (its first entry when `nil`).
        func seek(_ i: Int, document: UInt32?) throws -> Cursor.Entry? {
            guard let label = streams[i].1 else {
                guard let document else { return try cursors[i].first() }
                return try IndexKey.withKey(document) { try cursors[i].seek(atOrAfter: $0) }
            }
            // Label index: one key per label, the span keys its sorted values.
            return try IndexKey.withKey(label) { key in
                guard let document else { return try cursors[i].seek(atOrAfter: key) }
                return try IndexKey.withKey(document) { try cursors[i].seek(key: key, valueAtOrAfter: $0) }
            }
        }
        func headFrom(_ i: Int, _ entry: Cursor.Entry?) throws -> Head? {
            guard var (key, value) = entry else { return nil }
            while true {
                let spanKey: SpanKey
                if let id = streams[i].1 {
                    guard key.count == 4, ByteReader.u32(key, at: 0) == id else { return nil }
                    spanKey = try SpanKey(suffixOf: value)
                } else {
                    spanKey = try SpanKey(suffixOf: key)
                }
                guard let documents else { return Head(key: spanKey, value: streams[i].1 == nil ? value : nil) }
                if binarySearch(documents, spanKey.document) {
                    return Head(key: spanKey, value: streams[i].1 == nil ? value : nil)
                }
                guard let next = documents.first(where: { $0 > spanKey.document }),
                      let found = try seek(i, document: next) else { return nil }
                (key, value) = found
            }
        }
        var heads: [Head?] = []
        for i in cursors.indices {
            heads.append(try headFrom(i, try seek(i, document: documents?.first)))
        }
        if cursors.count == 1 {
            // One stream: nothing to merge.
            var head = heads[0]
            while let current = head {
                guard try body(current.key, current.value) else { return }
                head = try headFrom(0, try cursors[0].next())
            }
            return
        }
        while true {
            var best = -1
            for i in heads.indices {
                guard let head = heads[i] else { continue }
                if best < 0 || head.key < (heads[best]?.key ?? head.key) { best = i }
            }
            guard best >= 0, let head = heads[best] else { return }
            guard try body(head.key, head.value) else { return }
            heads[best] = try headFrom(best, try cursors[best].next())
        }
    }

    private static func binarySearch(_ sorted: [UInt32], _ value: UInt32) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == value
    }
}
