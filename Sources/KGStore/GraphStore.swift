import Foundation
import KGCore
import Synchronization

/// How a graph is opened.
public enum OpenMode: Sendable {
    /// Readers never lock and never change a file.
    case read
    /// Takes the writer lock (creating the directory and log if missing).
    case write
}

/// A graph directory: the append-only log (`kg.log`, the truth), an optional
/// snapshot (`kg.snapshot`, a cache), and the writer lock (`kg.lock`).
///
/// Opening replays the log (from the snapshot, when it is valid) into a
/// `GraphState`; `commit` appends one record, fsyncs it, then applies it.
public final class GraphStore {
    public let directory: URL
    public let mode: OpenMode
    let io: FileIO
    var state: GraphState
    var summaries: [TransactionSummary]
    /// Log offset just after each transaction's record (index tx - 1).
    var recordEnds: [Int]
    var fd: Int32 = -1
    private var lock: WriterLock?
    /// Bytes of the log that hold intact records (the header included).
    public internal(set) var logSize: Int
    /// What opening had to repair or skip, for the user (a torn tail, an ignored snapshot).
    public internal(set) var notes: [String] = []
    /// Whether opening started from the snapshot.
    public internal(set) var openedFromSnapshot = false
    /// The transaction and log size the snapshot on disk was taken at (0 if none).
    var snapshotTx = 0
    var snapshotLogOffset = 0
    /// The CRC field of the last record in the log (the snapshot names it, SNAP-1).
    var lastCRC: UInt32 = 0
    /// A writer that closes with at least this many log bytes past the snapshot writes a new one (SNAP-4).
    public var autoCheckpointBytes = 4 << 20
    /// A commit that leaves at least this many log bytes past the last snapshot
    /// starts writing a new one in the background (SNAP-10); `.max` never does.
    public var backgroundCheckpointBytes = 256 << 20
    /// The snapshot being written in the background, nil when none (`startCheckpoint`).
    var runningCheckpoint: CheckpointTask?
    /// Commits (in this process) made while a `GraphView` of the same graph was
    /// still held, so applying them copied every column of the graph: a commit
    /// path that should cost what it changes keeps this unchanged (tests read it).
    public static var commitsThatCopiedTheGraph: Int { copyingCommits.load(ordering: .relaxed) }
    private static let copyingCommits = Atomic<Int>(0)
    /// The record being committed; reused so its capacity (and pages) carry over between commits.
    private var recordBuffer: [UInt8] = []
    /// The largest record payload a commit writes (LOG-5); tests lower it to check the refusal cheaply.
    var payloadLimit = LogFormat.maxPayload
    /// Set when a failed commit left the in-memory graph unknown: every later commit is refused.
    private var broken: String?

    public var logURL: URL { directory.appendingPathComponent(LogFormat.logName) }
    var snapshotURL: URL { directory.appendingPathComponent(LogFormat.snapshotName) }

    private init(directory: URL, mode: OpenMode, io: FileIO) {
        self.directory = directory
        self.mode = mode
        self.io = io
        state = GraphState()
        summaries = []
        recordEnds = []
        logSize = LogFormat.headerSize
    }

    deinit {
        if runningCheckpoint != nil {
            do { try finishCheckpoint() } catch {
                FileHandle.standardError.write(Data("kg: a background snapshot of \(directory.path) failed: \(error) (the log is intact)\n".utf8))
            }
        }
        if mode == .write, fd >= 0, broken == nil, logSize - max(snapshotLogOffset, LogFormat.headerSize) >= autoCheckpointBytes {
            do {
                try checkpoint()
            } catch {
                // The log holds everything; only the next open is slower (SNAP-4).
                FileHandle.standardError.write(Data("kg: could not write the closing snapshot of \(directory.path): \(error) (the log is intact; the next open replays it)\n".utf8))
            }
        }
        if fd >= 0 { io.close(fd) }
    }

    /// Opens the graph in `directory`. `useSnapshot: false` ignores `kg.snapshot`
    /// and replays the whole log (for benchmarks and checks).
    public static func open(_ directory: URL, mode: OpenMode, useSnapshot: Bool = true) throws -> GraphStore {
        try open(directory, mode: mode, io: PosixFileIO(), useSnapshot: useSnapshot)
    }

