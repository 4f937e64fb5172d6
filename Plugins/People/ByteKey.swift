#if canImport(Glibc)
import Glibc
#endif

/// A dictionary key that hashes and compares a string by its UTF-8 bytes (used while the
/// lexicon is built; matching uses ``ByteTable`` ids).
///
/// Swift's `String` hashes and compares by canonical equivalence, which for Arabic text means
/// normalising every key on every lookup. Gloss keys are already in GlossKit's matching form, so
/// byte equality is the right equality and much cheaper.
struct ByteKey: Hashable, Sendable {
    let string: String

    @inline(__always)
    init(_ string: String) { self.string = string }

    func hash(into hasher: inout Hasher) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil {
            for byte in string.utf8 { hasher.combine(byte) }
        }
    }

    static func == (a: ByteKey, b: ByteKey) -> Bool {
        let fast: Bool? = a.string.utf8.withContiguousStorageIfAvailable { x in
            b.string.utf8.withContiguousStorageIfAvailable { y in
                guard x.count == y.count else { return false }
                guard let xa = x.baseAddress, let ya = y.baseAddress else { return true }
                return memcmp(xa, ya, x.count) == 0
            }
        } ?? nil
        return fast ?? a.string.utf8.elementsEqual(b.string.utf8)
    }
}
