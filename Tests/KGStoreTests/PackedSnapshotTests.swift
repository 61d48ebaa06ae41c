import Foundation
import Synchronization
import XCTest
import KGCore
@testable import KGStore
#if canImport(Glibc)
import Glibc
#endif

/// Snapshot version 5: packed column chunks (FORMAT.md SNAP-9) and checkpoints
/// written in the background while commits go on (SNAP-10).
final class PackedSnapshotTests: XCTestCase {
    private func roundTrip<T: ColumnElement>(_ values: [T], first: Int, file: StaticString = #filePath, line: UInt = #line) -> Int {
        var out: [UInt8] = []
        values.withUnsafeBufferPointer { ChunkPacking.encode($0, first: first, into: &out) }
        var back = [T](repeating: values.first ?? T(bits64: 0), count: values.count)
        let problem = out.withUnsafeBytes { b in
            back.withUnsafeMutableBufferPointer { ChunkPacking.decode(b, first: first, into: $0.baseAddress!, count: values.count) }
        }
        XCTAssertNil(problem, file: file, line: line)
        // Bit for bit (a NaN is not equal to itself); a Bool, so a failure does not print 65,536 values.
        XCTAssertTrue(back.map(\.bits64) == values.map(\.bits64), "decoded values differ", file: file, line: line)
        return out.count
    }

