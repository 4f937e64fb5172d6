import LMDB

/// Merges sorted span-key streams — each label's entries in the label index, or the primary
/// `spans` database itself — into one stream in result order, optionally restricted to a sorted
/// list of documents (skipped over by seeking, not by reading).
enum MergedSpanKeys {
    /// Streams the entries of `labels` in the label index `byLabel`, or the primary database
    /// through `records` (a cursor on it) when `labels` is `nil`. `body` gets each key and, for
    /// the primary database, its record; returns false to stop.
    static func run(txn: Transaction, records: Cursor, byLabel: Database, labels: [UInt32]?, documents: [UInt32]?,
                    _ body: (SpanKey, UnsafeRawBufferPointer?) throws -> Bool) throws {
        guard let labels else {
            try single(RecordStream(cursor: records), documents: documents, body)
            return
        }
        if labels.count == 1 {
            // One stream (the usual query): nothing to merge, no arrays.
            try txn.withCursor(byLabel) { try single(LabelStream(cursor: $0, label: labels[0]), documents: documents, body) }
            return
        }
        var streams: [LabelStream] = []
        streams.reserveCapacity(labels.count)
        func open(_ i: Int) throws {
            guard i < labels.count else { return try merge(streams, documents: documents, body) }
            try txn.withCursor(byLabel) { cursor in
                streams.append(LabelStream(cursor: cursor, label: labels[i]))
                try open(i + 1)
            }
        }
        try open(0)
    }

    /// The span keys of `label` in `document`, from the label index, until `body` returns false.
    static func run(txn: Transaction, byLabel: Database, label: UInt32, document: UInt32,
                    _ body: (SpanKey) throws -> Bool) throws {
        try txn.withCursor(byLabel) { cursor in
            var stream = LabelStream(cursor: cursor, label: label)
            let documents = [document]
            var head = try stream.first(documents: documents)
            while let current = head, try body(current.key) {
                head = try stream.next(documents: documents)
            }
        }
    }

    private struct Head {
        var key: SpanKey
        /// The span's record, when the stream is the primary database.
        var record: UnsafeRawBufferPointer?
    }

    /// A sorted stream of span keys.
    private protocol Stream {
        /// The first entry in `documents` (any document when `nil`).
        mutating func first(documents: [UInt32]?) throws -> Head?
        /// The entry after the last one returned that is in `documents`.
        mutating func next(documents: [UInt32]?) throws -> Head?
    }

    /// The primary database: its keys are the span keys, its values the records.
    private struct RecordStream: Stream {
        let cursor: Cursor

        func first(documents: [UInt32]?) throws -> Head? {
            try head(try seek(document: documents?.first), documents: documents)
        }

        func next(documents: [UInt32]?) throws -> Head? {
            try head(try cursor.next(), documents: documents)
        }

        /// The first entry at or after `document` (the first of all when `nil`).
        private func seek(document: UInt32?) throws -> Cursor.Entry? {
            guard let document else { return try cursor.first() }
            return try IndexKey.withKey(document) { try cursor.seek(atOrAfter: $0) }
        }

        /// The head at `entry`, or past it at the next entry in `documents`; `nil` at the end.
        private func head(_ entry: Cursor.Entry?, documents: [UInt32]?) throws -> Head? {
            var entry = entry
            while let (key, record) = entry {
                let spanKey = try SpanKey(suffixOf: key)
                guard let documents, !binarySearch(documents, spanKey.document) else { return Head(key: spanKey, record: record) }
                guard let next = documents.first(where: { $0 > spanKey.document }) else { return nil }
                entry = try seek(document: next)
            }
            return nil
        }
    }

    /// The entries of one label in the label index (one key per label, the span keys its
    /// sorted values), read a page of values per cursor call.
    private struct LabelStream: Stream {
        let cursor: Cursor
        let label: UInt32
        /// The page of span keys the stream is on (``SpanKey/size`` bytes each), and the offset
        /// of its current span key in it.
        private var page = UnsafeRawBufferPointer(start: nil, count: 0)
        private var offset = 0

        init(cursor: Cursor, label: UInt32) {
            self.cursor = cursor
            self.label = label
        }

        mutating func first(documents: [UInt32]?) throws -> Head? {
            try head(try seek(document: documents?.first), documents: documents)
        }

        mutating func next(documents: [UInt32]?) throws -> Head? {
            offset += SpanKey.size
            return try head(offset < page.count || nextPage(), documents: documents)
        }

        /// Moves to the first span key of the label's next page; false after its last page.
        private mutating func nextPage() throws -> Bool {
            guard let values = try cursor.nextDuplicatePage() else { return false }
            page = try SpanKey.page(values, of: cursor.database)
            offset = 0
            return true
        }

        /// Moves to the label's first span key at or after `document` (its first of all when
        /// `nil`); false when there is none.
        private mutating func seek(document: UInt32?) throws -> Bool {
            let found = try IndexKey.withKey(label) { key in
                guard let document else { return try cursor.seek(exactly: key) != nil }
                return try IndexKey.withKey(document) { try cursor.move(toKey: key, valueAtOrAfter: $0) }
            }
            guard found, let values = try cursor.duplicatePage() else { return false }
            page = try SpanKey.page(values, of: cursor.database)
            // The page comes whole: the cursor stood on its first span key at or after the document.
            offset = document.map { Self.firstOffset(in: page, atOrAfter: $0) } ?? 0
            return try offset < page.count || nextPage()
        }

        /// The head at the current span key (when `found`), or past it at the next one in
        /// `documents`; `nil` at the end.
        private mutating func head(_ found: Bool, documents: [UInt32]?) throws -> Head? {
            var found = found
            while found {
                let spanKey = try SpanKey(suffixOf: UnsafeRawBufferPointer(rebasing: page[offset ..< offset + SpanKey.size]))
                guard let documents, !binarySearch(documents, spanKey.document) else { return Head(key: spanKey, record: nil) }
                guard let next = documents.first(where: { $0 > spanKey.document }) else { return nil }
                found = try seek(document: next)
            }
            return nil
        }

        /// The offset of the first span key of `page` whose document is `>= document`.
        private static func firstOffset(in page: UnsafeRawBufferPointer, atOrAfter document: UInt32) -> Int {
            var low = 0
            var high = page.count / SpanKey.size
            while low < high {
                let mid = (low + high) / 2
                if ByteReader.u32(page, at: mid * SpanKey.size) < document { low = mid + 1 } else { high = mid }
            }
            return low * SpanKey.size
        }
    }

    private static func single<S: Stream>(_ stream: S, documents: [UInt32]?,
                                          _ body: (SpanKey, UnsafeRawBufferPointer?) throws -> Bool) throws {
        var stream = stream
        var head = try stream.first(documents: documents)
        while let current = head {
            guard try body(current.key, current.record) else { return }
            head = try stream.next(documents: documents)
        }
    }

    private static func merge(_ streams: [LabelStream], documents: [UInt32]?,
                              _ body: (SpanKey, UnsafeRawBufferPointer?) throws -> Bool) throws {
        var streams = streams
        var heads = try streams.indices.map { try streams[$0].first(documents: documents) }
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
        if sorted.count == 1 { return sorted[0] == value }  // one document (a lookup): each record
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == value
    }
}
