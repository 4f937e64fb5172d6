import CSupport
import GlossKit
import LMDB

/// Where a span's text lies in its document's stored text (``TextChunks``): it starts `offset`
/// bytes into the chunk of its first code point (chunk `start / TextChunks.codePoints`) and
/// takes `length` bytes of UTF-8, running on into the next chunks when it crosses their
/// boundary. Span records keep it (``SpanRecord``), so that reading a span cuts its text
/// without counting code points; writers find it once, when they encode the record.
struct SpanTextLocation: Equatable, Sendable {
    /// Bytes from the start of the span's first chunk to the span's first byte.
    let offset: Int
    /// Bytes of the span's text.
    let length: Int
}

/// Finds the ``SpanTextLocation`` of spans in a document's whole UTF-8 text before it is
/// stored (extraction threads encode records ahead of the writer): the text is cut into chunks
/// exactly as ``TextChunks/forEachChunk(of:_:)`` stores it, and a span is found by walking from
/// its chunk's start, forward from the previous span when it is in the same chunk.
struct SpanTextLocator {
    private let utf8: UnsafeRawBufferPointer
    /// The byte offset of each chunk's first code point.
    private let chunkStarts: [Int]
    private var chunk = -1
    /// Walks from the start of chunk `chunk` to the end of the text.
    private var walker = CodePointWalker(bytes: UnsafeRawBufferPointer(start: nil, count: 0))

    /// A locator in `utf8`, which must stay valid while it is used.
    init(utf8: UnsafeRawBufferPointer) {
        self.utf8 = utf8
        var starts: [Int] = []
        var at = 0
        TextChunks.forEachChunk(of: utf8) { _, bytes in
            starts.append(at)
            at += bytes.count
        }
        chunkStarts = starts
    }

    /// Where code points `start..<end` lie; throws when they are not all in the text.
    mutating func locate(_ start: Int, _ end: Int) throws -> SpanTextLocation {
        let index = start / TextChunks.codePoints
        guard start >= 0, start <= end else {
            throw StoreError.pipeline("internal error: a span at \(start)..<\(end) is not a range of its text")
        }
        if index != chunk {
            guard index < chunkStarts.count else {
                throw StoreError.pipeline("internal error: a span at \(start)..<\(end) lies past the end of its text")
            }
            walker = CodePointWalker(bytes: UnsafeRawBufferPointer(rebasing: utf8[chunkStarts[index]...]))
            chunk = index
        }
        let base = index * TextChunks.codePoints
        let from = try walker.offset(of: start - base, keep: true)
        let to = try walker.offset(of: end - base, keep: false)
        return SpanTextLocation(offset: from, length: to - from)
    }
}

