import Foundation
import KGCore
#if canImport(Glibc)
import Glibc
#endif

/// The snapshot file (FORMAT.md section 6): the replayed `GraphState` after
/// transaction T, its columns stored as raw little-endian arrays so loading is
/// a copy per column rather than a decode per triple.
enum SnapshotFormat {
    static let magic: [UInt8] = [0x4B, 0x47, 0x53, 0x4E, 0x41, 0x50, 0x0D, 0x0A] // "KGSNAP\r\n"
    static let version: UInt32 = 3
    static let fixedHeader = 40
}

extension ByteWriter {
    /// A `u64` count then the elements' bytes (this machine is little-endian, as the format is).
    mutating func column<T: FixedWidthInteger>(_ xs: [T]) {
        u64(UInt64(xs.count))
        xs.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func column(_ xs: [Double]) {
        u64(UInt64(xs.count))
        xs.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func strings(_ xs: [String]) {
        u64(UInt64(xs.count))
        for s in xs { string(s) }
    }
}

extension ByteReader {
    /// A `u64` that must fit an `Int` (a count or offset).
    mutating func count() throws -> Int {
        let v = try u64()
        guard v <= UInt64(Int.max) else { throw DecodeError(message: "count \(v) out of range") }
        return Int(v)
    }

    /// A column: its count is checked against the bytes left before anything is allocated.
    mutating func column<T: FixedWidthInteger>(_: T.Type) throws -> [T] {
        let n = try count()
        let size = n.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        guard !size.overflow, size.partialValue <= end - offset else { throw DecodeError(message: "column runs past the end") }
        let start = offset
        offset += size.partialValue
        return [T](unsafeUninitializedCapacity: n) { buf, count in
            if n > 0 { UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: base[start..<(start + size.partialValue)])) }
            count = n
        }
    }

    mutating func doubleColumn() throws -> [Double] {
        try column(UInt64.self).map { Double(bitPattern: $0) }
    }

    mutating func strings() throws -> [String] {
        let n = try count()
        guard n <= end - offset else { throw DecodeError(message: "string table runs past the end") }
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }
}

extension GraphState {
    func encodeSnapshotBody(into w: inout ByteWriter) {
        w.uint(tx)
        w.uint(nextEntityID)
        for table in [strings, predicateNames, nameKeys] {
            w.column(table.arena); w.column(table.starts); w.column(table.slots)
        }
        w.column(nameHead); w.column(postEntity); w.column(postNext)
        w.column(sentences.arena); w.column(sentences.starts)
        w.column(entityState); w.column(entityType); w.column(entityName)
        w.column(entityAliases.map { Int32($0.count) })
        w.column(entityAliases.flatMap { $0 })
        w.uint(figures.count)
        for (id, f) in figures.sorted(by: { $0.key < $1.key }) {
            w.uint(id); w.double(f.value)
            if let u = f.upperValue { w.u8(1); w.double(u) } else { w.u8(0) }
            w.string(f.unit); w.string(f.surface)
        }
        w.column(mergedInto)
        w.uint(mergeCount)
        w.uint(mergeChildren.count)
        for (k, v) in mergeChildren.sorted(by: { $0.key < $1.key }) { w.uint(Int(k)); w.column(v) }
        w.uint(literals.count)
        for l in literals {
            switch l {
            case .entity(let id): w.u8(0); w.uint(id)
            case .string(let s): w.u8(1); w.string(s)
            case .number(let d): w.u8(2); w.double(d)
            }
        }
        for c in [tS, tP, tO, tLive, tEvHead, tEvTail, tNextS, tNextP, tNextO,
                  sHead, sTail, oHead, oTail, pHead, pTail, lHead, lTail] { w.column(c) }
        w.column(table.slots)
        w.uint(table.count)
        w.uint(liveTripleCount)
        for c in [eTriple, eNext, eDoc, eStart, eEnd, eSentence, eRule, eMetric] { w.column(c) }
        w.column(eConf)
        w.column(eLive)
        w.uint(documents.count)
        for d in documents.values.sorted(by: { $0.path < $1.path }) {
            w.string(d.path); w.string(d.sha256); w.uint(d.size); w.uint(d.tx)
        }
    }

