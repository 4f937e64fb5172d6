import LMDB

/// How document texts are stored: cut into chunks of ``codePoints`` code points (the last one
/// shorter), each under `doc u32 · chunk u32` in `texts`.
///
/// Chunks keep every text inline in B-tree pages (at most 1 KiB each: LMDB moves values over
/// about 2 KiB to overflow pages rounded up to 4 KiB, which wasted a third of the text space),
/// and they make code-point offsets random access: a span starting at code point `s` lies in
/// chunk `s / 256`, so reading it walks at most 255 code points whatever the document's length.
enum TextChunks {
    /// Code points per chunk.
    static let codePoints = 256

    /// Calls `body` with each chunk's index and UTF-8 bytes; returns the number of code points.
    @discardableResult
    static func forEachChunk(of utf8: UnsafeRawBufferPointer, _ body: (UInt32, UnsafeRawBufferPointer) throws -> Void) rethrows -> Int {
        var walker = CodePointWalker(bytes: utf8)
        var chunk: UInt32 = 0
        var start = 0
        while true {
            // The walker stops early at the end of the text: that is the last chunk.
            let end = walker.offset(clampedTo: (Int(chunk) + 1) * codePoints)
            try body(chunk, UnsafeRawBufferPointer(rebasing: utf8[start..<end.utf8]))
            if end.utf8 == utf8.count { return end.codePoint }
            chunk += 1
            start = end.utf8
        }
    }

    /// Lends the key of one chunk from the stack.
    static func withKey<R>(document: UInt32, chunk: UInt32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try IndexKey.withKey(document, document: chunk, body)
    }
}

extension StoreContext {
    /// Calls `body` with the chunks of a document's text in order; returns how many there were.
    @discardableResult
    func forEachTextChunk(of id: UInt32, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        var chunks = 0
        try txn.scan(schema.texts, prefix: IndexKey.prefix(id)) { key, value in
            guard key.count == 8, ByteReader.u32(key, at: 4) == UInt32(chunks) else {
                throw StoreError.corrupt("the text of document \(id) has a missing or misplaced chunk")
            }
            chunks += 1
            try body(value)
            return true
        }
        return chunks
    }

    /// A document's whole text.
    func text(of id: UInt32) throws -> String {
        var bytes: [UInt8] = []
        let chunks = try forEachTextChunk(of: id) { bytes.append(contentsOf: $0) }
        guard chunks > 0 else { throw StoreError.corrupt("document \(id) has no text") }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension WriteContext {
    /// Stores a document's text in chunks (replacing any text it had, when `replacing`);
    /// returns its length in code points.
    @discardableResult
    func putText(_ text: String, document: UInt32, replacing: Bool = true) throws -> Int {
        if replacing { try deleteText(document: document) }
        var text = text
        // A new document's chunks sort after every stored one: appended through one cursor
        // (see Cursor.append: each append starts from the last page, not the root) until one
        // does not, then put in place.
        var appending = true
        return try text.withUTF8 { utf8 in
            try txn.withCursor(schema.texts) { cursor in
                try TextChunks.forEachChunk(of: UnsafeRawBufferPointer(utf8)) { chunk, bytes in
                    try TextChunks.withKey(document: document, chunk: chunk) { key in
                        if appending, try cursor.append(key: key, value: bytes) { return }
                        appending = false
                        try txn.put(schema.texts, key: key, value: bytes)
                    }
                }
            }
        }
    }

    /// Deletes a document's text.
    func deleteText(document: UInt32) throws {
        var chunk: UInt32 = 0
        while try TextChunks.withKey(document: document, chunk: chunk, { try txn.delete(schema.texts, key: $0) }) {
            chunk += 1
        }
    }
}
