/// Normalized words → dense ids (0, 1, 2 …), compared by their UTF-8 bytes.
///
/// Swift's `String` hashes and compares by canonical equivalence, which for Arabic text means
/// normalising both sides on every lookup. Token forms and table words are both already in
/// GlossKit's matching form, and the table words hold no combining mark and no character with a
/// canonical decomposition (the tests check this), so two of them are canonically equivalent
/// exactly when their bytes are equal: byte equality is the same equality, much cheaper.
///
/// Open addressing with linear probing over a multiply–xor hash. A key's first sixteen bytes
/// (an Arabic word of up to eight letters) live in its slot as two machine words, so a lookup
/// hashes and compares a few words and touches the byte arena only for longer keys. The table
/// is built once and never grows while a text is read, so a crafted text cannot lengthen its
/// probe chains: the worst lookup walks the longest chain of the fixed table.
struct WordTable: Sendable {
    /// A key's first sixteen bytes as two little-endian words (zero-padded) and its length.
    struct Head: Equatable {
        var w0: UInt64
        var w1: UInt64
        var count: Int

        /// The head of `bytes`, read with word loads that stay inside the buffer.
        @inline(__always)
        init(_ bytes: UnsafeRawBufferPointer) {
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
            } else if n >= 4 {
                // Two overlapping four-byte loads; the shared bytes land on the same bits.
                let low = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
                let high = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
                w0 = low | high << UInt64(8 * (n - 4))
                w1 = 0
            } else {
                var word: UInt64 = 0
                for i in 0..<n { word |= UInt64(bytes[i]) << UInt64(8 * i) }
                w0 = word
                w1 = 0
            }
        }

        @inline(__always)
        static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
    }

    /// One hash slot: the head of the key in it and its id (`-1` when empty).
    private struct Slot {
        var w0: UInt64
        var w1: UInt64
        var count: Int32
        var id: Int32
    }

    /// Every key's bytes, one after another; key `i` is `bytes[offsets[i]..<offsets[i + 1]]`.
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]
    private var slots: [Slot]
    private var mask: Int
    /// The length of the longest key: longer tokens are not looked up.
    private(set) var longest = 0

    /// Creates an empty table.
    init() {
        slots = [Slot](repeating: Slot(w0: 0, w1: 0, count: 0, id: -1), count: 64)
        mask = 63
    }

    /// The number of keys.
    var count: Int { offsets.count - 1 }

    /// The id of `word`, or `-1`.
    @inline(__always)
    func find(_ word: String) -> Int32 {
        let utf8 = word.utf8
        if utf8.count > longest { return -1 }
        if let id = utf8.withContiguousStorageIfAvailable({ find(UnsafeRawBufferPointer($0)) }) { return id }
        return Array(utf8).withUnsafeBytes { find($0) }
    }

    /// The id of a key given as bytes, or `-1`.
    @inline(__always)
    func find(_ key: UnsafeRawBufferPointer) -> Int32 {
        let head = Head(key)
        let hash = Self.hash(head, key)
        return slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let s = slots[slot]
                if s.id < 0 { return -1 }
                if s.w0 == head.w0, s.w1 == head.w1, Int(s.count) == head.count,
                   head.count <= 16 || tailEquals(Int(s.id), key) {
                    return s.id
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Adds `word` unless present; returns its id.
    @discardableResult
    mutating func insert(_ word: String) -> Int32 {
        let key = Array(word.utf8)
        let existing = key.withUnsafeBytes { find($0) }
        if existing >= 0 { return existing }
        let id = Int32(count)
        bytes.append(contentsOf: key)
        offsets.append(bytes.count)
        longest = max(longest, key.count)
        if count * 2 > slots.count { rehash(to: slots.count * 2) } else { place(id) }
        return id
    }

    /// The text of key `id`.
    func word(_ id: Int32) -> String {
        String(decoding: bytes[offsets[Int(id)]..<offsets[Int(id) + 1]], as: UTF8.self)
    }

    /// True when bytes 16… of key `id` equal those of `key` (same length).
    private func tailEquals(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[id]
        let n = key.count
        return bytes.withUnsafeBufferPointer { stored in
            var i = 16
            while i < n {
                if stored[start + i] != key[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func place(_ id: Int32) {
        let key = Array(bytes[offsets[Int(id)]..<offsets[Int(id) + 1]])
        let (head, hash) = key.withUnsafeBytes { raw -> (Head, UInt64) in
            let head = Head(raw)
            return (head, Self.hash(head, raw))
        }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].id >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Slot(w0: head.w0, w1: head.w1, count: Int32(head.count), id: id)
    }

    private mutating func rehash(to size: Int) {
        slots = [Slot](repeating: Slot(w0: 0, w1: 0, count: 0, id: -1), count: size)
        mask = size - 1
        for id in 0..<Int32(count) { place(id) }
    }

    /// A multiply–xor hash of the head and, for longer keys, the rest eight bytes at a time.
    @inline(__always)
    static func hash(_ head: Head, _ key: UnsafeRawBufferPointer) -> UInt64 {
        var h = (head.w0 ^ UInt64(truncatingIfNeeded: head.count)) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        h = (h ^ head.w1) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        let n = key.count
        if n > 16 {
            var i = 16
            while i + 8 <= n {
                h = (h ^ Head.word(key, i)) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 29
                i += 8
            }
            if i < n {
                // The last eight bytes (overlapping what came before).
                h = (h ^ Head.word(key, n - 8)) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 29
            }
        }
        h = (h ^ (h >> 32)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }
}
