import Foundation
import XCTest
import KGCore
@testable import KGStore

/// The mapped snapshot (FORMAT.md SNAP-6 … SNAP-8) and the column type under it.
final class MappedSnapshotTests: XCTestCase {
    private func body(_ s: GraphState) -> [UInt8] {
        var w = ByteWriter()
        s.encodeSnapshotBody(into: &w)
        return w.bytes
    }

    /// A file holding `values` as a column section (one page of nothing first), mapped.
    private func mappedColumn(_ values: [Int32], _ dir: URL, damageChunk: Int? = nil,
                              rule: @escaping @Sendable (UnsafeBufferPointer<Int32>, Int) -> String? = { _, _ in nil })
        throws -> (Column<Int32>, SnapshotMapping, URL) {
        var bytes = [UInt8](repeating: 0, count: 4096)
        values.withUnsafeBytes { bytes += $0 }
        var crc = ChunkCRCs(width: 4)
        values.withUnsafeBytes { crc.feed($0) }
        var crcs = crc.finish()
        if let damageChunk { crcs[damageChunk] ^= 1 }
        let url = dir.appendingPathComponent("column.bin")
        try Data(bytes).write(to: url)
        let mapping = try XCTUnwrap(SnapshotMapping(path: url.path))
        let chunks = MappedChunks<Int32>(mapping: mapping, name: "test", base: (mapping.base + 4096).assumingMemoryBound(to: Int32.self),
                                         count: values.count, crcs: crcs, fallback: -1, rule: rule)
        return (Column(mapped: chunks), mapping, url)
    }

    func test_column_inMemory_behavesAsAnArray_andCopiesAreIndependent() {
        var rng = SeededRandom(seed: 3)
        var model: [Int32] = []
        var column = Column<Int32>()
        for _ in 0..<150_000 {
            let x = Int32(truncatingIfNeeded: rng.next())
            model.append(x); column.append(x)
        }
        column._checkInvariants()
        XCTAssertEqual(column.array, model)
        let before = column
        for _ in 0..<1000 {
            let i = Int(rng.next() % UInt64(model.count)), x = Int32(truncatingIfNeeded: rng.next())
            model[i] = x; column[i] = x
        }
        column.append(7); model.append(7)
        column._checkInvariants(); before._checkInvariants()
        XCTAssertEqual(column.array, model)
        XCTAssertEqual(before.count, 150_000)
        XCTAssertNotEqual(before.array, model, "the copy taken before the writes kept its values")
        XCTAssertEqual(Column<Int32>(model).array, model)
        XCTAssertEqual(Column<Int32>(repeating: -1, count: 70_000).filter { $0 == -1 }.count, 70_000)
    }

    // EVIDENCE-OF: SNAP-7
    func test_mappedColumn_readsWritesAndAppends_copyAChunk_neverTheFile() throws {
        let dir = temporaryDirectory(self)
        let values = (0..<200_000).map { Int32($0 * 3) }
        let (mapped, mapping, url) = try mappedColumn(values, dir)
        let fileBefore = try Data(contentsOf: url)
        var column = mapped
        column._checkInvariants()
        XCTAssertEqual(column[131_072], 393_216)
        XCTAssertTrue(column.isMapped(chunk: 1))
        let view = column
        column[70_000] = -5                 // chunk 1 becomes owned
        column.append(42)                   // the last (mapped, partial) chunk becomes owned
        XCTAssertTrue(column.isMapped(chunk: 0), "a chunk nobody wrote stays mapped")
        XCTAssertFalse(column.isMapped(chunk: 1))
        column._checkInvariants(); view._checkInvariants()
        XCTAssertEqual(column[70_000], -5)
        XCTAssertEqual(view[70_000], 210_000, "a copy taken before the write never changes")
        XCTAssertEqual(column.count, 200_001)
        XCTAssertEqual(view.count, 200_000)
        XCTAssertEqual(try Data(contentsOf: url), fileBefore, "the file is never written through")
        XCTAssertNil(mapping.damage)
    }

