import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one-writer-at-a-time lock (FORMAT.md LOCK-1 … LOCK-4): an exclusive
/// `flock` on `kg.log` itself, so no file can be deleted to get around it. The
/// kernel releases it when the process exits, however it exits. `kg.lock` only
/// holds the writer's pid, for people; the pid a refused writer reports comes
/// from the kernel's lock table (`/proc/locks`), so it is always the holder's.
final class WriterLock {
    private let fd: Int32
    private let pidPath: String

    /// Opens (creating it empty if missing: an empty log is an empty graph, LOG-3)
    /// and locks the log. Refuses a log that is not a regular file (a FIFO would block readers).
    init(directory: URL) throws {
        let logPath = directory.appendingPathComponent(LogFormat.logName).path
        pidPath = directory.appendingPathComponent(LogFormat.lockName).path
        let fd = open(logPath, O_RDONLY | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.io(errnoMessage("cannot open", logPath)) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw StoreError.io("\(logPath) is not a regular file")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = WriterLock.holder(inode: UInt64(st.st_ino)) ?? WriterLock.readPID(pidPath)
            close(fd)
            throw StoreError.locked(pid: holder ?? 0)
        }
        self.fd = fd
        // Informational only (LOCK-1): written after the lock is held, to a file nobody locks.
        let text = "\(getpid())\n"
        let pfd = open(pidPath, O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK | O_CLOEXEC, 0o644)
        if pfd >= 0 {
            _ = Array(text.utf8).withUnsafeBytes { write(pfd, $0.baseAddress, $0.count) }
            close(pfd)
        }
    }

    /// The pid holding an exclusive flock on the file with this inode, from `/proc/locks`
    /// (`1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF`); nil if none is listed.
    static func holder(inode: UInt64) -> Int32? {
        guard let text = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            // A blocked waiter's line starts with "->"; skip it.
            guard f.count >= 6, f[1] == "FLOCK", f[3] == "WRITE",
                  let colon = f[5].lastIndex(of: ":"), UInt64(f[5][f[5].index(after: colon)...]) == inode,
                  let pid = Int32(f[4]), pid > 0 else { continue }
            return pid
        }
        return nil
    }

    private static func readPID(_ path: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 else { return nil }
        return pid
    }

    deinit {
        unlink(pidPath)
        close(fd)
    }
}
