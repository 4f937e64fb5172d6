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
        var random = Random(seed: 0x5EED)
        var keys: Set<[UInt8]> = []
        let alphabet: [UInt8] = [0x00, 0x01, 0x41, 0x7F, 0x80, 0xC3, 0xFE, 0xFF]
        for length in 1...40 {
            for _ in 0..<40 {
                keys.insert((0..<length).map { _ in alphabet[random.below(alphabet.count)] })
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

    /// Every entry of `db`, in the order a cursor reads them.
    private static func entries(of db: Database, in env: Environment) throws -> [(key: [UInt8], value: [UInt8])] {
        try env.read { txn in
            try txn.withCursor(db) { cursor in
                var all: [(key: [UInt8], value: [UInt8])] = []
                var entry = try cursor.first()
                while let (key, value) = entry {
                    all.append((Array(key), Array(value)))
                    entry = try cursor.next()
                }
                return all
            }
        }
    }

    @Test func keysIterateInByteOrder() throws {
        let temp = try TemporaryEnvironment()
        let env = temp.environment
        let db = try env.openDatabase("keys", flags: .create)
        var random = Random(seed: 7)
        let keys = Self.keys()
        // Put in a shuffled order, so that the tree's order is the comparison's doing.
        try env.write { txn in
            for key in random.shuffled(keys) { try txn.put(db, key: key, value: [1]) }
        }
        let sorted = keys.sorted(by: Self.byteOrder)
        #expect(try Self.entries(of: db, in: env).map(\.key) == sorted)

        // A seek finds the first key at or after any probe, stored or not.
        let probes = (0..<300).map { _ in
            var probe = keys[random.below(keys.count)]
            if random.below(2) == 0 { probe.removeLast(random.below(probe.count)) }
            if random.below(3) == 0 { probe.append(UInt8(random.below(256))) }
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
        var random = Random(seed: 11)
        let values = Self.keys()
        try env.write { txn in
            for value in random.shuffled(values) { try txn.put(db, key: [0xAB], value: value) }
        }
        #expect(try Self.entries(of: db, in: env).map(\.value) == values.sorted(by: Self.byteOrder))
    }
}

/// Deterministic choices (a linear congruential generator), so that failures repeat.
private struct Random {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    /// The elements in a random order (Fisher–Yates).
    mutating func shuffled<T>(_ elements: [T]) -> [T] {
        var result = elements
        for i in stride(from: result.count - 1, to: 0, by: -1) { result.swapAt(i, below(i + 1)) }
        return result
    }
}
