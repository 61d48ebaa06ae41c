import Foundation
import KGCore
#if canImport(Glibc)
import Glibc
#endif

extension GraphStore {
    /// Opens from `kg.snapshot` and the log records after it (SNAP-1, SNAP-6):
    /// the snapshot is mapped, not decoded, and of the log only the header,
    /// record T (its frame, checksum and CRC field against the snapshot's) and
    /// the tail after it are read. Returns false, with a note, when there is no
    /// usable snapshot (the caller replays the whole log). Cost: the snapshot's
    /// directory and small sections, record T, and the tail.
    func loadFromSnapshot() throws -> Bool {
        let (problem, found) = GraphStore.mapSnapshot(directory)
        if let problem { notes.append(problem) }
        guard let opened = found else { return false }
        let snapPath = snapshotURL.path, logPath = logURL.path
        func stale(_ why: String) -> Bool {
            notes.append("\(snapPath): ignored (\(why)); replaying the log")
            return false
        }
        if let damage = opened.mapping.damage { return stale("damaged at \(damage)") }
        guard let size = try io.size(logPath), size >= LogFormat.headerSize else { return false }
        let header = try io.read(logPath, offset: 0, length: LogFormat.headerSize)
        try LogScanner.checkHeader(header, path: logPath)
        guard opened.logOffset <= size else {
            return stale("it holds transaction \(opened.tx), the log ends before that transaction's end")
        }
        let record = try io.read(logPath, offset: opened.recordStart, length: opened.logOffset - opened.recordStart)
        let intact: Bool = record.withUnsafeBytes { raw in
            if case .intact(let r) = LogScanner.frame(raw, at: 0), r.end == raw.count { return true }
            return false
        }
        guard intact else { return stale("transaction \(opened.tx) does not end where it says in the log") }
        let recordCRC = record.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) }
        guard recordCRC == opened.recordCRC else { return stale("transaction \(opened.tx) in the log is not the one it was taken after") }

        let base = opened.logOffset
        let tail = try io.read(logPath, offset: base, length: size - base)
        let scan = LogScanner(tail, stopAtProblem: true, start: 0, firstTx: opened.tx + 1)
        if let p = scan.problems.first {
            throw StoreError.corrupt(path: logPath, offset: base + p.offset, tx: p.tx, reason: p.reason)
        }
        state = opened.state
        state.mapping = opened.mapping
        summaries = opened.summaries
        recordEnds = opened.recordEnds
        snapshotTx = opened.tx
        snapshotLogOffset = base
        openedFromSnapshot = true
        lastCRC = recordCRC
        try tail.withUnsafeBytes { raw in
            for r in scan.records {
                var reader = ByteReader(raw, from: r.payload.lowerBound, to: r.payload.upperBound)
                let expected = state.tx + 1
                let summary: TransactionSummary
                do {
                    summary = try state.replay(&reader)
                } catch let e as DecodeError {
                    throw StoreError.corrupt(path: logPath, offset: base + r.offset, tx: expected, reason: e.message)
                }
                guard summary.id == expected else {
                    throw StoreError.corrupt(path: logPath, offset: base + r.offset, tx: expected,
                                             reason: "holds transaction \(summary.id) where \(expected) belongs")
                }
                summaries.append(summary)
                recordEnds.append(base + r.end)
                lastCRC = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: r.offset + 8, as: UInt32.self))
            }
        }
        logSize = base + scan.goodLength
        if let torn = scan.tornOffset {
            let lost = size - (base + torn)
            notes.append("\(logPath): \(mode == .write ? "cut off" : "ignoring") a torn last record at byte offset \(base + torn) (\(lost) bytes of an unfinished transaction)")
        }
        if mode == .write {
            try openLogForWriting(truncate: scan.tornOffset != nil)
        }
        return true
    }

    /// What a read found wrong in a mapped snapshot chunk (SNAP-7), nil while nothing.
    public var snapshotDamage: String? { state.mapping?.damage }

    /// SNAP-8: when a read found a damaged snapshot chunk, the graph in memory
    /// is rebuilt by replaying the whole log (a writer also deletes the
    /// snapshot, so the next open replays the log too), a note says so, and the
    /// note is returned; nil when nothing was damaged. Cost: O(1) when intact.
    @discardableResult
    public func reopenIfSnapshotDamaged() throws -> String? {
        guard let damage = state.mapping?.damage else { return nil }
        let note = "\(snapshotURL.path): snapshot damaged at \(damage); reopening from the log"
        notes.append(note)
        let fresh = try GraphStore.open(directory, mode: .read, io: io, useSnapshot: false)
        guard fresh.logSize == logSize else {
            throw StoreError.io("\(logURL.path) changed while reopening it after a damaged snapshot; reopen the graph")
        }
        SnapshotDamageLedger.handled()
        state = fresh.state
        summaries = fresh.summaries
        recordEnds = fresh.recordEnds
        lastCRC = fresh.lastCRC
        openedFromSnapshot = false
        if mode == .write {
            // A background checkpoint of the damaged graph fails on the damage; wait so it cannot rename after the unlink.
            _ = try? finishCheckpoint()
            unlink(snapshotURL.path)
            snapshotTx = 0
            snapshotLogOffset = 0
        }
        return note
    }

    /// Why the snapshot cannot be used with the log whose records `scan` framed,
    /// or nil if it can (SNAP-1); on success also the state (every chunk checked:
    /// this is for `kg verify` and as-of reads, which compare it or start from it)
    /// and the summaries.
    static func readSnapshot(_ directory: URL, scan: LogScanner, logBytes: [UInt8]?, io: FileIO)
        -> (problem: String?, state: GraphState?, summaries: [TransactionSummary]) {
        let (problem, found) = mapSnapshot(directory)
        guard let opened = found else { return (problem, nil, []) }
        let path = directory.appendingPathComponent(LogFormat.snapshotName).path
        func stale(_ why: String) -> (String?, GraphState?, [TransactionSummary]) {
            ("\(path): ignored (\(why)); replaying the log", nil, [])
        }
        let tx = opened.tx
        guard tx <= scan.records.count else { return stale("it holds transaction \(tx), the log \(scan.records.count)") }
        let record = scan.records[tx - 1]
        guard record.end == opened.logOffset, record.offset == opened.recordStart else {
            return stale("transaction \(tx) ends elsewhere in the log")
        }
        if let logBytes {
            let logCRC = logBytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: record.offset + 8, as: UInt32.self)) }
            guard logCRC == opened.recordCRC else { return stale("transaction \(tx) in the log is not the one it was taken after") }
        }
        for (i, s) in opened.summaries.enumerated() where s.counts.contains(where: { $0 > scan.records[i].payload.count }) {
            return stale("contents do not match its header")
        }
        var state = opened.state
        state.mapping = opened.mapping
        return (nil, state, opened.summaries)
    }

    static func snapshotNote(_ directory: URL, scan: LogScanner, io: FileIO) -> String? {
        let log = try? io.read(directory.appendingPathComponent(LogFormat.logName).path)
        return readSnapshot(directory, scan: scan, logBytes: log, io: io).problem
    }
}
