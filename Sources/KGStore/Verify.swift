import Foundation
import KGCore

/// What `GraphStore.verify` found (FORMAT.md REC-1).
public struct VerifyReport: Sendable {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// Byte offset in the log, when the problem has one.
        public var offset: Int?
        /// The transaction the damaged bytes should hold, when known.
        public var tx: TxID?
        public var message: String

        public var description: String {
            var where_ = ""
            if let offset { where_ += "byte offset \(offset)" }
            if let tx { where_ += (where_.isEmpty ? "" : ", ") + "transaction \(tx)" }
            return where_.isEmpty ? message : "\(where_): \(message)"
        }
    }

    public var logURL: URL
    public var problems: [Problem] = []
    /// Not problems: a stale snapshot, for instance.
    public var notes: [String] = []
    /// Intact, decodable transactions.
    public var transactionCount = 0
    public var logSize = 0

    public var isOK: Bool { problems.isEmpty }
}

extension GraphStore {
    /// Reads the graph directory without writing and reports every problem (REC-1).
    public static func verify(_ directory: URL) -> VerifyReport {
        verify(directory, io: PosixFileIO())
    }

    static func verify(_ directory: URL, io: FileIO) -> VerifyReport {
        let logURL = directory.appendingPathComponent(LogFormat.logName)
        var report = VerifyReport(logURL: logURL)
        let bytes: [UInt8]
        do {
            guard let b = try io.read(logURL.path) else {
                report.problems.append(.init(message: "no graph at \(directory.path)"))
                return report
            }
            bytes = b
        } catch {
            report.problems.append(.init(message: "\(error)"))
            return report
        }
        report.logSize = bytes.count
        do {
            try LogScanner.checkHeader(bytes, path: logURL.path)
        } catch {
            report.problems.append(.init(offset: 0, message: "\(error)"))
            return report
        }
        let (transactions, scan, decodeProblems) = intactTransactions(bytes)
        for p in scan.problems { report.problems.append(.init(offset: p.offset, tx: p.tx, message: p.reason)) }
        report.problems.append(contentsOf: decodeProblems)
        if let stop = scan.searchGaveUp {
            report.problems.append(.init(offset: stop, message: "stopped searching for intact records here: too many fake record headers (REC-1)"))
        }
        report.problems.sort { ($0.offset ?? 0) < ($1.offset ?? 0) }
        if let torn = scan.tornOffset {
            report.problems.append(.init(offset: torn, tx: transactions.count + scan.problems.count + 1,
                                         message: "torn last record (\(bytes.count - torn) bytes of an unfinished append)"))
        }
        report.transactionCount = transactions.count
        var snapshot = readSnapshot(directory, scan: scan, logBytes: bytes, io: io)
        if let note = snapshot.problem { report.notes.append(note) }
        // Every chunk is checked (SNAP-7): a damaged one makes the snapshot unusable, which is a note
        // like any stale snapshot (opening would find it on reading that chunk and replay the log).
        if let state = snapshot.state {
            state.checkAllChunks()
            if let damage = state.mapping?.damage {
                report.notes.append("\(directory.appendingPathComponent(LogFormat.snapshotName).path): damaged at \(damage); opening replays the log when a read reaches it")
                snapshot = (nil, nil, [])
            }
        }
        // Replay the records before the first damaged one through the checks open makes (REC-1).
        let intactPrefix = scan.problems.first.map { p in scan.records.prefix { $0.offset < p.offset } } ?? scan.records[...]
        if let semantic = replayProblem(Array(intactPrefix), bytes: bytes, snapshot: snapshot.state, summaries: snapshot.summaries) {
            report.problems.append(semantic)
        }
        return report
    }

    /// Replays `records` from an empty graph with every check opening makes, and
    /// returns the first problem (with its transaction id); also compares the
    /// snapshot's graph, if one loaded, with the replayed graph at its transaction (SNAP-2).
    static func replayProblem(_ records: [LogScanner.Record], bytes: [UInt8], snapshot: GraphState?,
                              summaries snapshotSummaries: [TransactionSummary]) -> VerifyReport.Problem? {
        var state = GraphState()
        var summaries: [TransactionSummary] = []
        return bytes.withUnsafeBytes { raw -> VerifyReport.Problem? in
            for (i, r) in records.enumerated() {
                var reader = ByteReader(raw, from: r.payload.lowerBound, to: r.payload.upperBound)
                do {
                    let summary = try state.replay(&reader)
                    summaries.append(summary)
                    if summary.id != i + 1 {
                        return .init(offset: r.offset, tx: i + 1, message: "holds transaction \(summary.id) where \(i + 1) belongs")
                    }
                } catch {
                    let message = (error as? DecodeError)?.message ?? "\(error)"
                    return .init(offset: r.offset, tx: i + 1, message: "does not replay: \(message)")
                }
                if let snapshot, snapshot.tx == i + 1 {
                    var a = ByteWriter(), b = ByteWriter()
                    state.encodeSnapshotBody(into: &a)
                    snapshot.encodeSnapshotBody(into: &b)
                    if a.bytes != b.bytes || summaries != snapshotSummaries {
                        return .init(tx: i + 1, message: "kg.snapshot holds a different graph from the log's at this transaction (SNAP-2); delete it")
                    }
                }
            }
            return nil
        }
    }

