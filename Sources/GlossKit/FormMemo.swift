import Synchronization

/// What an extractor works out about a form, remembered by ``Token/form`` for the life of the
/// process: one 64-bit value per form id, set once and read without a lock by any thread.
///
/// Use it for results that depend on a token's normalized form alone (a lexicon id, a hash, a
/// "nothing here" answer), so that a word met again is not hashed and looked up again:
///
/// ```swift
/// let memo = FormMemo()
/// let id = token.form >= 0
///     ? memo.value(for: token.form) { UInt64(lexicon.id(of: token.normalized)) }
///     : UInt64(lexicon.id(of: token.normalized))
/// ```
///
/// Two threads meeting a new form at once may both compute its value; both must compute the
/// same one (the value must be a pure function of the form). A memo takes 16 bytes per form id
/// (512 KB), touched only for the forms met.
public final class FormMemo: @unchecked Sendable {
    // @unchecked: each entry's value is stored before the releasing store that marks it known,
    // and a reader reads the value only after an acquiring load that finds it known.

    /// Per form id: the value, then 1 once the value is set.
    @usableFromInline let words: UnsafeMutablePointer<Atomic<UInt64>>

    /// An empty memo.
    public init() {
        words = .allocate(capacity: 2 * Token.formLimit)
        for i in 0 ..< 2 * Token.formLimit { (words + i).initialize(to: Atomic(0)) }
    }

    deinit {
        words.deinitialize(count: 2 * Token.formLimit)
        words.deallocate()
    }

    /// The value remembered for form id `form` (`0..<Token.formLimit`), or nil.
    @inlinable @inline(__always)
    public func value(for form: Int32) -> UInt64? {
        precondition(form >= 0 && Int(form) < Token.formLimit, "form id out of range")
        let i = 2 * Int(form)
        return words[i + 1].load(ordering: .acquiring) != 0 ? words[i].load(ordering: .relaxed) : nil
    }

    /// Starts bringing form id `form`'s entry into the cache, for a ``value(for:)`` a few tokens
    /// later (``CacheLine``); `-1` and other ids out of range are let through and do nothing.
    @inlinable @inline(__always)
    public func prefetch(_ form: Int32) {
        guard form >= 0 && Int(form) < Token.formLimit else { return }
        CacheLine.prefetch(words + 2 * Int(form))
    }

    /// Remembers `value` for form id `form`.
    @inlinable @inline(__always)
    public func set(_ value: UInt64, for form: Int32) {
        precondition(form >= 0 && Int(form) < Token.formLimit, "form id out of range")
        let i = 2 * Int(form)
        words[i].store(value, ordering: .relaxed)
        words[i + 1].store(1, ordering: .releasing)
    }

    /// The value remembered for form id `form`, computed by `compute` and remembered the first
    /// time.
    @inlinable @inline(__always)
    public func value(for form: Int32, compute: () throws -> UInt64) rethrows -> UInt64 {
        if let known = value(for: form) { return known }
        let value = try compute()
        set(value, for: form)
        return value
    }
}
