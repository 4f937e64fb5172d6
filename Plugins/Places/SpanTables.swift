/// The attributes of the entries already given to a span of the document, so that a place
/// mentioned again shares its dictionary instead of hashing the same keys again. A small
/// direct-mapped table; documents with few mentions do without.
struct AttributeCache {
    private var slots: [(key: Int, attributes: [String: String])?]
    private let mask: Int

    init(mentions: Int) {
        guard mentions >= 16 else {
            slots = []
            mask = 0
            return
        }
        var size = 16
        while size < mentions && size < 1024 { size <<= 1 }
        slots = Array(repeating: nil, count: size)
        mask = size - 1
    }

    /// The attributes of entry `e` (as a whole facility span or not), made by `make` when not cached.
    mutating func attributes(of e: Int, facility: Bool, _ make: () -> [String: String]) -> [String: String] {
        guard !slots.isEmpty else { return make() }
        let key = e << 1 | (facility ? 1 : 0)
        let slot = (key &* 0x9E37_79B9) >> 7 & mask
        if let cached = slots[slot], cached.key == key { return cached.attributes }
        let made = make()
        slots[slot] = (key, made)
        return made
    }
}

/// The spans already made (start, end, NORP or PLACE), for de-duplication: a small open
/// addressing set of the document's spans.
struct SpanKeySet {
    private var keys: [(start: Int, end: Int, norp: Bool)?]
    private let mask: Int

    init(capacity: Int) {
        var size = 8
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: nil, count: size)
        mask = size - 1
    }

    /// Adds a span; false when it was already there.
    mutating func insert(start: Int, end: Int, norp: Bool) -> Bool {
        var mixed = UInt64(truncatingIfNeeded: start) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= UInt64(truncatingIfNeeded: end) &* 0xC2B2_AE3D_27D4_EB4F
        mixed ^= mixed >> 29
        var b = Int(truncatingIfNeeded: mixed) & mask
        while let key = keys[b] {
            if key.start == start && key.end == end && key.norp == norp { return false }
            b = (b + 1) & mask
        }
        keys[b] = (start, end, norp)
        return true
    }
}
