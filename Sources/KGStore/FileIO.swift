import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The seam every byte of log and snapshot I/O goes through, so tests can make
/// a write fail half-way (disk full) and check nothing half-written survives.
/// Sendable: a commit writes through it on a second thread (`GraphStore.commit`).
protocol FileIO: Sendable {
    /// The whole file, or nil if it does not exist.
    func read(_ path: String) throws -> [UInt8]?
    /// Opens (creating if missing) for appending writes.
    func openForWriting(_ path: String) throws -> Int32
    /// Writes all of `bytes` at the end of the file, or throws (possibly after writing part).
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws
    func sync(_ fd: Int32) throws
    func truncate(_ fd: Int32, to length: Int) throws
    func close(_ fd: Int32)
}

extension FileIO {
    /// The file's size, or nil if it does not exist (opening from a snapshot reads only the log's tail).
    func size(_ path: String) throws -> Int? {
        var st = stat()
        if stat(path, &st) != 0 {
            if errno == ENOENT { return nil }
            throw StoreError.io(errnoMessage("cannot stat", path))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw StoreError.io("\(path) is not a regular file") }
        return Int(st.st_size)
    }

    /// Bytes `offset ..< offset + length` of the file (fewer if it is shorter).
    func read(_ path: String, offset: Int, length: Int) throws -> [UInt8] {
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.io(errnoMessage("cannot open", path)) }
        defer { Glibc.close(fd) }
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: max(0, length)) { buf, count in
            var got = 0
            while got < length {
                let n = pread(fd, buf.baseAddress! + got, length - got, off_t(offset + got))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                got += n
            }
            count = got
        }
        if failure != 0 {
            errno = failure
            throw StoreError.io(errnoMessage("cannot read", path))
        }
        return bytes
    }
}

func errnoMessage(_ what: String, _ path: String = "") -> String {
    let reason = String(cString: strerror(errno))
    return path.isEmpty ? "\(what): \(reason)" : "\(what) \(path): \(reason)"
}

/// POSIX file I/O.
struct PosixFileIO: FileIO {
    func read(_ path: String) throws -> [UInt8]? {
        // O_NONBLOCK: opening a FIFO for reading must not wait for a writer; it is refused below.
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw StoreError.io(errnoMessage("cannot open", path))
        }
        defer { Glibc.close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError.io(errnoMessage("cannot stat", path)) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw StoreError.io("\(path) is not a regular file") }
        let size = Int(st.st_size)
        // No zero-fill: a large log is read once into uninitialised capacity.
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
            var got = 0
            while got < size {
                let n = Glibc.read(fd, buf.baseAddress! + got, size - got)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                got += n
            }
            count = got
        }
        if failure != 0 {
            errno = failure
            throw StoreError.io(errnoMessage("cannot read", path))
        }
        return bytes
    }

    func openForWriting(_ path: String) throws -> Int32 {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.io(errnoMessage("cannot open for writing", path)) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            Glibc.close(fd)
            throw StoreError.io("\(path) is not a regular file")
        }
        return fd
    }

    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreError.io(errnoMessage("cannot write the log"))
            }
            done += n
        }
    }

    func sync(_ fd: Int32) throws {
        guard fsync(fd) == 0 else { throw StoreError.io(errnoMessage("cannot sync the log")) }
    }

    func truncate(_ fd: Int32, to length: Int) throws {
        guard ftruncate(fd, off_t(length)) == 0 else { throw StoreError.io(errnoMessage("cannot truncate the log")) }
    }

    func close(_ fd: Int32) { _ = Glibc.close(fd) }
}
