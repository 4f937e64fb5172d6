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

    /// The number of entries pending.
    var count: Int { entries.count }

    /// Makes room for `count` more entries of about `bytes` bytes each, so that the lists do not
    /// grow (and copy themselves) step by step.
    mutating func reserveCapacity(_ count: Int, bytesEach bytes: Int) {
        entries.reserveCapacity(entries.count + count)
        let needed = used + count * bytes
        if needed > storage.capacity { moveStorage(capacity: needed) }
    }

    /// Moves the bytes in use to a buffer of `capacity` bytes of this list's own.
    private mutating func moveStorage(capacity: Int) {
        let grown = Storage(capacity: capacity)
        grown.pointer.copyMemory(from: storage.pointer, byteCount: used)
        storage = grown
    }

    /// Remembers one entry (keys and values of the indexes are far shorter than 64 KiB).
    mutating func append(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        let length = key.count + value.count
        if used + length > storage.capacity || !isKnownUniquelyReferenced(&storage) {
            moveStorage(capacity: max(1 << 16, 2 * (used + length)))
        }
        let destination = storage.pointer + used
        Self.copy(key, to: destination)
        Self.copy(value, to: destination + key.count)
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

    /// Copies a key or a value: up to 32 bytes as words, in place (index keys and span keys are
    /// 4 to ~40 bytes, for which a call to `memmove` cost more than the copy), longer ones by
    /// `memmove`.
    @inline(__always)
    private static func copy(_ source: UnsafeRawBufferPointer, to destination: UnsafeMutableRawPointer) {
        guard let start = source.baseAddress else { return }
        let count = source.count
        func word(_ offset: Int) { destination.storeBytes(of: start.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self) }
        switch count {
        case 8...16:
            // Two words, overlapping when fewer than 16 bytes.
            word(0)
            word(count - 8)
        case 17...32:
            word(0)
            word(8)
            word(count - 16)
            word(count - 8)
        case 4..<8:
            destination.storeBytes(of: start.loadUnaligned(as: UInt32.self), as: UInt32.self)
            destination.storeBytes(of: start.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self), toByteOffset: count - 4, as: UInt32.self)
        default:
            destination.copyMemory(from: start, byteCount: count)
        }
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
                    // The run's values side by side (what `putDuplicates` takes), in scratch
                    // memory: on the stack when small.
                    let size = Int(first.valueLength)
                    try withUnsafeTemporaryAllocation(byteCount: (end - start) * size, alignment: 8) { values in
                        guard let destination = values.baseAddress, let origin = base.baseAddress else { return }
                        for (k, entry) in entries[start ..< end].enumerated() {
                            (destination + k * size).copyMemory(from: origin + entry.offset + Int(entry.keyLength), byteCount: size)
                        }
                        try cursor.putDuplicates(key: key, values: UnsafeRawBufferPointer(values), size: size)
                    }
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
    /// First a counting sort on the keys' first four bytes — the label id both indexes' keys
    /// start with — when every key has them: a batch of new documents makes each label's
    /// entries in order already (documents are appended, a document's spans put in key order),
    /// so the label index needs nothing more, and the value index sorts per label.
    ///
    /// Then each part: left as it is when sorted (a value-log merge gathers its entries in
    /// order); given to the standard library's sort when it is a few sorted runs, which it
    /// merges in linear time; otherwise sorted by a quicksort in place. The standard
    /// library's sort is stable, which equal entries do not need (they are the same bytes), and
    /// cost about twice the instructions on shuffled entries (it moves every entry through a
    /// buffer at each merge). Ranges that recurse too deep are left to the standard library's
    /// sort, so the worst case stays n log n.
    mutating func sort() {
        let base = bytes
        var parts = [0 ..< entries.count]
        if entries.count >= 256, let buckets = Self.bucketsByFirstWord(entries) {
            entries = buckets.entries
            parts = buckets.parts
        }
        entries.withUnsafeMutableBufferPointer { entries in
            for part in parts where part.count > 1 {
                var descents = 0
                for k in part.dropFirst() where Self.precedes(entries[k], entries[k - 1], in: base) { descents += 1 }
                if descents == 0 { continue }
                if descents <= part.count / 64 {
                    var slice = UnsafeMutableBufferPointer(rebasing: entries[part])
                    slice.sort { Self.precedes($0, $1, in: base) }
                } else {
                    let depth = 2 * (Int.bitWidth - part.count.leadingZeroBitCount)
                    Self.quicksort(entries, part.lowerBound, part.upperBound - 1, depth: depth, base)
                }
            }
        }
    }

    /// `entries` grouped by their first four bytes (in order of those bytes, each group in the
    /// order it came), and the groups' ranges; nil when a key is shorter than four bytes or the
    /// first words are too many to count.
    private static func bucketsByFirstWord(_ entries: [Entry]) -> (entries: [Entry], parts: [Range<Int>])? {
        var largest: UInt64 = 0
        for entry in entries {
            guard entry.keyLength >= 4 else { return nil }
            largest = max(largest, entry.head >> 32)
        }
        guard largest < 4096 else { return nil }
        var starts = [Int](repeating: 0, count: Int(largest) + 2)
        for entry in entries { starts[Int(entry.head >> 32) + 1] += 1 }
        for word in 1 ..< starts.count { starts[word] += starts[word - 1] }
        let parts = (0 ..< starts.count - 1).map { starts[$0] ..< starts[$0 + 1] }
        var next = starts
        let grouped = [Entry](unsafeUninitializedCapacity: entries.count) { buffer, initialized in
            for entry in entries {
                let word = Int(entry.head >> 32)
                buffer.initializeElement(at: next[word], to: entry)
                next[word] += 1
            }
            initialized = entries.count
        }
        return (grouped, parts)
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
            // Then eight bytes at a time, as big-endian words (equal values — the same number,
            // the same place — leave it to the span keys, which differ in these words).
            var offset = 16
            while offset + 8 <= common {
                let x = UInt64(bigEndian: (start + a.offset + offset).loadUnaligned(as: UInt64.self))
                let y = UInt64(bigEndian: (start + b.offset + offset).loadUnaligned(as: UInt64.self))
                if x != y { return x < y }
                offset += 8
            }
            if offset < common {
                let order = memcmp(start + a.offset + offset, start + b.offset + offset, common - offset)
                if order != 0 { return order < 0 }
            }
            return xLength < yLength
        }
        // Keys of different lengths compare as LMDB compares them: their common prefix, then
        // the shorter first. The words hold the first 8 and 16 bytes of both keys when both are
        // that long.
        let shorter = Int(min(a.keyLength, b.keyLength))
        if shorter >= 8, a.head != b.head { return a.head < b.head }
        if shorter >= 16, a.tail != b.tail { return a.tail < b.tail }
        guard let start = base.baseAddress else { return false }
        let order = memcmp(start + a.offset, start + b.offset, shorter)
        return order != 0 ? order < 0 : a.keyLength < b.keyLength
    }
}
