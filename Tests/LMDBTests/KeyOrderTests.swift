import Testing
@testable import LMDB

/// The databases `Environment.openDatabase` opens compare keys and sorted duplicates with
/// Gloss's own comparison (`gloss_byte_order_compare`), which must give LMDB's default order
/// exactly — bytes as unsigned numbers, a prefix before the keys it starts — or stores written
/// before it, and LMDB's own tools, would disagree with it.
@Suite("LMDB key order")
struct KeyOrderTests {
    /// Keys built to reach every branch of the comparison: lengths around 4, 8, 12 and 16
    /// bytes, long shared prefixes, one key the prefix of another, bytes above 0x7F (which a
    /// signed comparison would put first), and the first difference in each word and tail.
    private static func keys() -> [[UInt8]] {
        var generator = SplitMix(seed: 0x5EED)
        var keys: Set<[UInt8]> = []
        let alphabet: [UInt8] = [0x00, 0x01, 0x41, 0x7F, 0x80, 0xC3, 0xFE, 0xFF]
        for length in 1...40 {
            for _ in 0..<40 {
                keys.insert((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            }
        }
        // Prefixes of one another, and keys that differ only at one byte of a long shared prefix.
        let base = (0..<33).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 0x70) }
        for length in 1...base.count { keys.insert(Array(base.prefix(length))) }
        for position in base.indices {
            for delta: UInt8 in [1, 0x80] {
                var key = base
                key[position] &+= delta
                keys.insert(key)
            }
        }
        return Array(keys)
    }

    private static func byteOrder(_ a: [UInt8], _ b: [UInt8]) -> Bool { a.lexicographicallyPrecedes(b) }

    @Test func keysIterateInByteOrder() throws {
        let temp = try TemporaryEnvironment()
        let env = temp.environment
        let db = try env.openDatabase("keys", flags: .create)
        var generator = SplitMix(seed: 7)
        let keys = Self.keys()
        // Put in a shuffled order, so that the tree's order is the comparison's doing.
        var shuffled = keys
        shuffled.shuffle(using: &generator)
        try env.write { txn in
            for key in shuffled { try txn.put(db, key: key, value: [1]) }
        }
        let stored = try env.read { txn in
            try txn.withCursor(db) { cursor in
                var all: [[UInt8]] = []
                var entry = try cursor.first()
                while let (key, _) = entry {
                    all.append(Array(key))
                    entry = try cursor.next()
                }
                return all
            }
        }
        #expect(stored == keys.sorted(by: Self.byteOrder))

        // A seek finds the first key at or after any probe, stored or not.
        let sorted = keys.sorted(by: Self.byteOrder)
        let probes = (0..<300).map { _ in
            var probe = keys[Int(generator.next() % UInt64(keys.count))]
            if generator.next() % 2 == 0 { probe.removeLast(Int(generator.next() % UInt64(probe.count))) }
            if generator.next() % 3 == 0 { probe.append(UInt8(truncatingIfNeeded: generator.next())) }
            return probe.isEmpty ? [0] : probe
        }
        try env.read { txn in
            try txn.withCursor(db) { cursor in
                for probe in probes {
                    let found = try probe.withUnsafeBytes { try cursor.seek(atOrAfter: $0) }.map { Array($0.key) }
                    let expected = sorted.first { !Self.byteOrder($0, probe) }
                    #expect(found == expected, "seek to \(probe)")
                }
            }
        }
    }

    @Test func sortedDuplicatesIterateInByteOrder() throws {
        let temp = try TemporaryEnvironment()
        let env = temp.environment
        let db = try env.openDatabase("duplicates", flags: [.create, .duplicateSort])
        var generator = SplitMix(seed: 11)
        let values = Self.keys()
        var shuffled = values
        shuffled.shuffle(using: &generator)
        let key: [UInt8] = [0xAB]
        try env.write { txn in
            for value in shuffled { try txn.put(db, key: key, value: value) }
        }
        let stored = try env.read { txn in
            try txn.withCursor(db) { cursor in
                var all: [[UInt8]] = []
                var entry = try cursor.first()
                while let (_, value) = entry {
                    all.append(Array(value))
                    entry = try cursor.next()
                }
                return all
            }
        }
        #expect(stored == values.sorted(by: Self.byteOrder))
    }
}

/// A small deterministic generator (SplitMix64), so that failures repeat.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
