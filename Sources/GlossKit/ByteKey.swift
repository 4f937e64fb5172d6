#if canImport(Glibc)
import Glibc
#endif

/// A dictionary key that hashes and compares a string by its UTF-8 bytes, for the tables an
/// extractor builds from its word lists (matching itself goes through ``ByteTable`` ids).
///
/// Swift's `String` hashes and compares by canonical equivalence, which for Arabic text means
/// normalising every key on every lookup. Keys already in GlossKit's matching form
/// (``TextNormalizer``, ``Token/normalized``) are equal exactly when their bytes are, so byte
/// equality is the right equality for them and much cheaper.
public struct ByteKey: Hashable, Sendable {
    /// The key's text.
    public let string: String

    /// A key for `string`, compared by its UTF-8 bytes.
    @inline(__always)
    public init(_ string: String) { self.string = string }

    public func hash(into hasher: inout Hasher) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil {
            for byte in string.utf8 { hasher.combine(byte) }
        }
    }

    public static func == (a: ByteKey, b: ByteKey) -> Bool {
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