    /// Test seam: `io` sees every byte read and written; `useSnapshot: false` replays the whole log.
    static func open(_ directory: URL, mode: OpenMode, io: FileIO, useSnapshot: Bool) throws -> GraphStore {
        let store = GraphStore(directory: directory, mode: mode, io: io)
        try store.load(useSnapshot: useSnapshot)
        return store
    }

    private func load(useSnapshot: Bool) throws {
        let logPath = logURL.path
        if mode == .write {
            try createDirectory()
            lock = try WriterLock(directory: directory)
        }
        if useSnapshot, try loadFromSnapshot() { return }
        guard var bytes = try io.read(logPath) else {
            guard mode == .write else { throw StoreError.noGraph(path: directory.path) }
            try createLog()
            return
        }
        if bytes.count < LogFormat.headerSize && LogFormat.header().starts(with: bytes) {
            // A crash while creating the log left it empty or with part of its header (LOG-3).
            if mode == .write { try createLog() }
            return
        }
        try LogScanner.checkHeader(bytes, path: logPath)
        let scan = LogScanner(bytes, stopAtProblem: true)
        openedFromSnapshot = false
        if let p = scan.problems.first {
            throw StoreError.corrupt(path: logPath, offset: p.offset, tx: p.tx, reason: p.reason)
        }
        try replay(scan.records, from: state.tx, bytes: bytes, path: logPath)
        logSize = scan.goodLength
        if let last = scan.records.last {
            lastCRC = bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: last.offset + 8, as: UInt32.self)) }
        }
        if let torn = scan.tornOffset {
            let lost = bytes.count - torn
            if mode == .write {
                notes.append("\(logPath): cut off a torn last record at byte offset \(torn) (\(lost) bytes of an unfinished transaction)")
            } else {
                notes.append("\(logPath): ignoring a torn last record at byte offset \(torn) (\(lost) bytes of an unfinished transaction)")
            }
        }
        bytes = []
        if mode == .write { try openLogForWriting(truncate: scan.tornOffset != nil) }
    }

    /// Opens the log for appending, cutting a torn tail back to `logSize` first.
    func openLogForWriting(truncate: Bool) throws {
        fd = try io.openForWriting(logURL.path)
        if truncate {
            try io.truncate(fd, to: logSize)
            try io.sync(fd)
        }
    }

    /// COMMIT-4: creates the graph directory (and missing parents) and fsyncs the
    /// parent of each directory it created, so the new directory entries survive a crash.
    private func createDirectory() throws {
        var missing: [URL] = []
        var d = directory.standardizedFileURL
        while !FileManager.default.fileExists(atPath: d.path), d.path != "/" {
            missing.append(d)
            d = d.deletingLastPathComponent()
        }
        guard !missing.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.io("cannot create the graph directory \(directory.path): \(error.localizedDescription)")
        }
        for m in missing { GraphStore.syncDirectory(m.deletingLastPathComponent().path) }
    }

    private func createLog() throws {
        fd = try io.openForWriting(logURL.path)
        let header = LogFormat.header()
        do {
            try io.truncate(fd, to: 0)
            try header.withUnsafeBytes { try io.write(fd, $0) }
            try io.sync(fd)
        } catch {
            try? io.truncate(fd, to: 0)
            throw error
        }
        GraphStore.syncDirectory(directory.path)
        logSize = LogFormat.headerSize
    }

    /// Makes a new directory entry in `path` durable.
    static func syncDirectory(_ path: String) {
        let dfd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); Glibc.close(dfd) }
    }

    /// LOCK-4: the log this writer appends to must still be the file it opened, at
    /// the length it last wrote; otherwise something else wrote, cut or replaced it.
    private func checkLogUnchanged() throws {
        var st = stat(), named = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError.io(errnoMessage("cannot stat", logURL.path)) }
        guard stat(logURL.path, &named) == 0, named.st_ino == st.st_ino, named.st_dev == st.st_dev else {
            throw StoreError.io("\(logURL.path) was deleted or replaced while this writer had it open; reopen the graph")
        }
        guard Int(st.st_size) == logSize else {
            throw StoreError.io("\(logURL.path) is \(st.st_size) bytes, but this writer last left it at \(logSize); reopen the graph")
        }
    }

    /// Decodes and applies records whose transaction id is > `after`.
    func replay(_ records: [LogScanner.Record], from after: TxID, bytes: [UInt8], path: String) throws {
        recordEnds = records.map(\.end)
        guard after < records.count else { return }
        summaries.reserveCapacity(records.count)
        try bytes.withUnsafeBytes { raw in
            for i in after..<records.count {
                let r = records[i]
                var reader = ByteReader(raw, from: r.payload.lowerBound, to: r.payload.upperBound)
                let summary: TransactionSummary
                do {
                    summary = try state.replay(&reader)
                } catch let e as DecodeError {
                    throw StoreError.corrupt(path: path, offset: r.offset, tx: i + 1, reason: e.message)
                }
                guard summary.id == i + 1 else {
                    throw StoreError.corrupt(path: path, offset: r.offset, tx: i + 1,
                                             reason: "holds transaction \(summary.id) where \(i + 1) belongs")
                }
                summaries.append(summary)
            }
        }
    }

    // MARK: - Writing

    /// The next unused entity id: assign ids `nextEntityID`, `nextEntityID + 1`, … in a draft.
    public var nextEntityID: EntityID { state.nextEntityID }

    /// Appends the draft as one record, fsyncs it, applies it; returns its id.
    /// On any failure nothing of it stays in the log (COMMIT-2).
    @discardableResult
    public func commit(_ draft: TransactionDraft) throws -> TxID {
        try commit(draft, validating: true)
    }

    /// `validating: false` is for salvage, which copies what a log already holds.
    ///
    /// Writing the record (encode, checksum, write, fsync) and applying the
    /// transaction to the in-memory graph take about as long as each other, so
    /// they run side by side on two threads and a commit costs the longer of
    /// the two, not their sum. `GraphState.apply` builds exactly what replaying
    /// the record builds (RoundTripTests pins this). If the write fails, the
    /// graph already holds the transaction, so it is rebuilt from the log.
    @discardableResult
    func commit(_ draft: TransactionDraft, validating: Bool) throws -> TxID {
        guard mode == .write, fd >= 0 else { throw StoreError.readOnly }
        if let broken { throw StoreError.io(broken) }
        try reopenIfSnapshotDamaged()
        if validating { try validate(draft) }
        try checkLogUnchanged()
        let micros = TransactionCodec.micros(draft.time ?? Date())
        let tx = Transaction(id: state.tx + 1, time: TransactionCodec.date(micros: micros),
                             source: draft.source, operations: draft.operations)
        // The writing thread gets only Sendable values (the transaction, the record
        // buffer, the I/O seam, the descriptor, the limit) and hands its result back
        // through a Mutex; this thread applies the transaction to `state` meanwhile.
        let pending = PendingWrite(record: recordBuffer)
        recordBuffer = []
        let (io, fd, limit) = (self.io, self.fd, payloadLimit)
        let written = DispatchGroup()
        DispatchQueue.global().async(group: written) {
            pending.result.withLock { result in
                do {
                    try LogFormat.record(tx, into: &result.record, limit: limit)
                    try result.record.withUnsafeBytes { try io.write(fd, $0) }
                    try io.sync(fd)
                } catch {
                    result.error = error
                }
            }
        }
        if !isKnownUniquelyReferenced(&state.viewToken) { GraphStore.copyingCommits.add(1, ordering: .relaxed) }
        state.apply(tx)
        written.wait()
        // Taken out (not copied), so the record buffer stays uniquely referenced for reuse.
        let write = pending.result.withLock { result in
            defer { result = PendingWrite.Result(record: [], error: nil) }
            return result
        }
        recordBuffer = write.record
        if let error = write.error {
            // Cut any part of the record that reached the file, then take the applied transaction back out.
            let cut = (try? io.truncate(fd, to: logSize)) != nil
            let reason = (error as? StoreError)?.description ?? "\(error)"
            var message = "commit failed, transaction \(tx.id) not written: \(reason)"
            if !cut { message += " (and the log could not be cut back; reopen to recover)" }
            do {
                state = try state(asOf: tx.id - 1)
            } catch {
                broken = "the graph could not be reread after a failed commit (\(error)); reopen it"
                message += "; " + broken!
            }
            throw StoreError.io(message)
        }
        logSize += write.record.count
        recordEnds.append(logSize)
        lastCRC = write.record.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) }
        summaries.append(tx.summary)
        // Applying read a damaged snapshot chunk: the graph in memory is rebuilt from the log (which holds this commit).
        try reopenIfSnapshotDamaged()
        checkpointInBackgroundIfDue()
        return tx.id
    }

    /// The record a commit's writing thread fills in, and how writing it ended.
    /// The Mutex is uncontended (the committing thread reads it only after
    /// `DispatchGroup.wait`); it is what makes the hand-over Sendable.
    private final class PendingWrite: Sendable {
        struct Result { var record: [UInt8]; var error: Error? }
        let result: Mutex<Result>
        init(record: [UInt8]) { result = Mutex(Result(record: record, error: nil)) }
    }

    /// Refuses drafts that break a rule replay enforces (COMMIT-3, OP-11), before
    /// anything is written: the same `TransactionCheck` replay runs on every record.
    private func validate(_ draft: TransactionDraft) throws {
        var check = TransactionCheck(state)
        do {
            let merged = state.mergedInto
            for op in draft.operations { try check.check(op, mergedInto: merged) }
        } catch let e as DecodeError {
            throw StoreError.invalid(e.message)
        }
        if let time = draft.time {
            let micros = time.timeIntervalSince1970 * 1_000_000
            guard micros.isFinite, abs(micros) < 9.2e18 else {
                throw StoreError.invalid("commit time \(time) does not fit the log's microsecond clock (LOG-9)")
            }
        }
    }

    // MARK: - Reading

    /// The live graph (as of the last commit). A view shares the store's columns
    /// (copy-on-write): the first commit made while a view is still held copies
    /// them once, so in a commit loop take views inside the loop and let them go.
    public var current: GraphView { GraphView(state) }

    /// Every transaction, oldest first.
    public var transactions: [TransactionSummary] { summaries }

    /// The graph as it was just after transaction `tx` (0: empty). Replays the log
    /// prefix, from the snapshot when the snapshot is not newer than `tx`.
    public func view(asOf tx: TxID) throws -> GraphView {
        guard tx >= 0, tx <= state.tx else {
            throw StoreError.invalid("no transaction \(tx) (the log holds 1…\(state.tx))")
        }
        if tx == state.tx { return current }
        return GraphView(try state(asOf: tx))
    }

    /// The graph just after transaction `tx`, rebuilt from the log (and the snapshot when it is not newer).
    private func state(asOf tx: TxID) throws -> GraphState {
        if tx == 0 { return GraphState() }
        guard let bytes = try io.read(logURL.path), bytes.count >= recordEnds[tx - 1] else {
            throw StoreError.io("\(logURL.path) changed under the open graph")
        }
        let prefix = Array(bytes[0..<recordEnds[tx - 1]])
        let scan = LogScanner(prefix, stopAtProblem: true)
        if let p = scan.problems.first {
            throw StoreError.corrupt(path: logURL.path, offset: p.offset, tx: p.tx, reason: p.reason)
        }
        let past = GraphStore(directory: directory, mode: .read, io: io)
        // Start from the snapshot when it was taken at or before `tx` (it is checked against this prefix).
        if snapshotTx > 0 && snapshotTx <= tx {
            let (_, loaded, _) = GraphStore.readSnapshot(directory, scan: scan, logBytes: prefix, io: io)
            if let loaded, loaded.tx <= tx, loaded.mapping?.damage == nil { past.state = loaded }
        }
        try past.replay(scan.records, from: past.state.tx, bytes: prefix, path: logURL.path)
        return past.state
    }

    /// The graph as of the last transaction committed at or before `asOfTime`.
    public func view(asOfTime time: Date) throws -> GraphView {
        var lo = 0, hi = summaries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if summaries[mid].time <= time { lo = mid + 1 } else { hi = mid }
        }
        return try view(asOf: lo)
    }
}
