import GlossKit
import Synchronization

/// What the word index says about each form the tokenizer has given an id (``Token/form``):
/// its ``TokenInfo`` and its readings, worked out once per process and read without a lock, so
/// that ``TokenLookups`` does not hash a word met again, nor its proclitic stems.
///
/// Each form id has one 32-byte entry (its hash, its flags and where its readings are in the
/// pool), so that a token met again costs one memory access before its readings. An entry is
/// written once, under a lock, and published by a releasing store of its place word; readers
/// read the rest only after an acquiring load of that word finds it set. The readings go to a
/// pool of fixed size: once it is full, forms with readings are read each time again.
final class FormReadings: @unchecked Sendable {
    // @unchecked: an entry's words and the pool's readings of a form are written under `used`
    // before the releasing store of the entry's place word, and never changed after; readers
    // read them only after an acquiring load of the place word finds it set.

    /// Four words per form id: the hash; the flags (`whole` low, `any` high); the place of the
    /// readings in the pool plus one (`start << 8 | count`, 0 while unknown); a spare word
    /// that keeps each entry in one cache line.
    private let words: UnsafeMutablePointer<Atomic<UInt64>>
    private let pool: UnsafeMutablePointer<Reading>
    private let poolCapacity: Int
    /// Readings used in the pool; held while a form is added.
    private let used = Mutex(0)

    /// An empty table with room for `poolCapacity` readings.
    init(poolCapacity: Int = 1 << 16) {
        let count = 4 * Token.formLimit
        words = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Atomic<UInt64>>.stride, alignment: 64)
            .bindMemory(to: Atomic<UInt64>.self, capacity: count)
        for i in 0..<count { (words + i).initialize(to: Atomic(0)) }
        pool = .allocate(capacity: poolCapacity)
        self.poolCapacity = poolCapacity
    }

    deinit {
        words.deinitialize(count: 4 * Token.formLimit)
        UnsafeMutableRawPointer(words).deallocate()
        // Reading is a plain value: nothing to deinitialize.
        pool.deallocate()
    }

    /// The info and readings of form `form`, if known.
    @inline(__always)
    func lookup(_ form: Int32) -> (info: TokenInfo, readings: UnsafeBufferPointer<Reading>)? {
        precondition(form >= 0 && Int(form) < Token.formLimit, "form id out of range")
        let entry = words + 4 * Int(form)
        let place = entry[2].load(ordering: .acquiring)
        guard place != 0 else { return nil }
        let flags = entry[1].load(ordering: .relaxed)
        let info = TokenInfo(hash: entry[0].load(ordering: .relaxed),
                             whole: WordFlags(rawValue: UInt32(truncatingIfNeeded: flags)),
                             any: WordFlags(rawValue: UInt32(truncatingIfNeeded: flags >> 32)))
        return (info, UnsafeBufferPointer(start: pool + Int((place - 1) >> 8), count: Int((place - 1) & 0xFF)))
    }

    /// Starts bringing form `form`'s entry into the cache for a ``lookup(_:)`` a few tokens
    /// later (``CacheLine``); `-1` does nothing.
    @inline(__always)
    func prefetch(_ form: Int32) {
        guard form >= 0 && Int(form) < Token.formLimit else { return }
        CacheLine.prefetch(words + 4 * Int(form))
    }

    /// Remembers what `form` is: `info` (its reading range is not kept) and `readings`.
    func remember(_ form: Int32, info: TokenInfo, readings: UnsafeBufferPointer<Reading>) {
        precondition(form >= 0 && Int(form) < Token.formLimit, "form id out of range")
        used.withLock { used in
            let entry = words + 4 * Int(form)
            guard entry[2].load(ordering: .relaxed) == 0, used + readings.count <= poolCapacity else { return }
            if let base = readings.baseAddress { (pool + used).initialize(from: base, count: readings.count) }
            entry[0].store(info.hash, ordering: .relaxed)
            entry[1].store(UInt64(info.whole.rawValue) | UInt64(info.any.rawValue) << 32, ordering: .relaxed)
            entry[2].store((UInt64(used) << 8 | UInt64(readings.count)) + 1, ordering: .releasing)
            used += readings.count
        }
    }
}
