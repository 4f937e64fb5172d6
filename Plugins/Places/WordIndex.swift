/// An exact index of normalised words (UTF-8 bytes) to records: their ``WordFlags``, the slot
/// of the one-token gazetteer key they are, and the default kind of a cue noun.
///
/// Open addressing over ``FastKey`` hashes; a hit is confirmed byte by byte, so the index
/// answers exactly like a set of strings compared by their bytes.
struct WordIndex: Sendable {
    /// The flags of each record.
    private(set) var flags: [WordFlags] = []
    /// The slot of the one-token key of each record, or -1.
    private(set) var slot: [Int32] = []
    /// The first kind code of a cue noun (``Gazetteer/kindNames``), or ``noKind``.
    private(set) var cueKind: [UInt8] = []
    private var hashes: [UInt64] = []
    /// The bytes of record `r` are `bytes[starts[r]..<starts[r + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int32] = [0]
    /// Buckets: 0 = empty, else the record index + 1 in the low 32 bits and the hash's high
    /// 32 bits above them.
    private var buckets: [UInt64]
    private var shift: UInt64

    static let noKind: UInt8 = 0xFF

    init(capacity: Int = 1 << 10) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        buckets = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        flags.reserveCapacity(capacity)
        slot.reserveCapacity(capacity)
        cueKind.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
        starts.reserveCapacity(capacity + 1)
        bytes.reserveCapacity(capacity * 16)
    }

    var count: Int { flags.count }

    /// The bucket a hash starts probing at, in a table of `64 - shift` bits.
    @inline(__always)
    static func home(_ hash: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The record of a word, with `hash` its ``FastKey`` hash; -1 when absent.
    func find(hash: UInt64, bytes word: UnsafeBufferPointer<UInt8>) -> Int32 {
        withProbe { $0.find(hash: hash, bytes: word) }
    }

    /// Calls `body` with a view of the index for many lookups in a row (no reference counting
    /// per lookup).
    func withProbe<R>(_ body: (Probe) -> R) -> R {
        buckets.withUnsafeBufferPointer { buckets in
            hashes.withUnsafeBufferPointer { hashes in
                starts.withUnsafeBufferPointer { starts in
                    bytes.withUnsafeBufferPointer { bytes in
                        flags.withUnsafeBufferPointer { flags in
                            body(Probe(buckets: buckets, shift: shift, hashes: hashes, starts: starts, bytes: bytes, flags: flags))
                        }
                    }
                }
            }
        }
    }

    /// A read-only view of a ``WordIndex`` for a run of lookups (valid inside ``withProbe(_:)``).
    struct Probe {
        let buckets: UnsafeBufferPointer<UInt64>
        let shift: UInt64
        let hashes: UnsafeBufferPointer<UInt64>
        let starts: UnsafeBufferPointer<Int32>
        let bytes: UnsafeBufferPointer<UInt8>
        let flags: UnsafeBufferPointer<WordFlags>

        /// As ``WordIndex/find(hash:bytes:)``.
        @inline(__always)
        func find(hash: UInt64, bytes word: UnsafeBufferPointer<UInt8>) -> Int32 {
            let mask = buckets.count - 1
            let tag = hash >> 32
            var b = WordIndex.home(hash, shift: shift)
            while true {
                let bucket = buckets[b]
                if bucket == 0 { return -1 }
                if bucket >> 32 == tag {
                    let record = Int(truncatingIfNeeded: bucket & 0xFFFF_FFFF) - 1
                    if hashes[record] == hash, equal(record, word) {
                        return Int32(truncatingIfNeeded: record)
                    }
                }
                b = (b + 1) & mask
            }
        }

        /// True when record `record` has the bytes of `word`, compared eight (or four) bytes at
        /// a time, the last ones as an overlapping word (never reading outside either buffer).
        @inline(__always)
        private func equal(_ record: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
            let start = Int(starts[record]), end = Int(starts[record + 1])
            let n = word.count
            guard end - start == n else { return false }
            guard let known = bytes.baseAddress.map({ UnsafeRawPointer($0 + start) }),
                  let given = word.baseAddress.map({ UnsafeRawPointer($0) }) else { return n == 0 }
            if n >= 8 {
                var i = 0
                while i + 8 < n {
                    if known.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        != given.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                    i += 8
                }
                return known.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
                    == given.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            }
            if n >= 4 {
                return known.loadUnaligned(fromByteOffset: 0, as: UInt32.self) == given.loadUnaligned(fromByteOffset: 0, as: UInt32.self)
                    && known.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == given.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            }
            for k in 0..<n where known.load(fromByteOffset: k, as: UInt8.self) != word[k] { return false }
            return true
        }
    }

    /// The record of a word, or -1.
    func find(_ word: String) -> Int32 {
        var copy = word
        return copy.withUTF8 { find(hash: FastKey.hash(bytes: $0), bytes: $0) }
    }

    /// The word of a record.
    func word(_ record: Int32) -> String {
        let start = Int(starts[Int(record)]), end = Int(starts[Int(record) + 1])
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The record of a word, added when absent.
    mutating func record(for word: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = FastKey.hash(bytes: word)
        let found = find(hash: hash, bytes: word)
        if found >= 0 { return found }
        let record = Int32(flags.count)
        flags.append([])
        slot.append(-1)
        cueKind.append(Self.noKind)
        hashes.append(hash)
        bytes.append(contentsOf: word)
        starts.append(Int32(bytes.count))
        if flags.count * 2 > buckets.count { grow() } else { place(Int(record)) }
        return record
    }

    /// The record of a word, added when absent.
    mutating func record(for word: String) -> Int32 {
        var copy = word
        return copy.withUTF8 { record(for: $0) }
    }

    /// Sets flags on a word (added when absent).
    mutating func mark(_ word: String, _ newFlags: WordFlags) {
        let r = Int(record(for: word))
        flags[r].formUnion(newFlags)
    }

    mutating func mark(record: Int32, _ newFlags: WordFlags) {
        flags[Int(record)].formUnion(newFlags)
    }

    mutating func setSlot(_ record: Int32, _ value: Int32) { slot[Int(record)] = value }

    mutating func setCueKind(_ record: Int32, _ kind: UInt8) { cueKind[Int(record)] = kind }

    private mutating func place(_ record: Int) {
        let mask = buckets.count - 1
        let hash = hashes[record]
        var b = Self.home(hash, shift: shift)
        while buckets[b] != 0 { b = (b + 1) & mask }
        buckets[b] = (hash >> 32) << 32 | UInt64(record + 1)
    }

    private mutating func grow() {
        buckets = Array(repeating: 0, count: buckets.count * 2)
        shift -= 1
        for record in 0..<flags.count { place(record) }
    }
}
