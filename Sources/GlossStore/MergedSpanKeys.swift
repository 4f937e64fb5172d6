import LMDB

/// Merges sorted span-key streams — each label's entries in the label index, or the primary
/// `spans` database itself — into one stream in result order, optionally restricted to a sorted
/// list of documents (skipped over by seeking, not by reading).
enum MergedSpanKeys {
    /// Streams the entries of `labels` in the label index `byLabel`, or the primary database
    /// `spans` when `labels` is `nil`. `body` gets each key and, for the primary database, its
    /// record; returns false to stop.
    static func run(txn: Transaction, spans: Database, byLabel: Database, labels: [UInt32]?, documents: [UInt32]?,
                    _ body: (SpanKey, UnsafeRawBufferPointer?) throws -> Bool) throws {
        guard let labels else {
            try txn.withCursor(spans) { try single(Stream(cursor: $0, label: nil), documents: documents, body) }
            return
        }
        if labels.count == 1 {
            // One stream (the usual query): nothing to merge, no arrays.
            try txn.withCursor(byLabel) { try single(Stream(cursor: $0, label: labels[0]), documents: documents, body) }
            return
        }
        var streams: [Stream] = []
        streams.reserveCapacity(labels.count)
        func open(_ i: Int) throws {
            guard i < labels.count else { return try merge(streams, documents: documents, body) }
            try txn.withCursor(byLabel) { cursor in
                streams.append(Stream(cursor: cursor, label: labels[i]))
                try open(i + 1)
            }
        }
        try open(0)
    }

    private struct Head {
        var key: SpanKey
        /// The span's record, when the stream is the primary database.
        var record: UnsafeRawBufferPointer?
    }

    /// One sorted stream: a cursor on the label index reading the entries of `label`, or on the
    /// primary database (`label` nil).
    private struct Stream {
        let cursor: Cursor
        let label: UInt32?

        /// The first entry in `documents` (any document when `nil`).
        func first(documents: [UInt32]?) throws -> Head? {
            try head(try seek(document: documents?.first), documents: documents)
        }

        /// The entry after the last one returned that is in `documents`.
        func next(documents: [UInt32]?) throws -> Head? {
            try head(try cursor.next(), documents: documents)
        }

        /// The first entry of the stream at or after `document` (the first of all when `nil`).
        private func seek(document: UInt32?) throws -> Cursor.Entry? {
            switch (label, document) {
            case (let label?, let document?):
                // Label index: one key per label, the span keys its sorted values.
                try IndexKey.withKey(label) { key in try IndexKey.withKey(document) { try cursor.seek(key: key, valueAtOrAfter: $0) } }
            case (let label?, nil): try IndexKey.withKey(label) { try cursor.seek(atOrAfter: $0) }
            case (nil, let document?): try IndexKey.withKey(document) { try cursor.seek(atOrAfter: $0) }
            case (nil, nil): try cursor.first()
            }
        }

        /// The head at `entry`, or past it at the next entry in `documents`; `nil` at the end.
        private func head(_ entry: Cursor.Entry?, documents: [UInt32]?) throws -> Head? {
            var entry = entry
            while let (key, value) = entry {
                let spanKey: SpanKey
                if let label {
                    // Label index: key label, value the span key.
                    guard key.count == 4, ByteReader.u32(key, at: 0) == label else { return nil }
                    spanKey = try SpanKey(suffixOf: value)
                } else {
                    spanKey = try SpanKey(suffixOf: key)
                }
                guard let documents, !binarySearch(documents, spanKey.document) else {
                    return Head(key: spanKey, record: label == nil ? value : nil)
                }
                guard let next = documents.first(where: { $0 > spanKey.document }) else { return nil }
                entry = try seek(document: next)
            }
            return nil
        }
    }

    private static func single(_ stream: Stream, documents: [UInt32]?,
                               _ body: (SpanKey, UnsafeRawBufferPointer?) throws -> Bool) throws {
        var head = try stream.first(documents: documents)
        while let current = head {
            guard try body(current.key, current.record) else { return }
            head = try stream.next(documents: documents)
        }
    }

    private static func merge(_ streams: [Stream], documents: [UInt32]?,
                              _ body: (SpanKey, UnsafeRawBufferPointer?) throws -> Bool) throws {
        var heads = try streams.map { try $0.first(documents: documents) }
        while true {
            var best = -1
            for i in heads.indices {
                guard let head = heads[i] else { continue }
                if best < 0 || head.key < (heads[best]?.key ?? head.key) { best = i }
            }
            guard best >= 0, let head = heads[best] else { return }
            guard try body(head.key, head.record) else { return }
            heads[best] = try streams[best].next(documents: documents)
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