    static func decodeSnapshotBody(_ r: inout ByteReader) throws -> GraphState {
        var s = GraphState()
        s.tx = try r.uint()
        s.nextEntityID = try r.uint()
        func table() throws -> StringTable {
            var t = StringTable()
            t.arena = try r.column(UInt8.self); t.starts = try r.column(Int.self); t.slots = try r.column(Int32.self)
            return t
        }
        s.strings = try table()
        s.predicateNames = try table()
        s.nameKeys = try table()
        s.nameHead = try r.column(Int32.self); s.postEntity = try r.column(Int32.self); s.postNext = try r.column(Int32.self)
        s.sentences.arena = try r.column(UInt8.self); s.sentences.starts = try r.column(Int.self)
        s.entityState = try r.column(UInt8.self); s.entityType = try r.column(UInt8.self)
        s.entityName = try r.column(Int32.self)
        let aliasCounts = try r.column(Int32.self), flat = try r.column(Int32.self)
        var aliases: [[Int32]] = []
        aliases.reserveCapacity(aliasCounts.count)
        var k = 0
        for n in aliasCounts {
            guard n >= 0, k + Int(n) <= flat.count else { throw DecodeError(message: "alias table does not add up") }
            aliases.append(n == 0 ? [] : Array(flat[k..<(k + Int(n))]))
            k += Int(n)
        }
        s.entityAliases = aliases
        for _ in 0..<(try r.uint()) {
            let id = try r.uint(), v = try r.double()
            let u: Double? = try r.u8() == 1 ? try r.double() : nil
            s.figures[id] = FigurePayload(value: v, upperValue: u, unit: try r.string(), surface: try r.string())
        }
        s.mergedInto = try r.column(Int32.self)
        s.mergeCount = try r.uint()
        for _ in 0..<(try r.uint()) {
            let k = try r.uint()
            guard k < Int(Int32.max) else { throw DecodeError(message: "merge children of entity \(k)") }
            s.mergeChildren[Int32(k)] = try r.column(Int32.self)
        }
        for _ in 0..<(try r.uint()) {
            let l: TripleObject
            switch try r.u8() {
            case 1: l = .string(try r.string())
            case 2: l = .number(try r.double())
            case let x: throw DecodeError(message: "unknown literal kind \(x)")
            }
            s.literalIndex[l] = Int32(s.literals.count)
            s.literals.append(l)
        }
        s.tS = try r.column(Int32.self); s.tP = try r.column(Int32.self); s.tO = try r.column(Int32.self)
        s.tLive = try r.column(Int32.self); s.tEvHead = try r.column(Int32.self); s.tEvTail = try r.column(Int32.self)
        s.tNextS = try r.column(Int32.self); s.tNextP = try r.column(Int32.self); s.tNextO = try r.column(Int32.self)
        s.sHead = try r.column(Int32.self); s.sTail = try r.column(Int32.self)
        s.oHead = try r.column(Int32.self); s.oTail = try r.column(Int32.self)
        s.pHead = try r.column(Int32.self); s.pTail = try r.column(Int32.self)
        s.lHead = try r.column(Int32.self); s.lTail = try r.column(Int32.self)
        s.table.slots = try r.column(UInt64.self)
        s.table.count = try r.uint()
        s.liveTripleCount = try r.uint()
        s.eTriple = try r.column(Int32.self); s.eNext = try r.column(Int32.self); s.eDoc = try r.column(Int32.self)
        s.eStart = try r.column(Int32.self); s.eEnd = try r.column(Int32.self); s.eSentence = try r.column(Int32.self)
        s.eRule = try r.column(Int32.self); s.eMetric = try r.column(Int32.self)
        s.eConf = try r.doubleColumn()
        s.eLive = try r.column(UInt8.self)
        for _ in 0..<(try r.uint()) {
            let d = DocumentRecord(path: try r.string(), sha256: try r.string(), size: try r.uint(), tx: try r.uint())
            s.documents[d.path] = d
        }
        try s.checkSnapshotColumns()
        s.rebuildDocumentIndexes()
        s.statistics = s.recountStatistics()
        return s
    }

}

extension GraphStore {
    /// Writes `kg.snapshot` for the current graph (FORMAT.md SNAP-3). Returns its size.
    @discardableResult
    public func checkpoint() throws -> Int {
        guard mode == .write else { throw StoreError.readOnly }
        guard state.tx > 0 else { return 0 }
        var body = ByteWriter(capacity: 64 + state.tS.count * 90)
        summariesEncode(into: &body)
        state.encodeSnapshotBody(into: &body)
        var w = ByteWriter(capacity: body.bytes.count + 64)
        w.bytes.append(contentsOf: SnapshotFormat.magic)
        w.u32(SnapshotFormat.version)
        var rest = ByteWriter(capacity: body.bytes.count + 24)
        rest.u64(UInt64(state.tx))
        rest.u64(UInt64(recordEnds[state.tx - 1]))
        rest.u32(lastRecordCRC)
        rest.u32(0)
        rest.bytes.append(contentsOf: body.bytes)
        w.u32(CRC32C.checksum(rest.bytes))
        w.bytes.append(contentsOf: rest.bytes)
        let tmp = snapshotURL.path + ".tmp"
        unlink(tmp)
        let fd = try io.openForWriting(tmp)
        do {
            try w.bytes.withUnsafeBytes { try io.write(fd, $0) }
            try io.sync(fd)
            io.close(fd)
        } catch {
            io.close(fd)
            unlink(tmp)
            let reason = (error as? StoreError)?.description ?? "\(error)"
            throw StoreError.io("cannot write the snapshot \(tmp) (\(reason)); the log is intact")
        }
        guard rename(tmp, snapshotURL.path) == 0 else {
            unlink(tmp)
            throw StoreError.io(errnoMessage("cannot rename the snapshot into place", snapshotURL.path))
        }
        snapshotTx = state.tx
        snapshotLogOffset = logSize
        return w.bytes.count
    }

