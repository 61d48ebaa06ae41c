import Foundation
import KGCore
#if canImport(Glibc)
import Glibc
#endif

/// A section's bytes, streamed in pieces (whole chunks of a column, or an arena's parts).
typealias SectionStream = ((UnsafeRawBufferPointer) throws -> Void) throws -> Void

/// What a snapshot section holds: its element count, its elements' bytes in
/// order (the graph's content, what `encodeSnapshotBody` compares), and for a
/// column each chunk packed as the file stores it (SNAP-9; nil for raw sections).
struct SectionSource {
    let count: Int
    let stream: SectionStream
    let packedChunks: SectionStream?
}

private func columnSource<T: ColumnElement>(_ c: Column<T>) -> SectionSource {
    SectionSource(count: c.count, stream: { body in try c.forEachChunk { b, _ in try body(UnsafeRawBufferPointer(b)) } },
                  packedChunks: { body in
                      var scratch: [UInt8] = []
                      scratch.reserveCapacity(16 + columnChunkSize * MemoryLayout<T>.size)
                      try c.forEachChunk { b, first in
                          scratch.removeAll(keepingCapacity: true)
                          ChunkPacking.encode(b, first: first, into: &scratch)
                          try scratch.withUnsafeBytes(body)
                      }
                  })
}

private func arenaSource(_ a: ByteArena) -> SectionSource {
    SectionSource(count: a.count, stream: { body in try a.forEachPart(body) }, packedChunks: nil)
}

private func bytesSource(_ bytes: [UInt8]) -> SectionSource {
    SectionSource(count: bytes.count, stream: { body in try bytes.withUnsafeBytes(body) }, packedChunks: nil)
}

extension GraphState {
    /// The small graph section (FORMAT.md §6.3): scalars, the kept counts, and
    /// the small tables decoded at open (figures, merge children, literals, documents).
    func encodeGraphSection() -> [UInt8] {
        var w = ByteWriter()
        w.uint(tx)
        w.uint(nextEntityID)
        w.uint(mergeCount)
        w.uint(table.count)
        w.uint(liveTripleCount)
        w.uint(statistics.entitiesByType.count)
        for n in statistics.entitiesByType { w.uint(n) }
        w.uint(statistics.triplesByPredicate.count)
        for n in statistics.triplesByPredicate { w.uint(n) }
        w.uint(statistics.evidence)
        w.uint(figures.count)
        for (id, f) in figures.sorted(by: { $0.key < $1.key }) {
            w.uint(id); w.double(f.value)
            if let u = f.upperValue { w.u8(1); w.double(u) } else { w.u8(0) }
            w.string(f.unit); w.string(f.surface)
        }
        w.uint(mergeChildren.count)
        for (k, v) in mergeChildren.sorted(by: { $0.key < $1.key }) {
            w.uint(Int(k)); w.uint(v.count)
            for x in v { w.uint(Int(x)) }
        }
        w.uint(literals.count)
        for l in literals {
            switch l {
            case .entity(let id): w.u8(0); w.uint(id)
            case .string(let s): w.u8(1); w.string(s)
            case .number(let d): w.u8(2); w.double(d)
            }
        }
        w.uint(documents.count)
        for d in documents.values.sorted(by: { $0.path < $1.path }) {
            w.string(d.path); w.string(d.sha256); w.uint(d.size); w.uint(d.tx)
        }
        return w.bytes
    }

