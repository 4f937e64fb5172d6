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

    /// A hash of the bytes for a table of `1 << bits` slots (Fibonacci hashing).
    @inline(__always)
    func slot(bits: Int) -> Int {
        let mixed = (low ^ (high &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(truncatingIfNeeded: count)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed &>> UInt64(64 - bits))
    }
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
final class FormTable: @unchecked Sendable {
    // @unchecked: slots are written only under `insertion`, each published by a releasing store
    // of its state after its key words and string are in place, and never changed after; a
    // reader reads a slot's key and string only after an acquiring load of its state.

    /// The table every tokenizer run shares: 65,536 slots (1.5 MB) for up to 32,768 forms.
    static let shared = FormTable(bits: 16)

    private let bits: Int
    private let limit: Int
    /// Three words per slot: the key's two words, then the state (0 empty; else the key's byte
    /// count in the low 8 bits and the form id plus one above).
    private let words: UnsafeMutablePointer<Atomic<UInt64>>
    /// The string of each form id.
    private let strings: UnsafeMutablePointer<String>
    /// The number of forms; held while a form is added.
    private let insertion = Mutex(0)

    /// A table of `1 << bits` slots taking up to `1 << (bits - 1)` forms.
    init(bits: Int) {
        self.bits = bits
        limit = min(1 << (bits - 1), Token.formLimit)
        words = .allocate(capacity: 3 << bits)
        for i in 0 ..< 3 << bits { (words + i).initialize(to: Atomic(0)) }
        strings = .allocate(capacity: limit)
    }

    deinit {
        strings.deinitialize(count: insertion.withLock { $0 })
        strings.deallocate()
        words.deinitialize(count: 3 << bits)
        words.deallocate()
    }

    /// The string and id of `key`'s form (which must not have overflowed), from the table or
    /// added to it; the id is `-1` once the table is full.
    @inline(__always)
    func form(for key: UTF8Key) -> (string: String, id: Int32) {
        switch probe(key) {
        case .found(let id): (strings[id], Int32(id))
        case .empty: add(key)
        }
    }

    /// Where a probe for a key ends: at the key's form id, or at the empty slot where it would go.
    private enum Probe {
        case found(Int)
        case empty(slot: Int)
    }

    /// Looks `key` up by linear probing from its hash slot.
    @inline(__always)
    private func probe(_ key: UTF8Key) -> Probe {
        let mask = (1 << bits) - 1
        var slot = key.slot(bits: bits)
        while true {
            let state = words[3 * slot + 2].load(ordering: .acquiring)
            if state == 0 { return .empty(slot: slot) }
            if Int(state & 0xFF) == key.count, words[3 * slot].load(ordering: .relaxed) == key.low,
               words[3 * slot + 1].load(ordering: .relaxed) == key.high {
                return .found(Int(state >> 8) - 1)
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `key`'s form under the lock (another thread may have added it meanwhile).
    @inline(never)
    private func add(_ key: UTF8Key) -> (string: String, id: Int32) {
        insertion.withLock { count in
            let slot: Int
            switch probe(key) {
            case .found(let id): return (strings[id], Int32(id))
            case .empty(let empty): slot = empty
            }
            let string = key.string()
            guard count < limit else { return (string, -1) }
            let id = count
            (strings + id).initialize(to: string)
            words[3 * slot].store(key.low, ordering: .relaxed)
            words[3 * slot + 1].store(key.high, ordering: .relaxed)
            words[3 * slot + 2].store(UInt64(key.count) | UInt64(id + 1) << 8, ordering: .releasing)
            count += 1
            return (string, Int32(id))
        }
    }
}