    // EVIDENCE-OF: SNAP-9
    func test_chunkPacking_roundTripsEveryShape_andShrinksTheCommonOnes() {
        var rng = SeededRandom(seed: 91)
        let n = columnChunkSize, first = 3 * columnChunkSize
        // Random values of every element type: stored raw (header + elements), never larger.
        let r32 = (0..<n).map { _ in Int32(truncatingIfNeeded: rng.next()) }
        XCTAssertEqual(roundTrip(r32, first: first), 16 + 4 * n)
        XCTAssertEqual(roundTrip((0..<n).map { _ in rng.next() }, first: first), 16 + 8 * n)
        XCTAssertEqual(roundTrip((0..<n).map { _ in Double(bitPattern: rng.next()) }, first: first), 16 + 8 * n)
        XCTAssertEqual(roundTrip((0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, first: first), 16 + n)
        XCTAssertLessThanOrEqual(roundTrip((0..<n).map { _ in Int(bitPattern: UInt(rng.next())) }, first: first), 16 + 8 * n)
        // Ids below 2^20 take 3 bytes; below 200, one.
        XCTAssertEqual(roundTrip((0..<n).map { _ in Int32(rng.next() % 1_000_000) }, first: first), 16 + 3 * n)
        XCTAssertEqual(roundTrip((0..<n).map { _ in Int32(50 + rng.next() % 200) }, first: first), 16 + n)
        // A constant (a live flag, a confidence): the header alone.
        XCTAssertEqual(roundTrip([UInt8](repeating: 1, count: n), first: first), 16)
        XCTAssertEqual(roundTrip([Double](repeating: 0.9, count: n), first: first), 16)
        // Values following their index (a triple's first evidence row): relative, one byte.
        XCTAssertEqual(roundTrip((0..<n).map { Int32(first + $0 + Int(rng.next() % 100)) }, first: first), 16 + n)
        // Mostly -1 with a few links (evidence lists): the links as exceptions.
        var sparse = [Int32](repeating: -1, count: n)
        for k in stride(from: 0, to: n, by: 1000) { sparse[k] = Int32(first + k + 5) }
        XCTAssertEqual(roundTrip(sparse, first: first), 16 + 66 * 6)
        // Links with a few -1 ends: packed, the ends as exceptions.
        var links = (0..<n).map { Int32(first + $0 + 1 + Int(rng.next() % 30)) }
        for k in stride(from: 7, to: n, by: 5000) { links[k] = -1 }
        XCTAssertEqual(roundTrip(links, first: first), 16 + n + 14 * 6)
        // Offsets into a big arena (Int): the spread, not the magnitude.
        XCTAssertEqual(roundTrip((0..<n).map { 5_000_000_000 + 70 * $0 }, first: first), 16 + 3 * n)
        // Short last chunks, empty chunks and the extremes.
        XCTAssertEqual(roundTrip([Int32](), first: 0), 16)
        _ = roundTrip([Int32.min, Int32.max, -1, 0], first: 0)
        _ = roundTrip([Int.min, Int.max, -1], first: 7)
        _ = roundTrip([UInt64.max, 0, 1 << 63], first: 0)
        _ = roundTrip([-Double.infinity, 1.5, -0.0], first: 0)
    }

    // EVIDENCE-OF: SNAP-9
    func test_packedChunk_withAWrongHeaderLengthOrExceptions_isRefused_neverRead() {
        var out: [UInt8] = []
        var sparse = [Int32](repeating: -1, count: 100)
        sparse[10] = 40; sparse[20] = 50
        sparse.withUnsafeBufferPointer { ChunkPacking.encode($0, first: 0, into: &out) }
        func decode(_ bytes: [UInt8], count: Int = 100) -> String? {
            var back = [Int32](repeating: 0, count: count)
            return bytes.withUnsafeBytes { b in back.withUnsafeMutableBufferPointer { ChunkPacking.decode(b, first: 0, into: $0.baseAddress!, count: count) } }
        }
        XCTAssertNil(decode(out))
        var bad = out; bad[8] = 5
        XCTAssertNotNil(decode(bad), "width 5 is not a width")
        bad = out; bad[9] = 2
        XCTAssertNotNil(decode(bad), "relative flag 2")
        bad = out; bad[10] = 1
        XCTAssertNotNil(decode(bad), "reserved bytes")
        bad = out; bad[12] = 200
        XCTAssertNotNil(decode(bad), "more exceptions than the length holds")
        XCTAssertNotNil(decode(Array(out.dropLast())), "a byte short")
        XCTAssertNotNil(decode(out + [0]), "a byte long")
        XCTAssertNotNil(decode(Array(out.prefix(10))), "shorter than the header")
        XCTAssertNotNil(decode(out, count: 2), "more exceptions than elements")
        // Exception positions out of order, repeated, or beyond the chunk.
        let at = 16 // width 0: the positions follow the header
        XCTAssertEqual(out[8], 0)
        bad = out; bad[at] = 20; bad[at + 2] = 10
        XCTAssertNotNil(decode(bad), "positions out of order")
        bad = out; bad[at + 2] = 10
        XCTAssertNotNil(decode(bad), "a repeated position")
        bad = out; bad[at + 2] = 200
        XCTAssertNotNil(decode(bad), "a position beyond the chunk")
    }

    /// A graph shaped like `kg-bench store`'s (one sentence per triple, ten triples per entity).
    private func buildBenchLike(_ dir: URL, triples: Int) throws -> GraphStore {
        let store = try GraphStore.open(dir, mode: .write)
        store.autoCheckpointBytes = .max
        store.backgroundCheckpointBytes = .max
        var rng = SeededRandom(seed: 5)
        var next = 1
        let predicates = ["ceo_of", "founded", "invested_in", "acquired", "developed", "works_at"]
        for b in 0..<(triples / 5_000) {
            var ops: [KGStore.Operation] = []
            let doc = "news/\(b).md"
            for k in 0..<5_000 {
                let n = b * 5_000 + k
                while next <= n / 10 + 2 {
                    ops.append(.assertEntity(Entity(id: next, type: [.person, .company, .model][next % 3], name: "Entity \(next)",
                                                    aliases: next % 4 == 0 ? ["实体\(next)"] : [])))
                    next += 1
                }
                let s = 1 + Int(rng.next() % UInt64(next - 1)), o = 1 + Int(rng.next() % UInt64(next - 1))
                ops.append(.assertTriple(Triple(subject: s, predicate: predicates[n % predicates.count], object: .entity(o)),
                                         Provenance(document: doc, start: k * 40, end: k * 40 + 30,
                                                    sentence: "Sentence \(n / 4) of \(doc) says \(s) relates to \(o).",
                                                    rule: "pattern-\(k % 17)", confidence: 0.9)))
            }
            try store.commit(TransactionDraft(source: .document(doc), operations: ops))
        }
        return store
    }

    private func body(_ s: GraphState) -> [UInt8] {
        var w = ByteWriter()
        s.encodeSnapshotBody(into: &w)
        return w.bytes
    }

    // EVIDENCE-OF: SNAP-9, SNAP-2
    func test_snapshotOfABigGraph_isSmallerThanItsLog_andOpensToTheSameGraph() throws {
        let dir = temporaryDirectory(self)
        let store = try buildBenchLike(dir, triples: 60_000)
        let size = try store.checkpoint()
        let logSize = store.logSize
        XCTAssertLessThan(size, logSize, "snapshot \(size) bytes, log \(logSize)")
        let opened = try GraphStore.open(dir, mode: .read)
        XCTAssertTrue(opened.openedFromSnapshot)
        let replayed = try GraphStore.open(dir, mode: .read, useSnapshot: false)
        XCTAssertEqual(body(opened.state), body(replayed.state))
        XCTAssertNil(opened.snapshotDamage)
    }

    // EVIDENCE-OF: SNAP-10, SNAP-3
    func test_commitsWhileABackgroundCheckpointIsWritten_goOn_andBothAreKept() throws {
        let dir = temporaryDirectory(self)
        let io = GatedFileIO()
        var gen = WorkloadGenerator(seed: 23)
        do {
            let store = try GraphStore.open(dir, mode: .write, io: io, useSnapshot: true)
            store.autoCheckpointBytes = .max
            store.backgroundCheckpointBytes = .max
            for i in 1...20 { let d = gen.draft(tx: i); try store.commit(d); for op in d.operations { gen.model.apply(op) } }
            let before = body(store.state)
            io.closeGate() // the snapshot's writes wait until the gate opens
            XCTAssertTrue(store.startCheckpoint())
            XCTAssertFalse(store.startCheckpoint(), "one checkpoint at a time")
            // The writer is not stalled: these commits finish while the checkpoint cannot write a byte.
            for i in 21...30 { let d = gen.draft(tx: i); try store.commit(d); for op in d.operations { gen.model.apply(op) } }
            XCTAssertTrue(store.checkpointInProgress)
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("kg.snapshot").path))
            io.openGate()
            XCTAssertNotNil(try store.finishCheckpoint())
            XCTAssertFalse(store.checkpointInProgress)
            // The snapshot holds the graph as of transaction 20, not what was committed meanwhile.
            let snap = GraphStore.mapSnapshot(dir).opened
            XCTAssertEqual(snap?.tx, 20)
            var at20 = try XCTUnwrap(snap).state
            at20.mapping = snap?.mapping
            XCTAssertEqual(body(at20), before)
        }
        let opened = try GraphStore.open(dir, mode: .read)
        XCTAssertTrue(opened.openedFromSnapshot)
        XCTAssertEqual(opened.current.tx, 30)
        let replayed = try GraphStore.open(dir, mode: .read, useSnapshot: false)
        XCTAssertEqual(body(opened.state), body(replayed.state))
        assertSame(opened.current, gen.model, "reopened")
    }

    // EVIDENCE-OF: SNAP-10, SNAP-3, SNAP-7
    func test_backgroundCheckpointOfAMappedGraph_neverWritesThroughTheMapping_andAFailedOneKeepsTheOld() throws {
        let dir = temporaryDirectory(self)
        var gen = WorkloadGenerator(seed: 29)
        do {
            let store = try GraphStore.open(dir, mode: .write)
            store.autoCheckpointBytes = .max
            for i in 1...15 { let d = gen.draft(tx: i); try store.commit(d); for op in d.operations { gen.model.apply(op) } }
            try store.checkpoint()
        }
        let snapURL = dir.appendingPathComponent("kg.snapshot")
        let old = try Data(contentsOf: snapURL)
        // A writer opened on the mapped snapshot commits while a background checkpoint reads the mapping.
        let io = GatedFileIO()
        do {
            let store = try GraphStore.open(dir, mode: .write, io: io, useSnapshot: true)
            XCTAssertTrue(store.openedFromSnapshot)
            store.autoCheckpointBytes = .max
            store.backgroundCheckpointBytes = .max
            io.closeGate()
            XCTAssertTrue(store.startCheckpoint())
            for i in 16...25 { let d = gen.draft(tx: i); try store.commit(d); for op in d.operations { gen.model.apply(op) } }
            XCTAssertEqual(try Data(contentsOf: snapURL), old, "the mapped file is never written through")
            // This checkpoint fails (a full disk): the old snapshot stays, no temporary file is left.
            io.failWrites = true
            io.openGate()
            XCTAssertThrowsError(try store.finishCheckpoint())
            XCTAssertEqual(try Data(contentsOf: snapURL), old)
            XCTAssertFalse(FileManager.default.fileExists(atPath: snapURL.path + ".tmp"))
            io.failWrites = false
            XCTAssertTrue(store.startCheckpoint())
            XCTAssertNotNil(try store.finishCheckpoint())
        }
        let opened = try GraphStore.open(dir, mode: .read)
        XCTAssertTrue(opened.openedFromSnapshot)
        assertSame(opened.current, gen.model, "reopened")
    }

    // EVIDENCE-OF: SNAP-10
    func test_commitPastTheThreshold_startsABackgroundCheckpoint_andClosingWaitsForIt() throws {
        let dir = temporaryDirectory(self)
        var gen = WorkloadGenerator(seed: 31)
        do {
            let store = try GraphStore.open(dir, mode: .write)
            store.autoCheckpointBytes = .max
            store.backgroundCheckpointBytes = 2_000
            for i in 1...40 { let d = gen.draft(tx: i); try store.commit(d); for op in d.operations { gen.model.apply(op) } }
        }
        let snap = try XCTUnwrap(GraphStore.mapSnapshot(dir).opened, "a background checkpoint was written")
        XCTAssertGreaterThan(snap.tx, 1)
        let opened = try GraphStore.open(dir, mode: .read)
        XCTAssertTrue(opened.openedFromSnapshot)
        assertSame(opened.current, gen.model, "reopened")
    }
}

