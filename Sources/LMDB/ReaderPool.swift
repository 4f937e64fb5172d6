import CLMDB
import Synchronization

/// Read transactions kept after use, to be renewed by the next read: `mdb_txn_renew` keeps the
/// transaction's allocation and its reader slot, where `mdb_txn_begin` allocates one and
/// searches the shared reader table under its lock. A reset transaction holds no snapshot (it
/// does not keep old pages from reuse) and sees the latest commit once renewed.
///
/// The environment is opened with `MDB_NOTLS`, so a reset transaction may be renewed on any
/// thread. A few are kept (each holds one of the environment's reader slots); more are aborted.
final class ReaderPool: Sendable {
    /// A reset read transaction. `@unchecked Sendable`: it is owned by the pool or by the one
    /// read that took it, never both, and `MDB_NOTLS` lets any thread use it.
    private struct Idle: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private let idle = Mutex<[Idle]>([])
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// A kept transaction, renewed; `nil` when none is kept or it cannot be renewed (it is
    /// then aborted, and the caller begins a transaction as usual — which reports any error,
    /// `MDB_MAP_RESIZED` included).
    func renew() -> OpaquePointer? {
        guard let txn = idle.withLock({ $0.popLast()?.pointer }) else { return nil }
        guard mdb_txn_renew(txn) == 0 else {
            mdb_txn_abort(txn)
            return nil
        }
        return txn
    }

    /// Resets a finished read transaction and keeps it, or aborts it when the pool is full.
    func giveBack(_ txn: OpaquePointer) {
        mdb_txn_reset(txn)
        let kept = idle.withLock { idle in
            guard idle.count < capacity else { return false }
            idle.append(Idle(pointer: txn))
            return true
        }
        if !kept { mdb_txn_abort(txn) }
    }

    /// Aborts every kept transaction (before the environment closes).
    func drain() {
        for txn in idle.withLock({ idle in defer { idle.removeAll() }; return idle }) {
            mdb_txn_abort(txn.pointer)
        }
    }
}