/// Cuts spans' text out of a document's stored text, chunk by chunk (see ``TextChunks``).
///
/// A span whose record gives its ``SpanTextLocation`` is cut there: its chunk is one step of the
/// cursor away (or one search), and nothing is counted. A record of format 1 has no location: its
/// span is found by jumping to its chunk and walking at most 255 code points, forward from the
/// previous span when it is in the same chunk. A span across a chunk boundary is copied into a
/// scratch buffer; every other slice points into the map.
struct TextSlicer {
    /// A cursor on `texts`: the next chunk of a document is one step away (no search).
    private let cursor: Cursor
    /// Where the cursor stands.
    private var cursorAt: (document: UInt32, chunk: Int)?
    private var document: UInt32 = 0
    private var chunkIndex = -1
    /// Stands in chunk `chunkIndex` (its bytes are the chunk's).
    private var walker = CodePointWalker(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
    /// Made for the first span across a chunk boundary.
    private var joined: ScratchBuffer?

    init(texts cursor: Cursor) { self.cursor = cursor }

    /// Starts slicing another document.
    mutating func reset(document: UInt32) {
        self.document = document
        chunkIndex = -1
    }

    private mutating func chunk(_ index: Int) throws -> UnsafeRawBufferPointer {
        let entry: Cursor.Entry?
        if let at = cursorAt, at.document == document, at.chunk + 1 == index {
            entry = try cursor.next()
        } else {
            entry = try TextChunks.withKey(document: document, chunk: UInt32(index)) { try cursor.seek(atOrAfter: $0) }
        }
        guard let (key, bytes) = entry, key.count == 8, ByteReader.u32(key, at: 0) == document,
              ByteReader.u32(key, at: 4) == UInt32(index) else {
            cursorAt = nil
            throw StoreError.corrupt("a span ends past the end of its document (document \(document))")
        }
        cursorAt = (document, index)
        return bytes
    }

    /// Moves to the chunk holding code point `start`; returns its index.
    private mutating func enterChunk(of start: Int) throws -> Int {
        let index = start / TextChunks.codePoints
        if index != chunkIndex {
            walker = CodePointWalker(bytes: try chunk(index))
            chunkIndex = index
        }
        return index
    }

    /// The UTF-8 bytes of code points `start..<end`, cut at `location` when the span's record
    /// gives it, else found by walking; valid until the next call.
    mutating func slice(_ start: Int, _ end: Int, at location: SpanTextLocation?) throws -> UnsafeRawBufferPointer {
        guard let location else { return try walk(start, end).bytes }
        let first = try enterChunk(of: start)
        let bytes = walker.bytes
        // Offsets and lengths are below 2^32 (see SpanRecordView): the sum cannot overflow.
        let last = location.offset + location.length
        if last <= bytes.count { return UnsafeRawBufferPointer(rebasing: bytes[location.offset ..< last]) }
        guard location.offset <= bytes.count else {
            throw StoreError.corrupt("a span record places its text past the end of its chunk (document \(document))")
        }
        let joined = scratch()
        joined.append(UnsafeRawBufferPointer(rebasing: bytes[location.offset...]))
        var left = last - bytes.count
        var index = first + 1
        while left > 0 {
            let next = try chunk(index)
            guard !next.isEmpty else { throw StoreError.corrupt("document \(document) has an empty text chunk") }
            joined.append(UnsafeRawBufferPointer(rebasing: next[..<min(left, next.count)]))
            left -= min(left, next.count)
            index += 1
        }
        return joined.bytes
    }

    /// Where code points `start..<end` lie, found by walking: what a record stores.
    mutating func locate(_ start: Int, _ end: Int) throws -> SpanTextLocation {
        guard start >= 0, start <= end else {
            throw StoreError.pipeline("internal error: a span at \(start)..<\(end) is not a range of its text")
        }
        let (offset, bytes) = try walk(start, end)
        return SpanTextLocation(offset: offset, length: bytes.count)
    }

    /// Walks to code points `start..<end`: the byte offset of `start` in its chunk, and the
    /// bytes (valid until the next call).
    private mutating func walk(_ start: Int, _ end: Int) throws -> (offset: Int, bytes: UnsafeRawBufferPointer) {
        let size = TextChunks.codePoints
        let first = try enterChunk(of: start)
        let from = try walker.offset(of: start - first * size, keep: true)
        if end <= (first + 1) * size {
            let to = try walker.offset(of: end - first * size, keep: false)
            return (from, UnsafeRawBufferPointer(rebasing: walker.bytes[from..<to]))
        }
        let joined = scratch()
        joined.append(UnsafeRawBufferPointer(rebasing: walker.bytes[from...]))
        var index = first + 1
        while true {
            let next = try chunk(index)
            if end <= (index + 1) * size {
                var tail = CodePointWalker(bytes: next)
                joined.append(UnsafeRawBufferPointer(rebasing: next[..<(try tail.offset(of: end - index * size, keep: false))]))
                return (from, joined.bytes)
            }
            joined.append(next)
            index += 1
        }
    }

    /// The scratch buffer, emptied.
    private mutating func scratch() -> ScratchBuffer {
        let joined = self.joined ?? ScratchBuffer()
        self.joined = joined
        joined.removeAll()
        return joined
    }
}

/// Walks UTF-8 text by code points, forward from where it last stopped (or from the end of
/// the last span, when the next one starts after it).
struct CodePointWalker {
    let bytes: UnsafeRawBufferPointer
    private var codePoint = 0
    private var utf8 = 0
    /// The furthest position reached and then left (the end of the last span).
    private var aheadCodePoint = 0
    private var aheadUTF8 = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The byte offset of code point `target`; the walker stays there when `keep`, else returns
    /// to where it was.
    mutating func offset(of target: Int, keep: Bool) throws -> Int {
        if target >= aheadCodePoint, aheadCodePoint > codePoint { (codePoint, utf8) = (aheadCodePoint, aheadUTF8) }
        let saved = (codePoint, utf8)
        guard advance(to: target) else { throw StoreError.corrupt("a span ends past the end of its document") }
        let result = min(utf8, bytes.count)
        if !keep {
            (aheadCodePoint, aheadUTF8) = (codePoint, utf8)
            (codePoint, utf8) = saved
        }
        return result
    }