/// Writes to `kg.snapshot.tmp` wait while the gate is closed (a slow disk), or fail when `failWrites`.
final class GatedFileIO: FileIO {
    let real = PosixFileIO()
    private let gate = Mutex<(closed: Bool, fail: Bool, snapshotFDs: Set<Int32>)>((false, false, []))
    private let opened = DispatchSemaphore(value: 0)

    func closeGate() { gate.withLock { $0.closed = true } }
    func openGate() { gate.withLock { $0.closed = false } }
    var failWrites: Bool {
        get { gate.withLock { $0.fail } }
        set { gate.withLock { $0.fail = newValue } }
    }

    func read(_ path: String) throws -> [UInt8]? { try real.read(path) }
    func openForWriting(_ path: String) throws -> Int32 {
        let fd = try real.openForWriting(path)
        if path.hasSuffix(".tmp") { gate.withLock { _ = $0.snapshotFDs.insert(fd) } }
        return fd
    }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        while gate.withLock({ $0.closed && $0.snapshotFDs.contains(fd) }) { usleep(1_000) }
        if gate.withLock({ $0.fail && $0.snapshotFDs.contains(fd) }) { throw StoreError.io("No space left on device") }
        try real.write(fd, bytes)
    }
    func sync(_ fd: Int32) throws { try real.sync(fd) }
    func truncate(_ fd: Int32, to length: Int) throws { try real.truncate(fd, to: length) }
    func close(_ fd: Int32) {
        gate.withLock { _ = $0.snapshotFDs.remove(fd) }
        real.close(fd)
    }
}
