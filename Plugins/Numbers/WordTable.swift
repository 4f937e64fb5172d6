/// Normalized words → dense ids (0, 1, 2 …), compared by their UTF-8 bytes.
///
/// Swift's `String` hashes and compares by canonical equivalence, which for Arabic text means
/// normalising both sides on every lookup. Token forms and table words are both already in
/// GlossKit's matching form, and the table words hold no combining mark and no character with a
/// canonical decomposition (the tests check this), so two of them are canonically equivalent
/// exactly when their bytes are equal: byte equality is the same equality, much cheaper.
///
/// Open addressing with linear probing over a multiply–xor hash of eight-byte words. The table
/// is built once and never grows while a text is read, so a crafted text cannot lengthen its
/// probe chains: the worst lookup walks the longest chain of the fixed table.
struct WordTable: Sendable {
    /// One hash slot: the id of the key in it (`-1` when empty) and the low bits of its hash.
    private struct Slot {
        var id: Int32
        var hash: UInt32
    }

    /// Every key's bytes, one after another; key `i` is `bytes[offsets[i]..<offsets[i + 1]]`.
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]
    private var slots: [Slot]
    private var mask: Int

    /// Creates an empty table.
    init() {
        slots = [Slot](repeating: Slot(id: -1, hash: 0), count: 64)
        mask = 63
    }

    /// The number of keys.
    var count: Int { offsets.count - 1 }

    /// The id of `word`, or `-1`.
    @inline(__always)
    func find(_ word: String) -> Int32 {
        if let id = word.utf8.withContiguousStorageIfAvailable({ find(UnsafeRawBufferPointer($0)) }) { return id }
        return Array(word.utf8).withUnsafeBytes { find($0) }
    }

    /// The id of a key given as bytes, or `-1`.
    @inline(__always)
    func find(_ key: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(key)
        let tag = UInt32(truncatingIfNeeded: hash >> 32)
        return slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let s = slots[slot]
                if s.id < 0 { return -1 }
                if s.hash == tag, keyEquals(Int(s.id), key) { return s.id }
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
        if count * 2 > slots.count { rehash(to: slots.count * 2) } else { place(id) }
        return id
    }

    /// The bytes of key `id`.
    func key(_ id: Int32) -> ArraySlice<UInt8> {
        bytes[offsets[Int(id)]..<offsets[Int(id) + 1]]
    }

    @inline(__always)
    private func keyEquals(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[id]
        let n = offsets[id + 1] - start
        guard n == key.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            var i = 0
            while i < n {
                if stored[start + i] != key[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func place(_ id: Int32) {
        let hash = key(id).withUnsafeBytes { Self.hash($0) }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].id >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Slot(id: id, hash: UInt32(truncatingIfNeeded: hash >> 32))
    }

    private mutating func rehash(to size: Int) {
        slots = [Slot](repeating: Slot(id: -1, hash: 0), count: size)
        mask = size - 1
        for id in 0..<Int32(count) { place(id) }
    }

    /// A multiply–xor hash of the bytes, eight at a time.
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        let n = key.count
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        while i + 8 <= n {
            h = (h ^ UInt64(littleEndian: key.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        if i < n {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                word |= UInt64(key[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
        }
        h = (h ^ (h >> 32)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }
}