    private func summariesEncode(into w: inout ByteWriter) {
        w.uint(summaries.count)
        for s in summaries {
            w.uint(s.id)
            w.sint(TransactionCodec.micros(s.time))
            switch s.source {
            case .document(let p): w.u8(0); w.string(p)
            case .user: w.u8(1)
            case .importFile(let p): w.u8(2); w.string(p)
            case .ingest: w.u8(3)
            }
            for c in s.counts.dropFirst() { w.uint(c) }
        }
    }

    private static func decodeSummaries(_ r: inout ByteReader) throws -> [TransactionSummary] {
        let n = try r.uint()
        guard n <= r.end - r.offset else { throw DecodeError(message: "summary table runs past the end") }
        var out: [TransactionSummary] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            let id = try r.uint()
            let time = TransactionCodec.date(micros: try r.sint())
            let source = try TransactionCodec.decodeSource(&r)
            var counts = [0]
            for _ in OperationKind.allCases { counts.append(try r.uint()) }
            out.append(TransactionSummary(id: id, time: time, source: source, counts: counts))
        }
        return out
    }

    /// The CRC field of the last transaction's record.
    var lastRecordCRC: UInt32 { lastCRC }

    /// Why the snapshot cannot be used with this log, or nil if it can (SNAP-1);
    /// on success also returns the decoded state and summaries.
    static func readSnapshot(_ directory: URL, scan: LogScanner, logBytes: [UInt8]?, io: FileIO)
        -> (problem: String?, state: GraphState?, summaries: [TransactionSummary]) {
        let path = directory.appendingPathComponent(LogFormat.snapshotName).path
        guard let bytes = try? io.read(path) else { return (nil, nil, []) }
        func stale(_ why: String) -> (String?, GraphState?, [TransactionSummary]) {
            ("\(path): ignored (\(why)); replaying the log", nil, [])
        }
        guard bytes.count >= SnapshotFormat.fixedHeader, Array(bytes[0..<8]) == SnapshotFormat.magic else { return stale("not a kg snapshot") }
        return bytes.withUnsafeBytes { raw -> (String?, GraphState?, [TransactionSummary]) in
            let version = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            guard version == SnapshotFormat.version else { return stale("snapshot version \(version)") }
            let crc = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
            guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[16...])) == crc else { return stale("checksum mismatch") }
            var r = ByteReader(raw, from: 16)
            guard let tx = try? r.count(), let offset = try? r.count(), let recordCRC = try? r.u32(), (try? r.u32()) != nil else {
                return stale("header does not decode")
            }
            guard tx >= 1, tx <= scan.records.count else { return stale("it holds transaction \(tx), the log \(scan.records.count)") }
            let record = scan.records[tx - 1]
            guard record.end == offset else { return stale("transaction \(tx) ends elsewhere in the log") }
            if let logBytes {
                let logCRC = logBytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: record.offset + 8, as: UInt32.self)) }
                guard logCRC == recordCRC else { return stale("transaction \(tx) in the log is not the one it was taken after") }
            }
            do {
                let summaries = try decodeSummaries(&r)
                let state = try GraphState.decodeSnapshotBody(&r)
                guard r.atEnd, state.tx == tx, summaries.count == tx,
                      summaries.enumerated().allSatisfy({ i, s in
                          // Each operation takes at least a byte of its record: counts beyond that are forged
                          // (and their sum could overflow).
                          s.id == i + 1 && s.counts.allSatisfy { $0 >= 0 && $0 <= scan.records[i].payload.count }
                      }) else {
                    return stale("contents do not match its header")
                }
                return (nil, state, summaries)
            } catch {
                return stale("contents do not decode: \((error as? DecodeError)?.message ?? "\(error)")")
            }
        }
    }

    /// Starts `state` from the snapshot when it is intact and matches the log (SNAP-1).
    func loadSnapshot(matching scan: LogScanner, bytes: [UInt8]) {
        let (problem, loaded, loadedSummaries) = GraphStore.readSnapshot(directory, scan: scan, logBytes: bytes, io: io)
        if let problem { notes.append(problem) }
        guard let loaded else { return }
        state = loaded
        summaries = loadedSummaries
        snapshotTx = loaded.tx
        snapshotLogOffset = scan.records[loaded.tx - 1].end
        openedFromSnapshot = true
    }

    static func snapshotNote(_ directory: URL, scan: LogScanner, io: FileIO) -> String? {
        let log = try? io.read(directory.appendingPathComponent(LogFormat.logName).path)
        return readSnapshot(directory, scan: scan, logBytes: log, io: io).problem
    }
}
