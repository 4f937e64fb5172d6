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
        func prefixBytes(_ i: Int, document: UInt32?) -> [UInt8] {
            var w = ByteWriter(capacity: 8)
            if let id = streams[i].1 { w.u32(id) }
            if let document { w.u32(document) }
            return w.bytes
        }
        func headFrom(_ i: Int, _ entry: Cursor.Entry?) throws -> Head? {
            guard var (key, value) = entry else { return nil }
            while true {
                let spanKey: SpanKey
                if let id = streams[i].1 {
                    // Label index: key label · doc, value the span's position.
                    guard key.count == 8, ByteReader.u32(key, at: 0) == id else { return nil }
                    spanKey = try SpanKey(document: ByteReader.u32(key, at: 4), position: value)
                } else {
                    spanKey = try SpanKey(suffixOf: key)
                }
                guard let documents else { return Head(key: spanKey, value: streams[i].1 == nil ? value : nil) }
                if binarySearch(documents, spanKey.document) {
                    return Head(key: spanKey, value: streams[i].1 == nil ? value : nil)
                }
                guard let next = documents.first(where: { $0 > spanKey.document }) else { return nil }
                let seekKey = prefixBytes(i, document: next)
                guard let found = try seekKey.withUnsafeBytes({ try cursors[i].seek(atOrAfter: $0) }) else { return nil }
                (key, value) = found
            }
        }
        var heads: [Head?] = []
        for i in cursors.indices {
            let first = documents?.first
            let start = prefixBytes(i, document: first)
            let entry = try start.isEmpty ? cursors[i].first() : start.withUnsafeBytes { try cursors[i].seek(atOrAfter: $0) }
            heads.append(try headFrom(i, entry))
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
