/// Hashing of normalised token text by its UTF-8 bytes. Swift's `String` hashing and equality
/// apply Unicode canonical equivalence, which is slow for Arabic; token forms are already
/// normalised by GlossKit, so byte identity is the right equality here.
enum FastKey {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a over the UTF-8 bytes of `text`, continuing from `hash`.
    @inline(__always)
    static func add(_ text: String, to hash: inout UInt64) {
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
    }

    /// Adds the separator between the tokens of a phrase.
    @inline(__always)
    static func addSeparator(to hash: inout UInt64) {
        hash = (hash ^ 0x20) &* 0x0000_0100_0000_01B3
    }

    static func hash(_ text: String) -> UInt64 {
        var h = seed
        add(text, to: &h)
        return h
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