    /// Element count and bytes of every section but `transactions`, in file order.
    func sectionSource(_ k: SectionKind) -> SectionSource {
        switch k {
        case .transactions: return bytesSource([])
        case .graph: return bytesSource(encodeGraphSection())
        case .stringArena: return arenaSource(strings.arena)
        case .stringStarts: return columnSource(strings.starts)
        case .stringSlots: return columnSource(strings.slots)
        case .predicateArena: return arenaSource(predicateNames.arena)
        case .predicateStarts: return columnSource(predicateNames.starts)
        case .predicateSlots: return columnSource(predicateNames.slots)
        case .nameKeyArena: return arenaSource(nameKeys.arena)
        case .nameKeyStarts: return columnSource(nameKeys.starts)
        case .nameKeySlots: return columnSource(nameKeys.slots)
        case .nameHead: return columnSource(nameHead)
        case .postEntity: return columnSource(postEntity)
        case .postNext: return columnSource(postNext)
        case .sentenceArena: return arenaSource(sentences.arena)
        case .sentenceStarts: return columnSource(sentences.starts)
        case .entityState: return columnSource(entityState)
        case .entityType: return columnSource(entityType)
        case .entityName: return columnSource(entityName)
        case .aliasStart: return columnSource(aliasStart)
        case .aliasCount: return columnSource(aliasCount)
        case .aliasValues: return columnSource(aliasValues)
        case .mergedInto: return columnSource(mergedInto)
        case .sHead: return columnSource(sHead)
        case .sTail: return columnSource(sTail)
        case .oHead: return columnSource(oHead)
        case .oTail: return columnSource(oTail)
        case .pHead: return columnSource(pHead)
        case .pTail: return columnSource(pTail)
        case .lHead: return columnSource(lHead)
        case .lTail: return columnSource(lTail)
        case .tS: return columnSource(tS)
        case .tP: return columnSource(tP)
        case .tO: return columnSource(tO)
        case .tLive: return columnSource(tLive)
        case .tEvHead: return columnSource(tEvHead)
        case .tEvTail: return columnSource(tEvTail)
        case .tEvCount: return columnSource(tEvCount)
        case .tNextS: return columnSource(tNextS)
        case .tNextP: return columnSource(tNextP)
        case .tNextO: return columnSource(tNextO)
        case .tripleSlots: return columnSource(table.slots)
        case .eTriple: return columnSource(eTriple)
        case .eNext: return columnSource(eNext)
        case .eDoc: return columnSource(eDoc)
        case .eStart: return columnSource(eStart)
        case .eEnd: return columnSource(eEnd)
        case .eSentence: return columnSource(eSentence)
        case .eRule: return columnSource(eRule)
        case .eMetric: return columnSource(eMetric)
        case .eConf: return columnSource(eConf)
        case .eLive: return columnSource(eLive)
        case .eDocNext: return columnSource(eDocNext)
        case .docEvHead: return columnSource(docEvHead)
        case .docEvTail: return columnSource(docEvTail)
        case .docEvCount: return columnSource(docEvCount)
        }
    }

    /// Every graph section's bytes back to back (element counts first): the graph
    /// a snapshot would hold, for comparing two graphs byte for byte (RoundTripTests,
    /// `kg verify`'s SNAP-2 check). Reads every chunk (O(graph)).
    func encodeSnapshotBody(into w: inout ByteWriter) {
        for k in SectionKind.allCases where k != .transactions {
            let source = sectionSource(k)
            w.u64(UInt64(source.count))
            try? source.stream { w.bytes.append(contentsOf: $0) }
        }
    }

    /// Checks every mapped chunk now (`kg verify`, a checkpoint); O(graph).
    func checkAllChunks() {
        for t in [strings, predicateNames, nameKeys] { t.arena.checkAllChunks(); t.starts.checkAllChunks(); t.slots.checkAllChunks() }
        sentences.arena.checkAllChunks(); sentences.starts.checkAllChunks()
        for c in [nameHead, postEntity, postNext, entityName, aliasStart, aliasCount, aliasValues, mergedInto,
                  sHead, sTail, oHead, oTail, pHead, pTail, lHead, lTail, tS, tP, tO, tLive, tEvHead, tEvTail, tEvCount,
                  tNextS, tNextP, tNextO, eTriple, eNext, eDoc, eStart, eEnd, eSentence, eRule, eMetric,
                  eDocNext, docEvHead, docEvTail, docEvCount] { c.checkAllChunks() }
        entityState.checkAllChunks(); entityType.checkAllChunks(); eLive.checkAllChunks()
        eConf.checkAllChunks(); table.slots.checkAllChunks()
    }
}

extension GraphStore {
    /// The transactions section: every summary and every record's end offset.
    private func encodeTransactionsSection() -> [UInt8] {
        var w = ByteWriter()
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
        w.uint(recordEnds.count)
        for e in recordEnds { w.uint(e) }
        return w.bytes
    }

    static func decodeTransactionsSection(_ r: inout ByteReader) throws -> ([TransactionSummary], [Int]) {
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
        let m = try r.uint()
        guard m <= r.end - r.offset else { throw DecodeError(message: "record table runs past the end") }
        var ends: [Int] = []
        ends.reserveCapacity(m)
        for _ in 0..<m { ends.append(try r.uint()) }
        return (out, ends)
    }

