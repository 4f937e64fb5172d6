import Synchronization

/// The UTF-8 bytes of a token's normalized form while the tokenizer builds it, packed in two
/// 64-bit words when they fit (up to 16 bytes: a Latin word of 16 letters, an Arabic word of 8),
/// so that they can be looked up in the ``FormTable`` without building a `String`.
struct UTF8Key: Equatable {
    /// Bytes 0–7, first byte lowest.
    var low: UInt64 = 0
    /// Bytes 8–15, first byte lowest.
    var high: UInt64 = 0
    /// The number of bytes appended; above ``capacity`` only this count is kept.
    var count: Int = 0

    /// The most bytes a key holds.
    static let capacity = 16

    /// True when the bytes did not fit: the form must be built another way.
    @inline(__always)
    var overflowed: Bool { count > UTF8Key.capacity }

    /// Appends up to four bytes (`utf8`, first byte lowest, `length` of them).
    @inline(__always)
    mutating func append(_ utf8: UInt64, length: Int) {
        let end = count &+ length
        if end <= 8 {
            low |= utf8 &<< UInt64(count &* 8)
        } else if end <= UTF8Key.capacity {
            if count >= 8 {
                high |= utf8 &<< UInt64((count &- 8) &* 8)
            } else {
                // The bytes straddle the two words: the first `8 - count` go to `low`.
                low |= utf8 &<< UInt64(count &* 8)
                high |= utf8 &>> UInt64((8 &- count) &* 8)
            }
        }
        count = end
    }

    /// The bytes as a string. Only for keys that did not overflow.
    func string() -> String {
        withUnsafeBytes(of: (low.littleEndian, high.littleEndian)) { raw in
            raw.withMemoryRebound(to: UInt8.self) { bytes in
                String(decoding: UnsafeBufferPointer(rebasing: bytes[..<count]), as: UTF8.self)
            }
        }
    }

    /// A 64-bit hash of the bytes and their count; its top bits pick a slot of a table of
    /// `1 << bits` slots (Fibonacci hashing), the bits below them make a tag.
    @inline(__always)
    func hash() -> UInt64 {
        (low ^ (high &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(truncatingIfNeeded: count)) &* 0xBF58_476D_1CE4_E5B9
    }
}

/// Where the tokenizer gets a token's normalized `String` and form id from its bytes.
protocol FormSource {
    /// The string and id of `key`'s form (`key` must not have overflowed); the id is `-1` when
    /// the form has none.
    func form(for key: UTF8Key) -> (string: String, id: Int32)
}

/// Forms built afresh, with no id: for text that is not a document's (see
/// ``Tokenizer/normalizedForms(of:)``).
struct UnsharedForms: FormSource {
    @inline(__always)
    func form(for key: UTF8Key) -> (string: String, id: Int32) { (key.string(), -1) }
}

/// The normalized forms the tokenizer has met in this process, each with its `String` and a
/// small dense id (``Token/form``), shared by every thread.
///
/// A word that comes back (`في`, `the`, `،`) reuses its `String` instead of validating and
/// copying its bytes into a new one, and extractors can remember what they worked out about a
/// form by its id (``FormMemo``) instead of hashing its bytes again in tables of their own.
///
/// An open-addressing hash table of fixed size that only grows: found forms are read without a
/// lock (each slot is published by one atomic store, after its key and string are in place);
/// a new form is added under a lock. Once ``Token/formLimit`` forms are in (the first ones met:
/// the frequent words of a language come early and keep coming), it takes no more: later new
/// forms get a `String` of their own and no id, and the memory stays bounded.
final class FormTable: FormSource, @unchecked Sendable {
    // @unchecked: a form's record is written only under `insertion`, before the releasing store
    // that publishes its slot, and never changed after; a reader reads a record only after an
    // acquiring load of a slot holding its id.

    /// The table every tokenizer run shares: 65,536 slots (256 KB) for up to 32,768 forms.
    static let shared = FormTable(bits: 16)

