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
        report.problems.sort { ($0.offset ?? 0) < ($1.offset ?? 0) }
        if let torn = scan.tornOffset {
            report.problems.append(.init(offset: torn, tx: transactions.count + scan.problems.count + 1,
                                         message: "torn last record (\(bytes.count - torn) bytes of an unfinished append)"))
        }
        report.transactionCount = transactions.count
        if let note = snapshotNote(directory, scan: scan, io: io) { report.notes.append(note) }
        return report
    }

    /// Every intact record that decodes, in order, with the problems met on the way.
    static func intactTransactions(_ bytes: [UInt8]) -> ([(LogScanner.Record, Transaction)], LogScanner, [VerifyReport.Problem]) {
        let scan = LogScanner(bytes, stopAtProblem: false)
        var out: [(LogScanner.Record, Transaction)] = []
        var problems: [VerifyReport.Problem] = []
        var expected = 1
        var previousEnd = LogFormat.headerSize
        bytes.withUnsafeBytes { raw in
            for r in scan.records {
                // Damaged records between the previous intact one and this one each held a transaction.
                expected += scan.problems.filter { $0.offset >= previousEnd && $0.offset < r.offset }.count
                previousEnd = r.end
                var reader = ByteReader(raw, from: r.payload.lowerBound, to: r.payload.upperBound)
                do {
                    let tx = try TransactionCodec.decode(&reader)
                    if tx.id != expected {
                        problems.append(.init(offset: r.offset, tx: expected,
                                              message: "holds transaction \(tx.id) where \(expected) belongs"))
                    }
                    out.append((r, tx))
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
        let logURL = directory.appendingPathComponent(LogFormat.logName)
        guard let bytes = try PosixFileIO().read(logURL.path) else { throw StoreError.noGraph(path: directory.path) }
        try LogScanner.checkHeader(bytes, path: logURL.path)
        let target = out.appendingPathComponent(LogFormat.logName)
        if FileManager.default.fileExists(atPath: target.path) {
            throw StoreError.invalid("\(target.path) already exists; salvage writes a new graph")
        }
        let (transactions, _, _) = intactTransactions(bytes)
        let store = try GraphStore.open(out, mode: .write)
        for (_, tx) in transactions {
            try store.commit(TransactionDraft(source: tx.source, operations: tx.operations, time: tx.time), validating: false)
        }
        return transactions.count
    }
}