    /// Walks forward to code point `target`, or to the end of the text if it comes first;
    /// returns where it stopped.
    mutating func offset(clampedTo target: Int) -> (codePoint: Int, utf8: Int) {
        _ = advance(to: target)
        return (codePoint, utf8)
    }

    /// Returns false when the text ends before `target` (the walker then stands at its end).
    ///
    /// Between calls the walker stands on the first byte of code point `codePoint`; inside, it
    /// may stop in the middle of a character, `codePoint` counting the lead bytes (those that
    /// are not continuation bytes, `10xxxxxx`) before `utf8`.
    private mutating func advance(to target: Int) -> Bool {
        if target < codePoint { codePoint = 0; utf8 = 0 }
        guard let base = bytes.baseAddress else { return target == 0 }
        let count = bytes.count
        // Sixty-four, then sixteen bytes at a time while a block's lead bytes stay short of the
        // target (SSE2, in CSupport), then eight at a time to find it.
        if target - codePoint > 16 {
            var left = target - codePoint
            utf8 = gloss_utf8_skip_blocks(base.assumingMemoryBound(to: UInt8.self), count, utf8, &left)
            codePoint = target - left
        }
        // Eight bytes at a time while the word's lead bytes do not pass the target.
        while utf8 + 8 <= count {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: utf8, as: UInt64.self))
            let leads = 8 - UTF8Text.continuationBytes(in: word)
            guard leads <= target - codePoint else {
                // The target's lead byte is in this word, after `passing` others: it is the
                // first byte whose running count of lead bytes exceeds `passing`, so the bytes
                // before it are those whose count does not (no branch per byte: Arabic's
                // two-byte letters and one-byte spaces would make each a coin toss). Counts are
                // at most 8 and `passing` at most 7, so no byte's subtraction borrows from the next.
                let passing = UInt64(target - codePoint)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let isLead = (~(word & ~(word << 1)) & 0x8080_8080_8080_8080) >> 7
                let running = isLead &* ones
                let notPast = ((0x80 + passing) &* ones &- running) & 0x8080_8080_8080_8080
                utf8 += Int(truncatingIfNeeded: ((notPast >> 7) &* ones) >> 56)
                codePoint = target
                return true
            }
            codePoint += leads
            utf8 += 8
        }
        while utf8 < count {
            if bytes[utf8] & 0xC0 != 0x80 {
                if codePoint == target { return true }
                codePoint += 1
            }
            utf8 += 1
        }
        return codePoint == target
    }
}

/// A growable byte buffer owned by one query, for the few slices that must be copied.
final class ScratchBuffer {
    private var storage: UnsafeMutableRawPointer?
    private var capacity = 0
    private(set) var count = 0

    deinit { storage?.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: count) }

    func removeAll() { count = 0 }

    func append(_ more: UnsafeRawBufferPointer) {
        guard let source = more.baseAddress, !more.isEmpty else { return }
        if count + more.count > capacity {
            var grown = max(capacity * 2, 256)
            while grown < count + more.count { grown *= 2 }
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
            if let storage {
                bigger.copyMemory(from: storage, byteCount: count)
                storage.deallocate()
            }
            storage = bigger
            capacity = grown
        }
        guard let storage else { return }
        (storage + count).copyMemory(from: source, byteCount: more.count)
        count += more.count
    }
}
