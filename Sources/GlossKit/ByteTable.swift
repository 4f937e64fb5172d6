/// An interning table of byte strings: each distinct UTF-8 key gets a dense id (0, 1, 2 …).
///
/// Open addressing with linear probing over a fast multiply–xor hash, with no `Hasher` set-up
/// or finalisation and no canonical-equivalence work. The hash is seeded (a random seed per
/// lexicon, shared by the tables that look keys up in it) so that a crafted text cannot pile
/// its words into one chain. A key of up to 16 bytes (an Arabic word
/// of up to eight letters) is held in two machine words, so hashing it and comparing it are a
/// few word operations; longer keys keep their tail in a byte arena. Keys compare by bytes:
/// Gloss keys are already in GlossKit's matching form, where byte equality is the right
/// equality. (Byte equality is `String` equality only for text without combining marks and
/// without characters that decompose canonically; the People and Numbers extractors check their
/// tables for that.)
public struct ByteTable: Sendable {
    /// A key prepared for lookup: its first 16 bytes as two little-endian words (zero-padded),
    /// its length and its hash.
    public struct Key: Sendable {
        @usableFromInline let w0: UInt64
        @usableFromInline let w1: UInt64
        @usableFromInline let count: Int
        @usableFromInline let hash: UInt64

        /// The key of some bytes (valid while they are) under a table's `seed`.
        @inlinable @inline(__always)
        public init(_ bytes: UnsafeRawBufferPointer, seed: UInt64) {
            let n = bytes.count
            count = n
            if n >= 16 {
                w0 = Self.word(bytes, 0)
                w1 = Self.word(bytes, 8)
            } else if n > 8 {
                w0 = Self.word(bytes, 0)
                // The last eight bytes, shifted so that bytes 8..<n land at the bottom.
                w1 = Self.word(bytes, n - 8) >> UInt64(8 * (16 - n))
            } else if n == 8 {
                w0 = Self.word(bytes, 0)
                w1 = 0
            } else {
                w0 = Self.partialWord(bytes)
                w1 = 0
            }
            var h = (w0 ^ seed) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            h = (h ^ w1 ^ UInt64(truncatingIfNeeded: n)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            var i = 16
            while i + 8 <= n {
                h = (h ^ Self.word(bytes, i)) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 29
                i += 8
            }
            if i < n {
                var word: UInt64 = 0
                var shift: UInt64 = 0
                while i < n {
                    word |= UInt64(bytes[i]) << shift
                    shift += 8
                    i += 1
                }
                h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 29
            }
            h ^= h >> 33
            h &*= 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 33
            hash = h
        }

        /// Eight bytes from `offset` as a little-endian word.
        @inlinable @inline(__always)
        static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }

        /// Up to seven bytes as a little-endian word.
        @inlinable @inline(__always)
        static func partialWord(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
            let n = bytes.count
            if n >= 4 {
                // Two overlapping four-byte loads; the shared bytes land on the same bits.
                let low = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
                let high = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
                return low | high << UInt64(8 * (n - 4))
            }
            var word: UInt64 = 0
            for i in 0..<n { word |= UInt64(bytes[i]) << UInt64(8 * i) }
            return word
        }
    }

    @usableFromInline
    struct Entry: Sendable {
        @usableFromInline var w0: UInt64
        @usableFromInline var w1: UInt64
        @usableFromInline var hash: UInt64
        @usableFromInline var count: Int32
        /// Where bytes 16… of a long key start in ``tails``.
        @usableFromInline var tail: Int32

        @inlinable
        init(w0: UInt64, w1: UInt64, hash: UInt64, count: Int32, tail: Int32) {
            self.w0 = w0
            self.w1 = w1
            self.hash = hash
            self.count = count
            self.tail = tail
        }
    }

    @usableFromInline var entries: [Entry] = []
    /// Bytes after the sixteenth of long keys, one after another.
    @usableFromInline var tails: [UInt8] = []
    /// Ids by hash slot, `-1` for an empty slot.
    @usableFromInline var slots: [Int32]
    @usableFromInline var mask: Int
    /// The hash seed of this table's keys.
    public let seed: UInt64