    private let bits: Int
    /// `1 << bits - 1`, and the shifts that take a key's hash to its slot and to its tag
    /// (worked out once: a shift by a variable amount is checked for overshooting each time).
    private let mask: Int
    private let slotShift: UInt64
    private let tagShift: UInt64
    private let limit: Int
    /// One word per slot: 0 when empty; else the form id plus one (bits 0–15), the key's byte
    /// count (bits 16–20) and eleven more bits of its hash (bits 21–31). A probe compares the
    /// key's record only when count and hash bits match. Four bytes a slot rather than the
    /// key's 24, so that the slots of a language's frequent words stay in the core's cache.
    private let slots: UnsafeMutablePointer<Atomic<UInt32>>
    /// The key and string of each form id, 32 bytes, in order of first use: the frequent
    /// forms, met first, sit together.
    private let records: UnsafeMutablePointer<Record>
    /// The number of forms; held while a form is added.
    private let insertion = Mutex(0)

    /// A form's key words and its string.
    private struct Record {
        let low: UInt64
        let high: UInt64
        let string: String
    }

    /// A table of `1 << bits` slots taking up to `1 << (bits - 1)` forms.
    init(bits: Int) {
        precondition(bits > 1 && bits <= 32, "a form table has 2 to 2^32 slots")
        self.bits = bits
        mask = (1 << bits) - 1
        slotShift = UInt64(64 - bits)
        tagShift = UInt64(53 - bits)
        limit = min(1 << (bits - 1), Token.formLimit, 0xFFFF)
        slots = .allocate(capacity: 1 << bits)
        for i in 0 ..< 1 << bits { (slots + i).initialize(to: Atomic(0)) }
        records = UnsafeMutableRawPointer.allocate(byteCount: limit * MemoryLayout<Record>.stride, alignment: 64)
            .bindMemory(to: Record.self, capacity: limit)
    }

    deinit {
        records.deinitialize(count: insertion.withLock { $0 })
        UnsafeMutableRawPointer(records).deallocate()
        slots.deinitialize(count: 1 << bits)
        slots.deallocate()
    }

    /// The string and id of `key`'s form (which must not have overflowed), from the table or
    /// added to it; the id is `-1` once the table is full.
    @inline(__always)
    func form(for key: UTF8Key) -> (string: String, id: Int32) {
        switch probe(key) {
        case .found(let id): (records[id].string, Int32(id))
        case .empty: add(key)
        }
    }

    /// The id of the form whose normalized string is `string`, if the table holds it (for tests:
    /// nothing is added).
    func id(ofForm string: String) -> Int32? {
        var key = UTF8Key()
        for byte in string.utf8 { key.append(UInt64(byte), length: 1) }
        guard !key.overflowed, case .found(let id) = probe(key) else { return nil }
        return Int32(id)
    }

    /// Where a probe for a key ends: at the key's form id, or at the empty slot where it would go.
    private enum Probe {
        case found(Int)
        case empty(slot: Int)
    }

    /// The slot word's bits above the id (count and hash tag) that a key's slot holds.
    @inline(__always)
    private func tag(_ key: UTF8Key, _ hash: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: key.count) << 16 | UInt32(truncatingIfNeeded: (hash &>> tagShift) & 0x7FF) << 21
    }

    /// Looks `key` up by linear probing from its hash slot.
    @inline(__always)
    private func probe(_ key: UTF8Key) -> Probe {
        let hash = key.hash()
        let tag = tag(key, hash)
        var slot = Int(truncatingIfNeeded: hash &>> slotShift)
        while true {
            let word = slots[slot].load(ordering: .acquiring)
            if word == 0 { return .empty(slot: slot) }
            if word & 0xFFFF_0000 == tag {
                let id = Int(word & 0xFFFF) - 1
                if records[id].low == key.low && records[id].high == key.high { return .found(id) }
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// Adds `key`'s form under the lock (another thread may have added it meanwhile).
    @inline(never)
    private func add(_ key: UTF8Key) -> (string: String, id: Int32) {
        insertion.withLock { count in
            let slot: Int
            switch probe(key) {
            case .found(let id): return (records[id].string, Int32(id))
            case .empty(let empty): slot = empty
            }
            let string = key.string()
            guard count < limit else { return (string, -1) }
            let id = count
            (records + id).initialize(to: Record(low: key.low, high: key.high, string: string))
            slots[slot].store(tag(key, key.hash()) | UInt32(id + 1), ordering: .releasing)
            count += 1
            return (string, Int32(id))
        }
    }
}
