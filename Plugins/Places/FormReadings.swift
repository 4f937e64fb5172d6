import GlossKit
import Synchronization

/// What the word index says about each form the tokenizer has given an id (``Token/form``):
/// its ``TokenInfo`` and its readings, worked out once per process and read without a lock, so
/// that ``TokenLookups`` does not hash a word met again, nor its proclitic stems.
///
/// A form's entry is written once, under a lock, and published by ``FormMemo``'s releasing
/// store; readers read it only after the memo's acquiring load says it is there. The readings
/// go to a pool of fixed size: once it is full, forms with readings are read each time again.
final class FormReadings: @unchecked Sendable {
    // @unchecked: `infos[form]` and the pool's readings of a form are written under `used`
    // before the form is published in `published`, and never changed after; readers read them
    // only once `published` has the form.

    /// Per form id: where its readings are in the pool (`start << 8 | count`), once known.
    private let published = FormMemo()
    /// Per form id: the hash and flags of the form (valid once published).
    private let infos: UnsafeMutablePointer<TokenInfo>
    private let pool: UnsafeMutablePointer<Reading>
    private let poolCapacity: Int
    /// Readings used in the pool; held while a form is added.
    private let used = Mutex(0)

    /// An empty table with room for `poolCapacity` readings.
    init(poolCapacity: Int = 1 << 16) {
        infos = .allocate(capacity: Token.formLimit)
        pool = .allocate(capacity: poolCapacity)
        self.poolCapacity = poolCapacity
    }

    deinit {
        // TokenInfo and Reading are plain values: nothing to deinitialize.
        infos.deallocate()
        pool.deallocate()
    }

    /// The info and readings of form `form`, if known.
    @inline(__always)
    func lookup(_ form: Int32) -> (info: TokenInfo, readings: UnsafeBufferPointer<Reading>)? {
        guard let place = published.value(for: form) else { return nil }
        return (infos[Int(form)], UnsafeBufferPointer(start: pool + Int(place >> 8), count: Int(place & 0xFF)))
    }

    /// Remembers what `form` is: `info` (its reading range is not kept) and `readings`.
    func remember(_ form: Int32, info: TokenInfo, readings: UnsafeBufferPointer<Reading>) {
        used.withLock { used in
            guard published.value(for: form) == nil, used + readings.count <= poolCapacity else { return }
            (infos + Int(form)).initialize(to: info)
            if let base = readings.baseAddress { (pool + used).initialize(from: base, count: readings.count) }
            published.set(UInt64(used) << 8 | UInt64(readings.count), for: form)
            used += readings.count
        }
    }
}