    /// The CRC field of the last transaction's record.
    var lastRecordCRC: UInt32 { lastCRC }

    /// Writes `kg.snapshot` for the current graph (FORMAT.md SNAP-3, layout §6)
    /// and waits for it; returns its size. A checkpoint already running in the
    /// background (`startCheckpoint`) is waited for first.
    ///
    /// Cost: one pass over every column and arena, packing each column chunk
    /// (SNAP-9) and checksumming what is written; a column still mapped from the
    /// previous snapshot is read (and checked) from the mapping. The new file
    /// is written beside the old and renamed over it, so a process still
    /// mapping the old one keeps reading the old inode.
    @discardableResult
    public func checkpoint() throws -> Int {
        guard mode == .write else { throw StoreError.readOnly }
        _ = try? finishCheckpoint()
        guard state.tx > 0 else { return 0 }
        try reopenIfSnapshotDamaged()
        let job = snapshotJob()
        let length: Int
        do {
            length = try GraphStore.writeSnapshot(job, io: io, directory: directory)
        } catch {
            _ = try? reopenIfSnapshotDamaged()
            throw error
        }
        snapshotTx = job.tx
        snapshotLogOffset = job.recordEnd
        return length
    }

    /// What a snapshot of the graph as it is now needs: a copy of the state
    /// (O(chunks): the columns' chunks are shared copy-on-write, so commits made
    /// after this copy what they write and never change it) and the
    /// transactions section (O(transactions)).
    func snapshotJob() -> SnapshotJob {
        SnapshotJob(state: state, transactions: encodeTransactionsSection(), tx: state.tx,
                    recordEnd: recordEnds[state.tx - 1],
                    recordStart: state.tx == 1 ? LogFormat.headerSize : recordEnds[state.tx - 2], recordCRC: lastRecordCRC)
    }

