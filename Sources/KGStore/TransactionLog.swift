import Foundation
import KGCore

/// `kg log` without opening the graph: the log's records are framed and
/// checksummed (LogScanner, one sequential pass over the file's bytes), and
/// only the records shown are decoded, into summaries; no graph is built and
/// the snapshot is not read. So `kg log --last N` decodes N payloads whatever
/// the graph's size, and `kg log` decodes each payload once, into a line.
public struct TransactionLog {
    /// Summaries of the records asked for, oldest first.
    public var transactions: [TransactionSummary]
    /// Intact transactions in the log.
    public var total: Int
    /// Records whose payload was decoded (the test counts them).
    public var decoded: Int
    /// What the scan had to skip (a torn last record), for the user.
    public var notes: [String]

    /// Reads `directory`'s log; `last` limits the summaries to the last N
    /// transactions (nil: all). A damaged record (not a torn tail) is an error,
    /// as it is for opening the graph.
    public static func read(_ directory: URL, last: Int? = nil) throws -> TransactionLog {
        try read(directory, last: last, io: PosixFileIO())
    }

    static func read(_ directory: URL, last: Int?, io: FileIO) throws -> TransactionLog {
        let path = directory.appendingPathComponent(LogFormat.logName).path
        guard let bytes = try io.read(path) else { throw StoreError.noGraph(path: directory.path) }
        if bytes.count < LogFormat.headerSize && LogFormat.header().starts(with: bytes) {
            return TransactionLog(transactions: [], total: 0, decoded: 0, notes: [])
        }
        try LogScanner.checkHeader(bytes, path: path)
        let scan = LogScanner(bytes, stopAtProblem: true)
        if let p = scan.problems.first {
            throw StoreError.corrupt(path: path, offset: p.offset, tx: p.tx, reason: p.reason)
        }
        var notes: [String] = []
        if let torn = scan.tornOffset {
            notes.append("\(path): ignoring a torn last record at byte offset \(torn) (\(bytes.count - torn) bytes of an unfinished transaction)")
        }
        let records = scan.records
        let first = max(0, records.count - (last ?? records.count))
        var out: [TransactionSummary] = []
        out.reserveCapacity(records.count - first)
        try bytes.withUnsafeBytes { raw in
            for i in first..<records.count {
                let r = records[i]
                var reader = ByteReader(raw, from: r.payload.lowerBound, to: r.payload.upperBound)
                do {
                    let summary = try TransactionCodec.summary(&reader)
                    guard summary.id == i + 1 else {
                        throw DecodeError(message: "holds transaction \(summary.id) where \(i + 1) belongs")
                    }
                    out.append(summary)
                } catch let e as DecodeError {
                    throw StoreError.corrupt(path: path, offset: r.offset, tx: i + 1, reason: e.message)
                }
            }
        }
        return TransactionLog(transactions: out, total: records.count, decoded: out.count, notes: notes)
    }
}

extension TransactionCodec {
    /// A payload's id, time, source and operation counts (the operations are
    /// decoded and dropped); O(payload).
    static func summary(_ r: inout ByteReader) throws -> TransactionSummary {
        let id = try r.uint()
        let time = date(micros: try r.sint())
        let source = try decodeSource(&r)
        let n = try r.uint()
        var counts = [Int](repeating: 0, count: OperationKind.allCases.count + 1)
        for _ in 0..<n { counts[Int(try decodeOperation(&r).kind.rawValue)] += 1 }
        guard r.atEnd else { throw DecodeError(message: "bytes after the last operation") }
        return TransactionSummary(id: id, time: time, source: source, counts: counts)
    }
}
