import Foundation
import LMDB

/// Entries for one index database that a write transaction has made but not yet put: they are
/// put in key order, all at once, before the transaction reads or deletes index entries and
/// before it commits.
///
/// Why: LMDB splits a full page at its middle unless told that the new entry goes last. Put
/// in key order with ``Cursor/putDuplicate(key:value:)``, the entries of a batch of new
/// documents are appended to each label's and each value's run of span keys and fill their
/// pages; put as they come, they leave half-empty pages behind. At 100k spans the store takes
/// 176 bytes per span instead of 213, and the puts are faster (neighbouring keys, pages already
/// in the cache). The entries of one key go in one call (``Cursor/putDuplicates(key:values:size:)``):
/// a batch's label index entries are a few calls, one per label.
struct PendingIndexEntries {
    /// Where one entry's key and value sit in `bytes`, and its first 16 bytes (key then value)
    /// as two big-endian words, which order most pairs of entries without reading `bytes`.
    private struct Entry {
        var head: UInt64
        var tail: UInt64
        var offset: Int
        var keyLength: UInt16
        var valueLength: UInt16
    }

    /// The entries' bytes, one after the other: a buffer grown by doubling, into which an
    /// append copies (an array's generic `append(contentsOf:)` cost several times more). Shared
    /// between copies of the struct until one of them appends (copy on write).
    private final class Storage {
        let pointer: UnsafeMutableRawPointer
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            pointer = .allocate(byteCount: capacity, alignment: 8)
        }

