import Foundation
import XCTest
import KGCore
@testable import KGStore

/// A deterministic mutation fuzzer over logs and snapshots that fixes up lengths
/// and CRCs after mutating, as an attacker would (issue 12, item 8). Every
/// mutated graph directory is opened for reading, read through every
/// `GraphView` entry point, verified, and now and then opened for writing,
/// committed to and salvaged. The oracle: no crash, no read outside a buffer
/// (run under AddressSanitizer by `fuzz/store/run.sh`), no huge allocation
/// (ASan's `max_allocation_size_mb`), and when `verify` finds nothing wrong the
/// graph opened with the snapshot equals the graph replayed from the log (SNAP-2).
///
/// A short run is part of the test suite; `KG_FUZZ_SECONDS=N` runs for N
/// seconds instead, `KG_FUZZ_SEED=S` picks the seed (printed at the end).
final class StoreFuzzTests: XCTestCase {
    struct Base {
        var log: [UInt8]
        var records: [Range<Int>]
        var snapshot: [UInt8]
    }

    /// Builds the graph every mutation starts from: merges, literals, figures,
    /// documents and retractions from the workload generator, a snapshot part way.
    static func makeBase(_ dir: URL, seed: UInt64) throws -> Base {
        let store = try GraphStore.open(dir, mode: .write)
        store.autoCheckpointBytes = .max
        var gen = WorkloadGenerator(seed: seed)
        for i in 1...24 {
            let d = gen.draft(tx: i)
            try store.commit(d)
            for op in d.operations { gen.model.apply(op) }
            if i == 18 { try store.checkpoint() }
        }
        let log = [UInt8](try Data(contentsOf: dir.appendingPathComponent("kg.log")))
        let snapshot = [UInt8](try Data(contentsOf: dir.appendingPathComponent("kg.snapshot")))
        let scan = LogScanner(log, stopAtProblem: true)
        return Base(log: log, records: scan.records.map { $0.offset..<$0.end }, snapshot: snapshot)
    }

    struct Mutator {
        var rng: SeededRandom

        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(rng.next() % UInt64(n)) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

        static let interesting64: [UInt64] = [0, 1, 2, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF,
                                              1 << 32, 1 << 40, 1 << 62, 1 << 63, UInt64.max, UInt64.max - 1]
        static let interesting32: [UInt32] = [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF_FFFE, 0xFFFF]

        /// One in-place or length-changing edit of `bytes[range]`.
        mutating func mutate(_ bytes: inout [UInt8], in range: Range<Int>) {
            guard !range.isEmpty else { bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: range.lowerBound); return }
            let at = range.lowerBound + below(range.count)
            switch below(9) {
            case 0: bytes[at] ^= UInt8(1) << UInt8(below(8))
            case 1: bytes[at] = [0, 0xFF, 0x7F, 0x80, 0x01, 0xFE][below(6)]
            case 2: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            case 3 where at + 8 <= range.upperBound:
                let v = Mutator.interesting64[below(Mutator.interesting64.count)] &+ UInt64(below(3)) &- 1
                withUnsafeBytes(of: v.littleEndian) { for i in 0..<8 { bytes[at + i] = $0[i] } }
            case 4 where at + 4 <= range.upperBound:
                let v = Mutator.interesting32[below(Mutator.interesting32.count)]
                withUnsafeBytes(of: v.littleEndian) { for i in 0..<4 { bytes[at + i] = $0[i] } }
            case 5:
                // A long varint where a short one was: 0xFF… then a last byte.
                let n = 1 + below(10)
                bytes.replaceSubrange(at..<(at + 1), with: [UInt8](repeating: 0xFF, count: n) + [UInt8(below(128))])
            case 6:
                let n = min(range.upperBound - at, 1 + below(16))
                bytes.removeSubrange(at..<(at + n))
            case 7:
                bytes.insert(contentsOf: (0..<(1 + below(16))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
            default:
                // Copy a run from elsewhere in the range over this spot (strings, ids of other rows).
                let from = range.lowerBound + below(range.count)
                let n = min(1 + below(24), range.upperBound - max(at, from))
                if n > 0 { for i in 0..<n { bytes[at + i] = bytes[from + i] } }
            }
        }

        /// A mutated log: records edited and re-framed with a right length and CRC,
        /// records duplicated, swapped, dropped, or the raw bytes cut or padded.
        mutating func log(_ base: Base) -> [UInt8] {
            var payloads = base.records.map { Array(base.log[($0.lowerBound + LogFormat.recordHeaderSize)..<$0.upperBound]) }
            for _ in 0..<(1 + below(3)) {
                switch below(10) {
                case 0..<6:
                    let i = below(payloads.count)
                    mutate(&payloads[i], in: 0..<payloads[i].count)
                case 6: payloads.insert(payloads[below(payloads.count)], at: below(payloads.count + 1))
                case 7: payloads.swapAt(below(payloads.count), below(payloads.count))
                case 8: if payloads.count > 1 { payloads.remove(at: below(payloads.count)) }
                default:
                    // An operation spliced from one record into another (ids from another time).
                    let a = below(payloads.count), b = below(payloads.count)
                    let from = below(payloads[a].count), n = min(payloads[a].count - from, 1 + below(40))
                    payloads[b].insert(contentsOf: payloads[a][from..<(from + n)], at: below(payloads[b].count + 1))
                }
            }
            var bytes = LogFormat.header()
            for p in payloads where LogFormat.oversize(p.count) == nil { bytes += LogFormat.record(p) }
            switch below(12) {
            case 0: bytes.removeLast(below(min(bytes.count - LogFormat.headerSize, 64)))
            case 1: bytes += [UInt8](repeating: 0, count: [1, 12, 100, 4096][below(4)])
            case 2: mutate(&bytes, in: LogFormat.headerSize..<bytes.count) // not fixed up: plain damage
            case 3:
                // The last record zero-completed from some point.
                if let last = base.records.last, bytes.count > 20 {
                    let from = max(LogFormat.headerSize, bytes.count - below(last.count + 1))
                    for i in from..<bytes.count { bytes[i] = 0 }
                }
            default: break
            }
            return bytes
        }

        /// A mutated snapshot, its CRC fixed up (mostly) so the contents are what is tested.
        mutating func snapshot(_ base: Base) -> [UInt8] {
            var bytes = base.snapshot
            for _ in 0..<(1 + below(4)) {
                let lo = chance(10) ? 8 : SnapshotFormat.fixedHeader
                mutate(&bytes, in: lo..<bytes.count)
            }
            if chance(95) { StoreFuzzTests.fixUpSnapshotCRCs(&bytes) }
            return bytes
        }
    }

