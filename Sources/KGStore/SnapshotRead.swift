import Foundation
import KGCore
#if canImport(Glibc)
import Glibc
#endif

/// Opening a version 4 snapshot (FORMAT.md SNAP-1, SNAP-5 … SNAP-8): the file
/// is mapped read-only; what is checked at open is the header, the directory
/// (every section inside the file, page-aligned, not overlapping, its length
/// its count times its width, the counts consistent with each other) and the
/// checksum over header, directory and CRC tables, then the two small sections
/// are checked and decoded. Every column is checked chunk by chunk on first
/// read (`MappedChunks`). Cost of opening: O(directory + small sections +
/// merges), not O(graph).
struct SnapshotOpen {
    var state: GraphState
    var summaries: [TransactionSummary]
    var recordEnds: [Int]
    var tx: Int
    var logOffset: Int
    var recordStart: Int
    var recordCRC: UInt32
    var mapping: SnapshotMapping
}

extension GraphStore {
    /// Maps and checks `kg.snapshot`. Returns (nil, nil) when there is none, else
    /// the opened snapshot or why it cannot be used (a stale or damaged one).
    static func mapSnapshot(_ directory: URL) -> (problem: String?, opened: SnapshotOpen?) {
        let path = directory.appendingPathComponent(LogFormat.snapshotName).path
        guard access(path, F_OK) == 0 else { return (nil, nil) }
        func stale(_ why: String) -> (String?, SnapshotOpen?) { ("\(path): ignored (\(why)); replaying the log", nil) }
        guard let mapping = SnapshotMapping(path: path) else { return stale(errnoMessage("cannot map it")) }
        do {
            var decoder = SnapshotDecoder(mapping)
            return (nil, try decoder.open())
        } catch let e as SnapshotStale {
            return stale(e.why)
        } catch {
            return stale("\(error)")
        }
    }
}

struct SnapshotStale: Error { var why: String }

/// Reads the header, directory and small sections of one mapped snapshot.
struct SnapshotDecoder {
    let mapping: SnapshotMapping
    let raw: UnsafeRawBufferPointer
    var entries: [SectionKind: SectionEntry] = [:]
    /// Each packed section's chunk starts and lengths (SNAP-9).
    var packedLayout: [SectionKind: ([Int], [Int])] = [:]

    init(_ mapping: SnapshotMapping) {
        self.mapping = mapping
        raw = mapping.bytes
    }

