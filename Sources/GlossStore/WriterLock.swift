import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive claim on a store for one writing run (an `annotate` or an `import`), so that two
/// writing processes never interleave their batches. It is an advisory `flock` on
/// `writer.lock` in the store directory: the kernel releases it when the process exits, even
/// when it is killed, so a crash never leaves a stale lock. Readers never need it.
public final class WriterLock: Sendable {
    private let descriptor: Int32

    fileprivate init(descriptor: Int32) { self.descriptor = descriptor }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

extension GlossStore {
    /// Takes the store's writer lock, waiting up to `seconds` for another writer to finish.
    /// Throws ``StoreError/busy(path:holder:waited:)`` when it stays taken.
    public func lockForWriting(waitingUpTo seconds: Double = 0) throws -> WriterLock {
        let lockPath = path + "/writer.lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == EACCES || errno == EROFS || errno == EPERM { throw StoreError.readOnly(path: path, reason: reason) }
            throw StoreError.cannotLock(path: path, reason: "cannot open \(lockPath) (\(reason))")
        }
        let deadline = Date().addingTimeInterval(max(0, seconds))
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                close(fd)
                throw StoreError.cannotLock(path: path, reason: "cannot lock \(lockPath) (\(String(cString: strerror(errno))))")
            }
            if Date() >= deadline {
                var buffer = [UInt8](repeating: 0, count: 32)
                let n = pread(fd, &buffer, buffer.count, 0)
                close(fd)
                let holder = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
                throw StoreError.busy(path: path, holder: holder, waited: seconds)
            }
            usleep(50_000)
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
        return WriterLock(descriptor: fd)
    }
}
