/// Hashing of normalised token text by its UTF-8 bytes. Swift's `String` hashing and equality
/// apply Unicode canonical equivalence, which is slow for Arabic; token forms are already
/// normalised by GlossKit, so byte identity is the right equality here.
///
/// The hash reads the bytes a word at a time, the first and last eight (or four) bytes of a
/// short key as overlapping words, with a multiply–xorshift per word: a token costs a few
/// steps and no loop over its bytes. Every table built with it confirms a hit byte by byte, so
/// the hash only decides speed.
enum FastKey {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        var x = (hash ^ word) &* 0x9FB2_1C65_1E98_DF25
        x ^= x >> 28
        return x
    }

    /// The hash of `bytes`.
    @inline(__always)
    static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        var hash = seed ^ (UInt64(truncatingIfNeeded: n) &* 0x8B51_ED71_8F5B_0C3B)
        let first: UInt64, last: UInt64
        if n >= 8 {
            var i = 0
            while i + 16 < n {
                hash = mix(hash, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            first = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            last = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 {
            first = UInt64(raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            last = UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
        } else if n > 0 {
            first = UInt64(bytes[0]) << 16 | UInt64(bytes[n >> 1]) << 8 | UInt64(bytes[n - 1])
            last = 0
        } else {
            first = 0
            last = 0
        }
        return mix(mix(hash, first), last)
    }

    /// The hash of the UTF-8 bytes of `text`.
    static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { hash(bytes: $0) }
    }

    /// Byte equality of two strings.
    @inline(__always)
    static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }
}

/// A set of normalised words with byte-wise hashing and equality.
struct WordSet: Sendable {
    private var table: [UInt64: [String]] = [:]

    init<S: Sequence>(_ words: S) where S.Element == String {
        for word in words { insert(word) }
    }

    init() {}

    mutating func insert(_ word: String) {
        let h = FastKey.hash(word)
        if let existing = table[h], existing.contains(where: { FastKey.same($0, word) }) { return }
        table[h, default: []].append(word)
    }

    func contains(_ word: String) -> Bool {
        guard let bucket = table[FastKey.hash(word)] else { return false }
        return bucket.contains { FastKey.same($0, word) }
    }
}

/// A map from normalised words to values with byte-wise hashing and equality.
struct WordMap<Value: Sendable>: Sendable {
    private var table: [UInt64: [(String, Value)]] = [:]

    init() {}

    subscript(word: String) -> Value? {
        get {
            guard let bucket = table[FastKey.hash(word)] else { return nil }
            return bucket.first { FastKey.same($0.0, word) }?.1
        }
        set {
            let h = FastKey.hash(word)
            var bucket = table[h] ?? []
            if let k = bucket.firstIndex(where: { FastKey.same($0.0, word) }) {
                if let newValue { bucket[k].1 = newValue } else { bucket.remove(at: k) }
            } else if let newValue {
                bucket.append((word, newValue))
            }
            table[h] = bucket.isEmpty ? nil : bucket
        }
    }
}