    /// Every intact record that decodes, in order, with the problems met on the way.
    /// Only records whose transaction ids continue the sequence (larger than the last
    /// one kept) are returned: a duplicate or out-of-order record is a problem (REC-3).
    static func intactTransactions(_ bytes: [UInt8]) -> ([(LogScanner.Record, Transaction)], LogScanner, [VerifyReport.Problem]) {
        let scan = LogScanner(bytes, stopAtProblem: false)
        var out: [(LogScanner.Record, Transaction)] = []
        var problems: [VerifyReport.Problem] = []
        var expected = 1
        var lastKept = 0
        var previousEnd = LogFormat.headerSize
        var damaged = scan.problems[...]
        bytes.withUnsafeBytes { raw in
            for r in scan.records {
                // Damaged records between the previous intact one and this one each held a transaction.
                while let p = damaged.first, p.offset < r.offset {
                    if p.offset >= previousEnd { expected += 1 }
                    damaged = damaged.dropFirst()
                }
                previousEnd = r.end
                var reader = ByteReader(raw, from: r.payload.lowerBound, to: r.payload.upperBound)
                do {
                    let tx = try TransactionCodec.decode(&reader)
                    // A log holds at most one transaction per 12 bytes: a larger id is out of any
                    // sequence (and id + 1 below cannot overflow).
                    if tx.id > bytes.count / LogFormat.recordHeaderSize {
                        problems.append(.init(offset: r.offset, tx: expected,
                                              message: "holds transaction \(tx.id), more than the log can hold; not kept"))
                        expected += 1
                        continue
                    }
                    if tx.id <= lastKept {
                        problems.append(.init(offset: r.offset, tx: expected,
                                              message: "holds transaction \(tx.id) again or out of order (after \(lastKept)); not kept"))
                        expected += 1
                        continue
                    }
                    if tx.id != expected {
                        problems.append(.init(offset: r.offset, tx: expected,
                                              message: "holds transaction \(tx.id) where \(expected) belongs"))
                    }
                    out.append((r, tx))
                    lastKept = tx.id
                    expected = tx.id + 1
                } catch {
                    let message = (error as? DecodeError)?.message ?? "\(error)"
                    problems.append(.init(offset: r.offset, tx: expected, message: "payload does not decode: \(message)"))
                    expected += 1
                }
            }
        }
        return (out, scan, problems)
    }

    /// Writes `to/kg.log` with every intact transaction of `directory`'s log,
    /// renumbered 1, 2, 3, … (REC-3). Returns how many it wrote.
    public static func salvage(_ directory: URL, to out: URL) throws -> Int {
        try salvageReport(directory, to: out).kept
    }

    /// REC-3: copies the intact transactions whose ids continue the sequence and
    /// that pass the checks a commit makes against what was copied before them;
    /// returns how many it kept and why it dropped the others.
    public static func salvageReport(_ directory: URL, to out: URL) throws -> (kept: Int, dropped: [VerifyReport.Problem]) {
        let logURL = directory.appendingPathComponent(LogFormat.logName)
        guard let bytes = try PosixFileIO().read(logURL.path) else { throw StoreError.noGraph(path: directory.path) }
        try LogScanner.checkHeader(bytes, path: logURL.path)
        let target = out.appendingPathComponent(LogFormat.logName)
        if FileManager.default.fileExists(atPath: target.path) {
            throw StoreError.invalid("\(target.path) already exists; salvage writes a new graph")
        }
        let (transactions, _, problems) = intactTransactions(bytes)
        var dropped = problems.filter { $0.message.hasSuffix("not kept") }
        let store = try GraphStore.open(out, mode: .write)
        var kept = 0
        for (record, tx) in transactions {
            do {
                try store.commit(TransactionDraft(source: tx.source, operations: tx.operations, time: tx.time))
                kept += 1
            } catch StoreError.invalid(let why) {
                dropped.append(.init(offset: record.offset, tx: tx.id, message: "does not apply after the transactions kept: \(why); not kept"))
            }
        }
        return (kept, dropped)
    }
}