    /// Recomputes a version 4 snapshot's checksums as an attacker would (FORMAT.md §6):
    /// every section's per-chunk CRC table from its bytes (wherever the directory,
    /// however mutated, points inside the file), then the header's over the metadata area.
    static func fixUpSnapshotCRCs(_ b: inout [UInt8]) {
        guard b.count >= SnapshotFormat.headerSize else { return }
        func u64(_ at: Int) -> Int { Int(clamping: b.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt64.self) }) }
        func u32(_ at: Int) -> Int { Int(b.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt32.self) }) }
        let meta = min(u64(48), b.count), sections = min(u32(36), 256)
        for i in 0..<sections {
            let at = SnapshotFormat.headerSize + i * SnapshotFormat.entrySize
            guard at + SnapshotFormat.entrySize <= b.count else { break }
            let width = u32(at + 4), offset = u64(at + 8), length = u64(at + 16), crcAt = u64(at + 32)
            guard width > 0, width <= 8, offset <= b.count, length <= b.count - offset, crcAt <= b.count else { continue }
            let chunk = width << 16
            var k = 0
            while k * chunk < length, crcAt + 4 * k + 4 <= b.count {
                let lo = offset + k * chunk, hi = min(offset + length, lo + chunk)
                let crc = CRC32C.checksum(Array(b[lo..<hi]))
                withUnsafeBytes(of: crc.littleEndian) { for j in 0..<4 { b[crcAt + 4 * k + j] = $0[j] } }
                k += 1
            }
        }
        if meta > 16 {
            let crc = CRC32C.checksum(Array(b[16..<meta]))
            withUnsafeBytes(of: crc.littleEndian) { for j in 0..<4 { b[12 + j] = $0[j] } }
        }
    }

    /// Every read a user can make of an opened graph.
    static func exercise(_ store: GraphStore, _ m: inout Mutator) throws {
        let v = store.current
        _ = v.entityCount
        let entities = v.entities()
        for e in entities.prefix(30) {
            _ = v.entity(e.id); _ = v.canonicalID(e.id); _ = v.mergedInto(e.id); _ = v.storedName(e.id)
            _ = v.triples(subject: e.id)
            _ = v.triples(object: .entity(e.id))
        }
        for n in v.names.prefix(30) { _ = v.resolve(name: n.name); _ = v.resolveStored(name: n.name) }
        let triples = v.allTriples
        for t in triples.prefix(60) { _ = v.evidence(t); _ = v.triples(predicate: t.predicate, object: t.object) }
        _ = v.predicates; _ = v.tripleCount; _ = v.documents
        let c = v.columns
        for i in 0..<min(c.count, 200) { _ = c.object(c.objects[i]); _ = c.predicateNames[Int(c.predicates[i])] }
        if !store.transactions.isEmpty {
            let past = try store.view(asOf: m.below(store.transactions.count + 1))
            _ = past.allTriples.count; _ = past.entities().count
        }
    }

    struct Figures { var executions = 0, opened = 0, refused = 0, fromSnapshot = 0, verifiedOK = 0, damagedOnRead = 0 }

    /// Runs mutations until `deadline` (or `iterations`), failing the test on any broken oracle.
    func fuzz(seed: UInt64, iterations: Int?, deadline: Date?) throws -> Figures {
        let work = temporaryDirectory(self, "fuzz")
        let baseDir = work.appendingPathComponent("base")
        let bases = try [Self.makeBase(baseDir, seed: seed), Self.makeBase(work.appendingPathComponent("base2"), seed: seed &+ 7)]
        var m = Mutator(rng: SeededRandom(seed: seed))
        var figures = Figures()
        let dir = work.appendingPathComponent("case")
        let out = work.appendingPathComponent("salvage")
        // A trap cannot be caught: the case it crashed on stays in `dir` (kg.log, kg.snapshot and the
        // execution number), to open again with `GraphStore.open` or `kg verify`.
        print("store fuzz: seed \(seed), each case written to \(dir.path) before it is opened")
        while true {
            if let iterations, figures.executions >= iterations { break }
            if let deadline, Date() >= deadline { break }
            figures.executions += 1
            let base = bases[m.below(bases.count)]
            try? FileManager.default.removeItem(at: dir)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let roll = m.below(100)
            let target = roll < 40 ? 0 : roll < 85 ? 1 : 2 // 0 log, 1 snapshot, 2 both
            let log = target == 1 ? base.log : m.log(base)
            let snap = target == 0 ? base.snapshot : m.snapshot(base)
            try Data(log).write(to: dir.appendingPathComponent("kg.log"))
            try Data(snap).write(to: dir.appendingPathComponent("kg.snapshot"))
            try Data("\(figures.executions)\n".utf8).write(to: dir.appendingPathComponent("execution"))

            let report = GraphStore.verify(dir)
            do {
                let store = try GraphStore.open(dir, mode: .read)
                figures.opened += 1
                if store.openedFromSnapshot { figures.fromSnapshot += 1 }
                try Self.exercise(store, &m)
                // Reads never crash on a damaged chunk; the damage surfaces and the graph is rebuilt (SNAP-7, SNAP-8).
                store.state.checkAllChunks()
                if store.snapshotDamage != nil {
                    figures.damagedOnRead += 1
                    // Reopening replays the whole log; opening from the snapshot read only record T and the
                    // tail (SNAP-1), so a damaged record before T is refused here (a StoreError, counted below).
                    let note = try store.reopenIfSnapshotDamaged()
                    XCTAssertNotNil(note)
                    XCTAssertNil(store.snapshotDamage)
                }
                if report.isOK {
                    figures.verifiedOK += 1
                    let replayed = try GraphStore.open(dir, mode: .read, useSnapshot: false)
                    var a = ByteWriter(), b = ByteWriter()
                    store.state.encodeSnapshotBody(into: &a)
                    replayed.state.encodeSnapshotBody(into: &b)
                    if a.bytes != b.bytes || store.transactions != replayed.transactions {
                        XCTFail("seed \(seed) execution \(figures.executions): verify said ok but the snapshot's graph is not the log's")
                        try? Data(log).write(to: URL(fileURLWithPath: "/tmp/kg-fuzz-failure.log"))
                        try? Data(snap).write(to: URL(fileURLWithPath: "/tmp/kg-fuzz-failure.snapshot"))
                    }
                }
            } catch is StoreError {
                figures.refused += 1
            }
            if m.chance(8) {
                // A writer cuts torn tails and appends; what it leaves must verify.
                if let w = try? GraphStore.open(dir, mode: .write) {
                    w.autoCheckpointBytes = m.chance(50) ? 0 : .max
                    try w.commit(TransactionDraft(source: .user, operations: [
                        .assertEntity(Entity(id: w.nextEntityID, type: .company, name: "Fuzz \(figures.executions)")),
                    ]))
                    // As-of reads replay the log prefix, which a snapshot let opening skip: they may refuse it.
                    do { try Self.exercise(w, &m) } catch is StoreError {}
                }
            }
            if m.chance(5) {
                try? FileManager.default.removeItem(at: out)
                if (try? GraphStore.salvage(dir, to: out)) != nil {
                    let salvaged = GraphStore.verify(out)
                    XCTAssertTrue(salvaged.isOK, "seed \(seed) execution \(figures.executions): salvage wrote a log that does not verify: \(salvaged.problems)")
                }
            }
        }
        return figures
    }

    // EVIDENCE-OF: LOG-13, SNAP-6, SNAP-7, SNAP-8, REC-1, REC-3
    func test_crcFixingMutations_ofLogsAndSnapshots_neverCrash() throws {
        let env = ProcessInfo.processInfo.environment
        let seed = env["KG_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20261130
        let seconds = env["KG_FUZZ_SECONDS"].flatMap { Double($0) }
        let figures = try fuzz(seed: seed, iterations: seconds == nil ? 200 : nil,
                               deadline: seconds.map { Date().addingTimeInterval($0) })
        print("store fuzz: seed \(seed), \(figures.executions) executions, \(figures.opened) opened (\(figures.fromSnapshot) from the snapshot), \(figures.refused) refused, \(figures.damagedOnRead) damaged chunks found on read, \(figures.verifiedOK) verified ok")
        XCTAssertGreaterThan(figures.refused, 0)
        XCTAssertGreaterThan(figures.fromSnapshot, 0)
    }
}
