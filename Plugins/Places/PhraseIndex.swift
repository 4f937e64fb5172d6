/// An index of the gazetteer keys of two or more tokens by ``PhraseHash``: whether a phrase
/// hash is a proper prefix of a key (a hint, never confirmed: a false hit only costs a probe),
/// and the first slot of the keys with that hash (the others chained through
/// ``Gazetteer/nextSlot(_:)``; a key is confirmed byte by byte by the caller).
struct PhraseIndex: Sendable {
    /// Per entry: its hash, whether it is a proper prefix of some key, and its first slot (-1).
    private var hashes: [UInt64] = []
    private var prefix: [Bool] = []
    private var firstSlot: [Int32] = []
    private var buckets: [Int32]
    private var shift: UInt64

    init(capacity: Int = 1 << 10) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        buckets = Array(repeating: -1, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        hashes.reserveCapacity(capacity)
        prefix.reserveCapacity(capacity)
        firstSlot.reserveCapacity(capacity)
    }

    /// The entry of a phrase hash, or -1.
    @inline(__always)
    func find(_ hash: UInt64) -> Int {
        let mask = buckets.count - 1
        var b = WordIndex.home(hash, shift: shift)
        while true {
            let entry = Int(buckets[b])
            if entry < 0 { return -1 }
            if hashes[entry] == hash { return entry }
            b = (b + 1) & mask
        }
    }

    @inline(__always)
    func isPrefix(_ entry: Int) -> Bool { prefix[entry] }

    @inline(__always)
    func slot(_ entry: Int) -> Int32 { firstSlot[entry] }

    /// The entry of a phrase hash, added when absent.
    mutating func entry(for hash: UInt64) -> Int {
        let found = find(hash)
        if found >= 0 { return found }
        let entry = hashes.count
        hashes.append(hash)
        prefix.append(false)
        firstSlot.append(-1)
        if hashes.count * 2 > buckets.count { grow() } else { place(entry) }
        return entry
    }

    mutating func markPrefix(_ hash: UInt64) { prefix[entry(for: hash)] = true }

    mutating func setFirstSlot(_ entry: Int, _ slot: Int32) { firstSlot[entry] = slot }

    private mutating func place(_ entry: Int) {
        let mask = buckets.count - 1
        var b = WordIndex.home(hashes[entry], shift: shift)
        while buckets[b] >= 0 { b = (b + 1) & mask }
        buckets[b] = Int32(entry)
    }

    private mutating func grow() {
        buckets = Array(repeating: -1, count: buckets.count * 2)
        shift -= 1
        for entry in 0..<hashes.count { place(entry) }
    }
}

/// The hash of a phrase of two or more tokens, from the ``FastKey`` hashes of its tokens.
enum PhraseHash {
    static let seed: UInt64 = 0x243F_6A88_85A3_08D3

    @inline(__always)
    static func extend(_ hash: UInt64, _ token: UInt64) -> UInt64 {
        var x = (hash ^ token) &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 29
        return x
    }
}