    private func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
    private func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }

    /// A u64 field that must be a count or offset no larger than the file (SNAP-6).
    private func size(_ at: Int, _ what: String) throws -> Int {
        let v = u64(at)
        guard v <= UInt64(raw.count) else { throw SnapshotStale(why: "\(what) \(v) is beyond the file's \(raw.count) bytes") }
        return Int(v)
    }

    mutating func open() throws -> SnapshotOpen {
        let n = raw.count
        guard n >= SnapshotFormat.headerSize, Array(raw[0..<8]) == SnapshotFormat.magic else { throw SnapshotStale(why: "not a kg snapshot") }
        let version = u32(8)
        guard version == SnapshotFormat.version else { throw SnapshotStale(why: "snapshot version \(version), this build writes \(SnapshotFormat.version)") }
        let metaLength = try size(48, "metadata length")
        let fileLength = u64(56)
        guard fileLength == UInt64(n) else { throw SnapshotStale(why: "it says \(fileLength) bytes, the file has \(n)") }
        let sections = Int(u32(36))
        guard sections == SectionKind.allCases.count,
              metaLength >= SnapshotFormat.headerSize + sections * SnapshotFormat.entrySize else {
            throw SnapshotStale(why: "directory of \(sections) sections does not fit")
        }
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[16..<metaLength])) == u32(12) else {
            throw SnapshotStale(why: "checksum mismatch")
        }
        let tx = try size(16, "transaction")
        guard tx >= 1, u64(24) <= UInt64(Int32.max) << 16, u64(40) < u64(24) else { throw SnapshotStale(why: "header does not decode") }
        let logOffset = Int(u64(24)), recordStart = Int(u64(40))
        // SNAP-6: the directory.
        let dirEnd = SnapshotFormat.headerSize + sections * SnapshotFormat.entrySize
        var spans: [(Int, Int)] = []
        for i in 0..<sections {
            let at = SnapshotFormat.headerSize + i * SnapshotFormat.entrySize
            guard let kind = SectionKind(rawValue: u32(at)), entries[kind] == nil else {
                throw SnapshotStale(why: "directory entry \(i) names an unknown or repeated section \(u32(at))")
            }
            let e = SectionEntry(kind: kind.rawValue, width: Int(u32(at + 4)), offset: try size(at + 8, "section offset"),
                                 byteLength: try size(at + 16, "section length"), count: try size(at + 24, "section count"),
                                 crcOffset: try size(at + 32, "CRC table offset"), packing: u32(at + 44))
            // A raw section is count × width bytes; a packed one is its chunks (SNAP-9, checked below).
            let lengthFits = e.packing == 1 || e.count.multipliedReportingOverflow(by: e.width) == (e.byteLength, false)
            guard e.width == kind.width, u32(at + 40) == UInt32(columnChunkShift), e.packing == (kind.isPacked ? 1 : 0),
                  lengthFits, e.offset % SnapshotFormat.page == 0, e.offset >= metaLength, e.byteLength <= n - e.offset,
                  e.crcOffset >= dirEnd, e.chunkTableBytes <= metaLength - e.crcOffset else {
                throw SnapshotStale(why: "section \(kind.name) does not fit the file (offset \(e.offset), \(e.count) × \(e.width) bytes)")
            }
            if e.packing == 1 { try packedChunks(e, kind) }
            entries[kind] = e
            spans.append((e.offset, e.byteLength))
        }
        spans.sort { $0.0 < $1.0 }
        for i in 1..<spans.count where spans[i - 1].0 + spans[i - 1].1 > spans[i].0 {
            throw SnapshotStale(why: "sections overlap at byte \(spans[i].0)")
        }
        // The small sections: checked whole and decoded now.
        var (summaries, recordEnds) = try small(.transactions) { r in try GraphStore.decodeTransactionsSection(&r) }
        guard summaries.count == tx, recordEnds.count == tx, recordEnds.last == logOffset,
              summaries.enumerated().allSatisfy({ i, s in s.id == i + 1 && s.counts.allSatisfy { $0 >= 0 && $0 <= LogFormat.maxPayload } }),
              zip(recordEnds, recordEnds.dropFirst()).allSatisfy({ $0 < $1 }), (recordEnds.first ?? 0) > LogFormat.headerSize,
              (tx == 1 ? LogFormat.headerSize : recordEnds[tx - 2]) == recordStart else {
            throw SnapshotStale(why: "transaction table does not match its header")
        }
        // Each operation takes at least a byte of its record: counts beyond that are forged.
        var previous = LogFormat.headerSize
        for (i, s) in summaries.enumerated() {
            guard s.counts.reduce(0, +) <= recordEnds[i] - previous else { throw SnapshotStale(why: "contents do not match its header") }
            previous = recordEnds[i]
        }
        var state = try small(.graph) { r in try GraphState.decodeGraphSection(&r) }
        guard state.tx == tx else { throw SnapshotStale(why: "contents do not match its header") }
        try mapColumns(into: &state)
        try state.checkOpenedSnapshot()
        summaries.reserveCapacity(tx)
        return SnapshotOpen(state: state, summaries: summaries, recordEnds: recordEnds, tx: tx, logOffset: logOffset,
                            recordStart: recordStart, recordCRC: u32(32), mapping: mapping)
    }

    private func crcTable(_ e: SectionEntry) -> [UInt32] {
        let stride = e.packing == 1 ? 8 : 4
        return (0..<e.chunks).map { u32(e.crcOffset + stride * $0) }
    }

    /// A packed section's chunk starts and lengths (SNAP-9): chunk 0 at 0, each
    /// next one at the previous end rounded up to 8, every length at least a
    /// chunk header and at most a chunk of raw elements with every one an
    /// exception, the last ending exactly at the section's length. O(chunks).
    private mutating func packedChunks(_ e: SectionEntry, _ kind: SectionKind) throws {
        var starts: [Int] = [], lengths: [Int] = []
        starts.reserveCapacity(e.chunks); lengths.reserveCapacity(e.chunks)
        var at = 0
        let most = ChunkPacking.headerSize + columnChunkSize * (e.width + 2 + e.width)
        for c in 0..<e.chunks {
            at = (at + 7) / 8 * 8
            let l = Int(u32(e.crcOffset + 8 * c + 4))
            guard l >= ChunkPacking.headerSize, l <= most, at <= e.byteLength - l else {
                throw SnapshotStale(why: "section \(kind.name) chunk \(c) does not fit the section")
            }
            starts.append(at); lengths.append(l)
            at += l
        }
        guard at == e.byteLength else { throw SnapshotStale(why: "section \(kind.name) holds bytes after its chunks") }
        packedLayout[kind] = (starts, lengths)
    }

    /// A small section: every chunk's CRC checked now, then decoded.
    private func small<R>(_ kind: SectionKind, _ decode: (inout ByteReader) throws -> R) throws -> R {
        let e = entries[kind]!
        let bytes = UnsafeRawBufferPointer(rebasing: raw[e.offset..<(e.offset + e.byteLength)])
        var crc = ChunkCRCs(width: 1)
        crc.feed(bytes)
        guard crc.finish() == crcTable(e) else { throw SnapshotStale(why: "section \(kind.name): checksum mismatch") }
        var r = ByteReader(bytes, from: 0)
        do {
            let out = try decode(&r)
            guard r.atEnd else { throw SnapshotStale(why: "section \(kind.name) has bytes after its contents") }
            return out
        } catch let d as DecodeError {
            throw SnapshotStale(why: "contents do not decode: \(d.message)")
        }
    }

    func chunks<T: ColumnElement>(_ kind: SectionKind, _ type: T.Type, fallback: T,
                                  _ rule: @escaping @Sendable (UnsafeBufferPointer<T>, Int) -> String?) -> MappedChunks<T> {
        let e = entries[kind]!
        if let (starts, lengths) = packedLayout[kind] {
            return MappedChunks(mapping: mapping, name: kind.name, section: raw.baseAddress! + e.offset, starts: starts,
                                lengths: lengths, count: e.count, crcs: crcTable(e), fallback: fallback, rule: rule)
        }
        return MappedChunks(mapping: mapping, name: kind.name,
                            base: (raw.baseAddress! + e.offset).assumingMemoryBound(to: T.self), count: e.count,
                            crcs: crcTable(e), fallback: fallback, rule: rule)
    }

    func count(_ kind: SectionKind) -> Int { entries[kind]!.count }
}