    /// Creates a table sized for about `capacity` keys, hashing with `seed` (a random seed keeps
    /// a crafted text from piling its words into one chain).
    public init(capacity: Int, seed: UInt64) {
        self.seed = seed
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        entries.reserveCapacity(capacity)
    }

    /// The number of keys.
    @inlinable public var count: Int { entries.count }

    /// The id of a key, or `-1`.
    @inlinable @inline(__always)
    public func find(_ key: Key, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var slot = Int(truncatingIfNeeded: key.hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return -1 }
            if equals(id, key, bytes) { return id }
            slot = (slot + 1) & mask
        }
    }

    /// The id of a key, or `-1`.
    @inlinable
    public func find(_ string: String) -> Int32 {
        // A native string lends its bytes in place; others are made contiguous first.
        if let id = string.utf8.withContiguousStorageIfAvailable({ find(Key(UnsafeRawBufferPointer($0), seed: seed), UnsafeRawBufferPointer($0)) }) {
            return id
        }
        var string = string
        return string.withUTF8 { find(Key(UnsafeRawBufferPointer($0), seed: seed), UnsafeRawBufferPointer($0)) }
    }

    /// Adds a key unless present; returns its id and whether it was added.
    @inlinable @inline(__always)
    public mutating func insert(_ key: Key, _ bytes: UnsafeRawBufferPointer) -> (id: Int32, inserted: Bool) {
        var slot = Int(truncatingIfNeeded: key.hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if equals(id, key, bytes) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = Int32(entries.count)
        var tail: Int32 = 0
        if key.count > 16 {
            tail = Int32(tails.count)
            tails.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[16...]).assumingMemoryBound(to: UInt8.self))
        }
        entries.append(Entry(w0: key.w0, w1: key.w1, hash: key.hash, count: Int32(key.count), tail: tail))
        slots[slot] = id
        if entries.count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// Adds a key unless present; returns its id.
    @inlinable @discardableResult
    public mutating func insert(_ string: String) -> Int32 {
        var string = string
        return string.withUTF8 { insert(Key(UnsafeRawBufferPointer($0), seed: seed), UnsafeRawBufferPointer($0)).id }
    }

    @usableFromInline
    mutating func grow() {
        let size = slots.count * 2
        var fresh = [Int32](repeating: -1, count: size)
        let newMask = size - 1
        for (id, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & newMask
            while fresh[slot] >= 0 { slot = (slot + 1) & newMask }
            fresh[slot] = Int32(id)
        }
        slots = fresh
        mask = newMask
    }

    @inlinable @inline(__always)
    func equals(_ id: Int32, _ key: Key, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let entry = entries[Int(id)]
        guard entry.hash == key.hash, Int(entry.count) == key.count, entry.w0 == key.w0, entry.w1 == key.w1 else {
            return false
        }
        guard key.count > 16 else { return true }
        let start = Int(entry.tail)
        return tails.withUnsafeBufferPointer { stored in
            for i in 16..<key.count where stored[start + i - 16] != bytes[i] { return false }
            return true
        }
    }

    /// The byte length of key `id`.
    @inlinable @inline(__always)
    public func length(_ id: Int32) -> Int { Int(entries[Int(id)].count) }

    /// Calls `body` with the bytes of key `id` (valid only inside `body`).
    @inlinable @inline(__always)
    public func withBytes<R>(_ id: Int32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let entry = entries[Int(id)]
        let n = Int(entry.count)
        if n <= 16 {
            let words = (entry.w0.littleEndian, entry.w1.littleEndian)
            return withUnsafeBytes(of: words) { body(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return withUnsafeTemporaryAllocation(byteCount: n, alignment: 8) { buffer in
            buffer.storeBytes(of: entry.w0.littleEndian, toByteOffset: 0, as: UInt64.self)
            buffer.storeBytes(of: entry.w1.littleEndian, toByteOffset: 8, as: UInt64.self)
            let start = Int(entry.tail)
            tails.withUnsafeBytes { stored in
                for i in 16..<n { buffer[i] = stored[start + i - 16] }
            }
            return body(UnsafeRawBufferPointer(buffer))
        }
    }

    /// Key `id` as a string.
    public func string(_ id: Int32) -> String {
        withBytes(id) { String(decoding: $0, as: UTF8.self) }
    }
}