    /// Writes `job` as `kg.snapshot.tmp`, fsyncs it, renames it over
    /// `kg.snapshot` and fsyncs the directory (SNAP-3). Reads only `job` (it may
    /// run on another thread while the store commits). Returns the file's size.
    static func writeSnapshot(_ job: SnapshotJob, io: FileIO, directory: URL) throws -> Int {
        let snapshot = job.state
        let snapPath = directory.appendingPathComponent(LogFormat.snapshotName).path
        var sources: [(SectionKind, SectionSource)] = []
        for k in SectionKind.allCases {
            sources.append((k, k == .transactions ? bytesSource(job.transactions) : snapshot.sectionSource(k)))
        }
        // Layout: header, directory, chunk tables, then the sections page-aligned.
        let dirEnd = SnapshotFormat.headerSize + sources.count * SnapshotFormat.entrySize
        var entries: [SectionEntry] = []
        var crcAt = dirEnd
        for (k, source) in sources {
            entries.append(SectionEntry(kind: k.rawValue, width: k.width, offset: 0, byteLength: source.count * k.width,
                                        count: source.count, crcOffset: crcAt, packing: k.isPacked ? 1 : 0))
            crcAt += entries.last!.chunkTableBytes
        }
        let metaLength = crcAt
        func pageUp(_ x: Int) -> Int { (x + SnapshotFormat.page - 1) / SnapshotFormat.page * SnapshotFormat.page }
        let tmp = snapPath + ".tmp"
        unlink(tmp)
        let fd = try io.openForWriting(tmp)
        var tables: [[UInt32]] = []
        var fileLength = metaLength
        do {
            // The metadata area is written as zeros first and filled in at the end, once the tables are known.
            var out = SnapshotWriter(io: io, fd: fd)
            try out.zeros(pageUp(metaLength))
            for (i, (k, source)) in sources.enumerated() {
                try out.zeros(pageUp(out.written) - out.written)
                entries[i].offset = out.written
                if let packed = source.packedChunks {
                    // Per chunk its CRC, then its length; each chunk starts 8-byte aligned.
                    var crcs: [UInt32] = [], lengths: [UInt32] = []
                    try packed { chunk in
                        try out.zeros((8 - (out.written - entries[i].offset) % 8) % 8)
                        crcs.append(CRC32C.checksum(chunk))
                        lengths.append(UInt32(chunk.count))
                        try out.write(chunk)
                    }
                    var table: [UInt32] = []
                    for (c, l) in zip(crcs, lengths) { table.append(c); table.append(l) }
                    tables.append(table)
                } else {
                    var crc = ChunkCRCs(width: k.width)
                    try source.stream { piece in
                        crc.feed(piece)
                        try out.write(piece)
                    }
                    tables.append(crc.finish())
                }
                entries[i].byteLength = out.written - entries[i].offset
                precondition(tables[i].count * 4 == entries[i].chunkTableBytes, "chunk table of \(k.name)")
            }
            try out.zeros(pageUp(out.written) - out.written)
            fileLength = out.written
            try out.flush()
            // Streaming read every chunk still mapped from the previous snapshot: one that failed its
            // check was written as its fallback, so this file must not be used (SNAP-8).
            if let damage = snapshot.mapping?.damage {
                throw StoreError.io("the previous snapshot is damaged at \(damage); the graph was reopened from the log, checkpoint again")
            }
            // Header, directory and chunk tables, then their checksum.
            var w = ByteWriter(capacity: metaLength)
            w.bytes.append(contentsOf: SnapshotFormat.magic)
            w.u32(SnapshotFormat.version)
            w.u32(0) // CRC, below
            w.u64(UInt64(job.tx))
            w.u64(UInt64(job.recordEnd))
            w.u32(job.recordCRC)
            w.u32(UInt32(entries.count))
            w.u64(UInt64(job.recordStart))
            w.u64(UInt64(metaLength))
            w.u64(UInt64(fileLength))
            for e in entries {
                w.u32(e.kind); w.u32(UInt32(e.width))
                w.u64(UInt64(e.offset)); w.u64(UInt64(e.byteLength)); w.u64(UInt64(e.count)); w.u64(UInt64(e.crcOffset))
                w.u32(UInt32(columnChunkShift)); w.u32(e.packing)
            }
            for t in tables { for c in t { w.u32(c) } }
            precondition(w.bytes.count == metaLength)
            let crc = w.bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[16...])) }
            withUnsafeBytes(of: crc.littleEndian) { for i in 0..<4 { w.bytes[12 + i] = $0[i] } }
            try SnapshotWriter.rewriteStart(tmp, w.bytes)
            try io.sync(fd)
            io.close(fd)
        } catch {
            io.close(fd)
            unlink(tmp)
            let reason = (error as? StoreError)?.description ?? "\(error)"
            throw StoreError.io("cannot write the snapshot \(tmp) (\(reason)); the log is intact")
        }
        guard rename(tmp, snapPath) == 0 else {
            unlink(tmp)
            throw StoreError.io(errnoMessage("cannot rename the snapshot into place", snapPath))
        }
        GraphStore.syncDirectory(directory.path)
        return fileLength
    }
}

/// A snapshot to write: the graph as of transaction `tx` and where its record
/// is in the log. The state is a copy-on-write copy no commit changes, so a
/// job may be written on another thread (`GraphState`'s columns are only read).
struct SnapshotJob: @unchecked Sendable {
    let state: GraphState
    let transactions: [UInt8]
    let tx: Int
    let recordEnd: Int
    let recordStart: Int
    let recordCRC: UInt32
}

/// Buffered sequential writes through the `FileIO` seam (big pieces go straight through).
private struct SnapshotWriter {
    let io: FileIO
    let fd: Int32
    var buffer: [UInt8] = []
    var written = 0

    init(io: FileIO, fd: Int32) {
        self.io = io
        self.fd = fd
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ b: UnsafeRawBufferPointer) throws {
        written += b.count
        if buffer.count + b.count > (1 << 20) || b.count >= (1 << 19) { try flush() }
        if b.count >= (1 << 19) {
            try io.write(fd, b)
        } else {
            buffer.append(contentsOf: b)
        }
    }

    mutating func zeros(_ n: Int) throws {
        guard n > 0 else { return }
        let z = [UInt8](repeating: 0, count: n)
        try z.withUnsafeBytes { try write($0) }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try io.write(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` at offset 0 of `path` (the metadata area, reserved as zeros).
    static func rewriteStart(_ path: String, _ bytes: [UInt8]) throws {
        let fd = Glibc.open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.io(errnoMessage("cannot open", path)) }
        defer { Glibc.close(fd) }
        var done = 0
        try bytes.withUnsafeBytes { b in
            while done < b.count {
                let n = pwrite(fd, b.baseAddress! + done, b.count - done, off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw StoreError.io(errnoMessage("cannot write", path))
                }
                done += n
            }
        }
    }
}