extension GraphState {
    /// The small graph section (the inverse of `encodeGraphSection`); every
    /// count is checked against the bytes left before anything is allocated.
    static func decodeGraphSection(_ r: inout ByteReader) throws -> GraphState {
        var s = GraphState()
        func count() throws -> Int {
            let n = try r.uint()
            guard n <= r.end - r.offset else { throw DecodeError(message: "a table runs past the end") }
            return n
        }
        s.tx = try r.uint()
        s.nextEntityID = try r.uint()
        s.mergeCount = try r.uint()
        s.table.count = try r.uint()
        s.liveTripleCount = try r.uint()
        let types = try count()
        guard types == TransactionCodec.types.count else { throw DecodeError(message: "\(types) entity types") }
        s.statistics.entitiesByType = try (0..<types).map { _ in try r.uint() }
        s.statistics.triplesByPredicate = try (0..<(try count())).map { _ in try r.uint() }
        s.statistics.evidence = try r.uint()
        for _ in 0..<(try count()) {
            let id = try r.uint(), v = try r.double()
            let u: Double? = try r.u8() == 1 ? try r.double() : nil
            s.figures[id] = FigurePayload(value: v, upperValue: u, unit: try r.string(), surface: try r.string())
        }
        for _ in 0..<(try count()) {
            let k = try r.uint()
            guard k < Int(Int32.max) else { throw DecodeError(message: "merge children of entity \(k)") }
            var children: [Int32] = []
            for _ in 0..<(try count()) {
                let v = try r.uint()
                guard v < Int(Int32.max) else { throw DecodeError(message: "merge child \(v)") }
                children.append(Int32(v))
            }
            s.mergeChildren[Int32(k)] = children
        }
        for _ in 0..<(try count()) {
            let l: TripleObject
            switch try r.u8() {
            case 1: l = .string(try r.string())
            case 2: l = .number(try r.double())
            case let x: throw DecodeError(message: "unknown literal kind \(x)")
            }
            s.literalIndex[l] = Int32(s.literals.count)
            s.literals.append(l)
        }
        for _ in 0..<(try count()) {
            let d = DocumentRecord(path: try r.string(), sha256: try r.string(), size: try r.uint(), tx: try r.uint())
            s.documents[d.path] = d
        }
        guard s.literalIndex.count == s.literals.count else { throw DecodeError(message: "a literal is listed twice") }
        for d in s.documents.values.sorted(by: { ($0.tx, $0.path) < ($1.tx, $1.path) }) {
            s.documentsBySHA[d.sha256, default: []].append(d.path)
        }
        return s
    }
}