    // EVIDENCE-OF: SNAP-7
    func test_mappedColumn_damagedChunk_readsAsFallback_andRecordsWhere() throws {
        let dir = temporaryDirectory(self)
        let values = (0..<140_000).map { Int32($0) }
        // Chunk 1 fails its CRC; chunk 2 fails the range rule.
        let (column, mapping, _) = try mappedColumn(values, dir, damageChunk: 1, rule: { b, _ in
            b.contains(where: { $0 >= 131_072 }) ? "value out of range" : nil
        })
        XCTAssertEqual(column[5], 5)
        XCTAssertNil(mapping.damage, "chunks not read are not checked")
        XCTAssertEqual(column[65_536], -1)
        XCTAssertTrue(mapping.damage?.contains("test chunk 1") == true, String(describing: mapping.damage))
        XCTAssertEqual(column[139_999], -1)
        var copy = column
        copy[65_537] = 9 // copying a damaged chunk copies its fallback
        XCTAssertEqual(copy[65_538], -1)
        copy._checkInvariants()
        // Reads from several threads at once see the same checked chunks.
        let sums = Mutex2()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            var s = 0
            for i in stride(from: 0, to: 140_000, by: 7) { s &+= Int(column[i]) }
            sums.add(s)
        }
        XCTAssertEqual(Set(sums.values).count, 1)
    }

    /// A graph with merges, retractions and moves, checkpointed, then reopened
    /// from the mapped snapshot and committed to.
    private func build(_ dir: URL, seed: UInt64, count: Int) throws -> WorkloadGenerator {
        let store = try GraphStore.open(dir, mode: .write)
        store.autoCheckpointBytes = .max
        var gen = WorkloadGenerator(seed: seed)
        for i in 1...count {
            let d = gen.draft(tx: i)
            try store.commit(d)
            for op in d.operations { gen.model.apply(op) }
        }
        try store.checkpoint()
        return gen
    }

    // EVIDENCE-OF: SNAP-2, SNAP-7
    func test_commitsOnAMappedSnapshot_neverWriteThrough_viewsKeepTheirGraph_andEqualReplay() throws {
        for seed: UInt64 in [5, 6, 7] {
            let dir = temporaryDirectory(self, "mapped-\(seed)")
            var gen = try build(dir, seed: seed, count: 40)
            let snapURL = dir.appendingPathComponent("kg.snapshot")
            let fileBefore = try Data(contentsOf: snapURL)
            let writer = try GraphStore.open(dir, mode: .write)
            writer.autoCheckpointBytes = .max
            XCTAssertTrue(writer.openedFromSnapshot)
            let view = writer.current
            let viewBody = body(view.state)
            for i in 41...80 {
                let d = gen.draft(tx: i)
                try writer.commit(d)
                for op in d.operations { gen.model.apply(op) }
                if i % 10 == 0 {
                    let replayed = try GraphStore.open(dir, mode: .read, useSnapshot: false)
                    XCTAssertEqual(body(writer.state), body(replayed.state), "seed \(seed) tx \(i): the writer's graph is the log's")
                    XCTAssertEqual(writer.state.statistics, writer.state.recountStatistics(), "seed \(seed) tx \(i)")
                    let reopened = try GraphStore.open(dir, mode: .read)
                    XCTAssertTrue(reopened.openedFromSnapshot)
                    XCTAssertEqual(body(reopened.state), body(replayed.state), "seed \(seed) tx \(i): snapshot + tail is the log's (SNAP-2)")
                    for asOf in [1, 20, 40, 41, i - 1] {
                        XCTAssertEqual(body(try reopened.view(asOf: asOf).state), body(try replayed.view(asOf: asOf).state), "seed \(seed) as of \(asOf)")
                    }
                }
            }
            XCTAssertEqual(body(view.state), viewBody, "seed \(seed): a view taken before the commits never changes")
            XCTAssertEqual(try Data(contentsOf: snapURL), fileBefore, "seed \(seed): the mapped snapshot is never written through")
            XCTAssertNil(writer.snapshotDamage)
            // A new checkpoint replaces the file (rename), and the old mapping still reads the old graph.
            try writer.checkpoint()
            XCTAssertEqual(body(view.state), viewBody)
            let again = try GraphStore.open(dir, mode: .read)
            XCTAssertTrue(again.openedFromSnapshot)
            XCTAssertEqual(body(again.state), body(writer.state))
        }
    }

    // EVIDENCE-OF: SNAP-3, SNAP-7
    func test_columnsOfSeveralChunks_writeAndCheckClean_andEqualReplay() throws {
        // 40,000 triples: the triple table's 8-byte slots and the string offsets span whole
        // 512 KiB chunks (a writer once put such a piece before the bytes buffered ahead of it).
        let dir = temporaryDirectory(self)
        let store = try GraphStore.open(dir, mode: .write)
        store.autoCheckpointBytes = .max
        var ops: [KGStore.Operation] = []
        for i in 1...2_000 { ops.append(.assertEntity(Entity(id: i, type: .company, name: "Firm \(i)", aliases: i % 3 == 0 ? ["F\(i)"] : []))) }
        try store.commit(TransactionDraft(source: .user, operations: ops))
        for batch in 0..<4 {
            var triples: [KGStore.Operation] = []
            for k in 0..<10_000 {
                let n = batch * 10_000 + k
                triples.append(.assertTriple(Triple(subject: 1 + n % 2_000, predicate: "p\(n % 7)", object: .entity(1 + (n * 7919) % 2_000)),
                                             Provenance(document: "d\(n % 50000).md", start: n, end: n + 5, sentence: "s \(n)", rule: "r", confidence: 0.5, metric: "m\(n)")))
            }
            try store.commit(TransactionDraft(source: .document("b\(batch).md"), operations: triples))
        }
        try store.checkpoint()
        let opened = try GraphStore.open(dir, mode: .read)
        XCTAssertTrue(opened.openedFromSnapshot)
        XCTAssertGreaterThan(opened.state.table.slots.count, 16_384)
        XCTAssertGreaterThan(opened.state.strings.count, 65_536)
        opened.state.checkAllChunks()
        XCTAssertNil(opened.snapshotDamage)
        let replayed = try GraphStore.open(dir, mode: .read, useSnapshot: false)
        XCTAssertEqual(body(opened.state), body(replayed.state))
        XCTAssertEqual(opened.current.triples(subject: 5).count, replayed.current.triples(subject: 5).count)
        opened.state.table.slots._checkInvariants(); opened.state.strings.starts._checkInvariants()
    }

    // EVIDENCE-OF: SNAP-1
    func test_version3Snapshot_isStale_andTheLogIsReplayed() throws {
        let dir = temporaryDirectory(self)
        _ = try build(dir, seed: 9, count: 10)
        let snapURL = dir.appendingPathComponent("kg.snapshot")
        var bytes = [UInt8](try Data(contentsOf: snapURL))
        bytes[8] = 3
        try Data(bytes).write(to: snapURL)
        let g = try GraphStore.open(dir, mode: .read)
        XCTAssertFalse(g.openedFromSnapshot)
        XCTAssertTrue(g.notes.contains { $0.contains("snapshot version 3") }, "\(g.notes)")
    }
}

/// Collects values from several threads.
final class Mutex2: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Int] = []
    func add(_ v: Int) { lock.lock(); values.append(v); lock.unlock() }
}