        deinit { pointer.deallocate() }
    }

    /// The index these entries belong to.
    let database: Database
    private var storage = Storage(capacity: 0)
    private var used = 0
    private var entries: [Entry] = []

    /// The bytes in use.
    private var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage.pointer, count: used) }

    init(_ database: Database) {
        self.database = database
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Remembers one entry (keys and values of the indexes are far shorter than 64 KiB).
    mutating func append(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        let length = key.count + value.count
        if used + length > storage.capacity || !isKnownUniquelyReferenced(&storage) {
            let grown = Storage(capacity: max(1 << 16, 2 * (used + length)))
            grown.pointer.copyMemory(from: storage.pointer, byteCount: used)
            storage = grown
        }
        let destination = storage.pointer + used
        if let start = key.baseAddress { destination.copyMemory(from: start, byteCount: key.count) }
        if let start = value.baseAddress { (destination + key.count).copyMemory(from: start, byteCount: value.count) }
        // The first 16 bytes, as two big-endian words (zero-padded when the entry is shorter).
        let head: UInt64
        let tail: UInt64
        if length >= 16 {
            head = UInt64(bigEndian: destination.loadUnaligned(as: UInt64.self))
            tail = UInt64(bigEndian: destination.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        } else {
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { $0.baseAddress?.copyMemory(from: destination, byteCount: length) }
            head = UInt64(bigEndian: words.0)
            tail = UInt64(bigEndian: words.1)
        }
        entries.append(Entry(head: head, tail: tail, offset: used,
                             keyLength: UInt16(truncatingIfNeeded: key.count), valueLength: UInt16(truncatingIfNeeded: value.count)))
        used += length
    }

    /// Puts the entries in key order, then value order (LMDB's order of keys and of sorted
    /// duplicates), through one cursor, and forgets them. Entries put twice are stored once,
    /// as with direct puts.
    /// `every`, when given, is called after each `interval` entries (to let go of the map's
    /// pages the puts read, see ``WriteContext/releasesMappedPages``).
    mutating func flush(in txn: Transaction, interval: Int = 512, every: (() -> Void)? = nil) throws {
        guard !entries.isEmpty else { return }
        sort()
        let base = bytes
        // The values of a run of entries with one key, side by side (what `putDuplicates` takes).
        var values: [UInt8] = []
        try txn.withCursor(database) { cursor in
            var start = 0
            var released = 0
            while start < entries.count {
                let first = entries[start]
                let key = Self.key(of: first, in: base)
                var end = start + 1
                while end < entries.count, entries[end].keyLength == first.keyLength, entries[end].valueLength == first.valueLength,
                      let origin = base.baseAddress, memcmp(origin + entries[end].offset, origin + first.offset, key.count) == 0 {
                    end += 1
                }
                if end - start == 1 || first.valueLength == 0 {
                    for entry in entries[start ..< end] { try cursor.putDuplicate(key: key, value: Self.value(of: entry, in: base)) }
                } else {
                    values.removeAll(keepingCapacity: true)
                    for entry in entries[start ..< end] { values.append(contentsOf: Self.value(of: entry, in: base)) }
                    try values.withUnsafeBytes { try cursor.putDuplicates(key: key, values: $0, size: Int(first.valueLength)) }
                }
                if let every, end / interval > released {
                    released = end / interval
                    every()
                }
                start = end
            }
        }
        forget()
    }

    /// Calls `body` with each entry in key order, then value order, and forgets them.
    mutating func drain(_ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard !entries.isEmpty else { return }
        sort()
        let base = bytes
        for entry in entries { try body(Self.key(of: entry, in: base), Self.value(of: entry, in: base)) }
        forget()
    }

    /// Empties the list, keeping its buffers for the next entries.
    private mutating func forget() {
        entries.removeAll(keepingCapacity: true)
        used = 0
    }

    private static func key(of entry: Entry, in base: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: base[entry.offset ..< entry.offset + Int(entry.keyLength)])
    }

    private static func value(of entry: Entry, in base: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let start = entry.offset + Int(entry.keyLength)
        return UnsafeRawBufferPointer(rebasing: base[start ..< start + Int(entry.valueLength)])
    }

    /// Sorts the entries into the order they are put in.
    ///
    /// Entries that come as a few sorted runs (a value-log merge reads sorted runs one after
    /// the other) go to the standard library's sort, which merges runs in linear time. Others
    /// (a batch's entries, in document order) are sorted by a quicksort in place: the standard
    /// library's sort is stable, which equal entries do not need (they are the same bytes),
    /// and cost about twice the instructions on them (it moves every entry through a buffer
    /// at each merge). Ranges that recurse too deep are left to the standard library's sort,
    /// so the worst case stays n log n.
    mutating func sort() {
        let base = bytes
        entries.withUnsafeMutableBufferPointer { entries in
            var descents = 0
            for k in entries.indices.dropFirst() where Self.precedes(entries[k], entries[k - 1], in: base) { descents += 1 }
            if descents <= entries.count / 64 {
                entries.sort { Self.precedes($0, $1, in: base) }
            } else {
                let depth = 2 * (Int.bitWidth - entries.count.leadingZeroBitCount)
                Self.quicksort(entries, 0, entries.count - 1, depth: depth, base)
            }
        }
    }

    /// Sorts `entries[low...high]`: Hoare partitions around the middle entry, the smaller part
    /// first by recursion, the larger by looping; short ranges by insertion.
    private static func quicksort(_ entries: UnsafeMutableBufferPointer<Entry>, _ low: Int, _ high: Int, depth: Int,
                                  _ base: UnsafeRawBufferPointer) {
        var low = low
        var high = high
        var depth = depth
        while high - low >= 16 {
            guard depth > 0 else {
                var part = UnsafeMutableBufferPointer(rebasing: entries[low ... high])
                part.sort { precedes($0, $1, in: base) }
                return
            }
            depth -= 1
            let pivot = entries[low + (high - low) / 2]
            var i = low - 1
            var j = high + 1
            while true {
                repeat { i += 1 } while precedes(entries[i], pivot, in: base)
                repeat { j -= 1 } while precedes(pivot, entries[j], in: base)
                if i >= j { break }
                entries.swapAt(i, j)
            }
            // entries[low...j] ≤ pivot ≤ entries[j+1...high], both parts non-empty.
            if j - low < high - j - 1 {
                quicksort(entries, low, j, depth: depth, base)
                low = j + 1
            } else {
                quicksort(entries, j + 1, high, depth: depth, base)
                high = j
            }
        }
        guard low < high else { return }
        for k in (low + 1) ... high {
            let entry = entries[k]
            var slot = k
            while slot > low, precedes(entry, entries[slot - 1], in: base) {
                entries[slot] = entries[slot - 1]
                slot -= 1
            }
            entries[slot] = entry
        }
    }

    /// The entries as key and value bytes, in their current order (for tests).
    var pairs: [(key: [UInt8], value: [UInt8])] {
        let base = bytes
        return entries.map { (Array(Self.key(of: $0, in: base)), Array(Self.value(of: $0, in: base))) }
    }

    /// Key order, then value order: bytes compared as unsigned, a prefix first.
    private static func precedes(_ a: Entry, _ b: Entry, in base: UnsafeRawBufferPointer) -> Bool {
        if a.keyLength == b.keyLength {
            // Same key length: comparing key and value together is comparing key, then value;
            // the words hold the first 16 bytes of that, zero-padded.
            if a.head != b.head { return a.head < b.head }
            if a.tail != b.tail { return a.tail < b.tail }
            let xLength = Int(a.keyLength) + Int(a.valueLength)
            let yLength = Int(b.keyLength) + Int(b.valueLength)
            let common = min(xLength, yLength)
            guard common > 16, let start = base.baseAddress else { return xLength < yLength }
            let order = memcmp(start + a.offset + 16, start + b.offset + 16, common - 16)
            return order != 0 ? order < 0 : xLength < yLength
        }
        guard let start = base.baseAddress else { return false }
        let order = memcmp(start + a.offset, start + b.offset, Int(min(a.keyLength, b.keyLength)))
        return order != 0 ? order < 0 : a.keyLength < b.keyLength
    }
}
