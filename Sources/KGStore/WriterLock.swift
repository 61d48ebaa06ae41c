import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one-writer-at-a-time lock (FORMAT.md LOCK-1 … LOCK-3): `flock` on
/// `kg.lock` in the graph directory, which holds the writer's pid. The kernel
/// releases it when the process exits, however it exits.
final class WriterLock {
    private let fd: Int32

    init(directory: URL) throws {
        let path = directory.appendingPathComponent(LogFormat.lockName).path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.io(errnoMessage("cannot open the lock file", path)) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = WriterLock.readPID(fd)
            close(fd)
            throw StoreError.locked(pid: holder)
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        self.fd = fd
    }

    private static func readPID(_ fd: Int32) -> Int32 {
        var buf = [UInt8](repeating: 0, count: 32)
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 32, 0) }
        guard n > 0 else { return 0 }
        let text = String(decoding: buf[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text) ?? 0
    }

    deinit {
        _ = ftruncate(fd, 0)
        close(fd)
    }
}
