import CSupport

/// A hint to the processor's caches, for an extractor's per-token loop over tables indexed by
/// ``Token/form``.
///
/// A table entry read once per distinct form and document is mostly not in the cache: the
/// loop waits on memory at each such read, one token after the other. Asking for the entry of
/// the token a few places ahead lets those waits overlap with the work on the tokens between:
///
/// ```swift
/// for i in tokens.indices {
///     if i + 8 < tokens.count { memo.prefetch(tokens[i + 8].form) }  // FormMemo's own hint
///     … memo.value(for: tokens[i].form) …
/// }
/// ```
///
/// A hint changes no result: the address is not read by the program and may be anything.
public enum CacheLine {
    /// Starts bringing the cache line holding `address` into the caches.
    @inlinable @inline(__always)
    public static func prefetch(_ address: UnsafeRawPointer) {
        gloss_prefetch(address)
    }
}
