import Synchronization

/// The attributes of each gazetteer entry's spans, made the first time an entry is given to a
/// span and shared from then on by every document (and every thread): a span of a known place
/// copies a dictionary reference instead of hashing three keys into a new dictionary.
///
/// Made lazily rather than at load: most of the gazetteer's entries never occur in a given
/// corpus, and building every dictionary up front would slow down loading.
final class EntryAttributeTable: Sendable {
    /// Two slots per entry: as a span of the entry itself, and as a whole facility span.
    private let slots: Mutex<[[String: String]?]>

    init(entryCount: Int) {
        slots = Mutex([[String: String]?](repeating: nil, count: 2 * entryCount))
    }

    /// The attributes of entry `e` (as a whole facility span or not), made by `make` the first
    /// time.
    func attributes(of e: Int, facility: Bool, _ make: () -> [String: String]) -> [String: String] {
        let slot = 2 * e + (facility ? 1 : 0)
        return slots.withLock { slots in
            if let made = slots[slot] { return made }
            let made = make()
            slots[slot] = made
            return made
        }
    }
}

/// The spans already made (start, end, NORP or PLACE), for de-duplication: a small open
/// addressing set of the document's spans.
struct SpanKeySet {
    /// A slot: a span, or `end == -1` when empty (a plain value: the table is made by the array
    /// code specialised here, where an array of optional tuples made with `Array(repeating:count:)`
    /// looked up generic metadata at run time for every document).
    private struct Key {
        var start: Int
        var end: Int
        var norp: Bool

        static let empty = Key(start: 0, end: -1, norp: false)
    }

    private var keys: [Key] = []
    private let mask: Int

    init(capacity: Int) {
        var size = 8
        while size < capacity * 2 { size <<= 1 }
        keys.reserveCapacity(size)
        keys.append(contentsOf: repeatElement(Key.empty, count: size))
        mask = size - 1
    }

    /// Adds a span; false when it was already there.
    mutating func insert(start: Int, end: Int, norp: Bool) -> Bool {
        var mixed = UInt64(truncatingIfNeeded: start) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= UInt64(truncatingIfNeeded: end) &* 0xC2B2_AE3D_27D4_EB4F
        mixed ^= mixed >> 29
        var b = Int(truncatingIfNeeded: mixed) & mask
        while keys[b].end >= 0 {
            if keys[b].start == start && keys[b].end == end && keys[b].norp == norp { return false }
            b = (b + 1) & mask
        }
        keys[b] = Key(start: start, end: end, norp: norp)
        return true
    }
}
