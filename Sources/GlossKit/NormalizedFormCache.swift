import Synchronization

/// The UTF-8 bytes of a token's normalized form while the tokenizer builds it, packed in two
/// 64-bit words when they fit (up to 16 bytes: a Latin word of 16 letters, an Arabic word of 8),
/// so that they can be looked up in a ``NormalizedFormCache`` without building a `String`.
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

/// The normalized forms already built, by their UTF-8 bytes: a word that comes back (`في`,
/// `the`, `،`) reuses its `String` instead of validating and copying its bytes into a new one.
/// An open-addressing hash table of fixed size whose slots hold only plain values (the key and
/// an index into ``strings``). When half full it stops taking new forms: lookups stay short,
/// later new forms are simply built, and the memory stays bounded.
///
/// One short document repeats few of its own words (about a quarter of the tokens of a news
/// article of 1,000 characters), and a table per document costs more to set up than it saves,
/// so the tokenizer shares one table across documents: ``shared``.
struct NormalizedFormCache {
    private struct Slot {
        var key = UTF8Key()
        /// Index of the form in ``strings`` plus one; 0 for an empty slot.
        var string: Int = 0
    }

    private var slots: [Slot]
    private var strings: [String] = []
    private let bits: Int

    /// A cache of `1 << bits` slots, holding at most `1 << (bits - 1)` forms.
    init(bits: Int) {
        self.bits = bits
        slots = Array(repeating: Slot(), count: 1 << bits)
    }

    /// The cache shared by every tokenizer run: 32,768 slots (768 KB), up to 16,384 forms, the
    /// first ones seen — the frequent words of a language come early and keep coming.
    /// A tokenizer that finds it locked by another thread uses a small cache of its own
    /// instead of waiting (``Tokenizer/tokenize(_:)``).
    static let shared = Mutex(NormalizedFormCache(bits: 15))

    /// The string of `key` (which must not have overflowed), from the cache or built and kept.
    @inline(__always)
    mutating func string(for key: UTF8Key) -> String {
        let mask = (1 << bits) - 1
        var slot = key.slot(bits: bits)
        while slots[slot].string != 0 {
            if slots[slot].key == key { return strings[slots[slot].string - 1] }
            slot = (slot + 1) & mask
        }
        let string = key.string()
        if strings.count < (1 << bits) / 2 {
            strings.append(string)
            slots[slot] = Slot(key: key, string: strings.count)
        }
        return string
    }
}
