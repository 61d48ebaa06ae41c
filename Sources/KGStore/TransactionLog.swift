import Foundation
import KGCore

/// `kg log` without opening the graph: the log's records are framed and
/// checksummed (LogScanner), and every record is checked against the rules
/// replay enforces (TransactionCheck: ids, spans, merges) by a walk over its
/// bytes that builds no graph, interns no string and keeps only the next
/// entity id and the merge column; so a crafted log is refused as opening
/// refuses it (issue 12), at a fraction of opening's time and memory. Only the
/// records shown become summaries (`--last N`).
public struct TransactionLog {
    /// Summaries of the records asked for, oldest first.
    public var transactions: [TransactionSummary]
    /// Intact transactions in the log.
    public var total: Int
    /// Records made into summaries (the test counts them).
    public var summarized: Int
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
            return TransactionLog(transactions: [], total: 0, summarized: 0, notes: [])
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
        var next: EntityID = 1
        var mergedInto: Column<Int32> = []
        try bytes.withUnsafeBytes { raw in
            for i in 0..<records.count {
                let r = records[i]
                var reader = ByteReader(raw, from: r.payload.lowerBound, to: r.payload.upperBound)
                do {
                    let summary = try TransactionLog.check(&reader, next: &next, mergedInto: &mergedInto)
                    guard summary.id == i + 1 else {
                        throw DecodeError(message: "holds transaction \(summary.id) where \(i + 1) belongs")
                    }
                    if i >= first { out.append(summary) }
                } catch let e as DecodeError {
                    throw StoreError.corrupt(path: path, offset: r.offset, tx: i + 1, reason: e.message)
                }
            }
        }
        return TransactionLog(transactions: out, total: records.count, summarized: out.count, notes: notes)
    }
}

extension TransactionLog {
    /// One payload checked as `GraphState.replay` checks it (same TransactionCheck
    /// rules, same decoding errors) without applying it: an assert triple is
    /// walked over in place; other operations are decoded, and merges and splits
    /// update `mergedInto`. `next` carries the next entity id across records.
    static func check(_ r: inout ByteReader, next: inout EntityID, mergedInto: inout Column<Int32>) throws -> TransactionSummary {
        let id = try r.uint()
        let time = TransactionCodec.date(micros: try r.sint())
        let source = try TransactionCodec.decodeSource(&r)
        let n = try r.uint()
        var counts = [Int](repeating: 0, count: OperationKind.allCases.count + 1)
        var check = TransactionCheck(next: next)
        for _ in 0..<n {
            guard r.offset < r.end else { throw DecodeError(message: "payload ends early") }
            if r.base[r.offset] == OperationKind.assertTriple.rawValue {
                r.offset += 1
                let subject = try r.uint()
                _ = try r.stringBytes()
                let object = try TransactionCodec.decodeObject(&r)
                let document = try r.stringBytes()
                let start = try r.uint(), end = try r.uint()
                _ = try r.stringBytes(); _ = try r.stringBytes()
                _ = try r.double()
                if try r.u8() == 1 { _ = try r.stringBytes() }
                try check.known(subject)
                if case .entity(let o) = object { try check.known(o) }
                try check.span(start, end, document: String(decoding: document, as: UTF8.self))
                counts[Int(OperationKind.assertTriple.rawValue)] += 1
            } else {
                let op = try TransactionCodec.decodeOperation(&r)
                try check.check(op, mergedInto: mergedInto)
                switch op {
                case .merge(let from, let into):
                    if from >= mergedInto.count { mergedInto.append(contentsOf: repeatElement(-1, count: from + 1 - mergedInto.count)) }
                    mergedInto[from] = Int32(into)
                case .unmerge(let from, _):
                    if from < mergedInto.count { mergedInto[from] = -1 }
                default: break
                }
                counts[Int(op.kind.rawValue)] += 1
            }
        }
        guard r.atEnd else { throw DecodeError(message: "bytes after the last operation") }
        next = check.next
        return TransactionSummary(id: id, time: time, source: source, counts: counts)
    }
}
