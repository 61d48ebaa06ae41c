import Foundation
import XCTest
import KGCore
@testable import KGStore

final class SnapshotTests: XCTestCase {
    private func build(_ dir: URL, seed: UInt64, count: Int, checkpointAt: Int?) throws -> GraphModel {
        let store = try GraphStore.open(dir, mode: .write)
        store.autoCheckpointBytes = .max
        var gen = WorkloadGenerator(seed: seed)
        for i in 1...count {
            let d = gen.draft(tx: i)
            try store.commit(d)
            for op in d.operations { gen.model.apply(op) }
            if i == checkpointAt { XCTAssertGreaterThan(try store.checkpoint(), 0) }
        }
        return gen.model
    }

    private func assertSameStores(_ a: GraphStore, _ b: GraphStore, _ context: String) {
        XCTAssertEqual(a.transactions, b.transactions, context)
        XCTAssertEqual(a.nextEntityID, b.nextEntityID, context)
        XCTAssertEqual(a.current.entities(), b.current.entities(), context)
        XCTAssertEqual(a.current.allTriples, b.current.allTriples, context)
        for t in a.current.allTriples { XCTAssertEqual(a.current.evidence(t), b.current.evidence(t), context) }
        XCTAssertEqual(a.current.documents, b.current.documents, context)
        XCTAssertEqual(a.current.columns.subjects, b.current.columns.subjects, context)
    }

    // EVIDENCE-OF: SNAP-1, SNAP-2
    func test_openWithSnapshotAndTail_equalsReplayFromZero() throws {
        for checkpointAt in [10, 25, 30] {
            let dir = temporaryDirectory(self)
            let model = try build(dir, seed: 5 + UInt64(checkpointAt), count: 30, checkpointAt: checkpointAt)
            let fast = try GraphStore.open(dir, mode: .read)
            let slow = try GraphStore.open(dir, mode: .read, useSnapshot: false)
            XCTAssertTrue(fast.openedFromSnapshot)
            XCTAssertFalse(slow.openedFromSnapshot)
            XCTAssertEqual(fast.notes, [])
            assertSame(fast.current, model, "snapshot at \(checkpointAt)")
            assertSameStores(fast, slow, "snapshot at \(checkpointAt)")
            // A writer opened from the snapshot keeps committing consistently.
            let writer = try GraphStore.open(dir, mode: .write)
            XCTAssertTrue(writer.openedFromSnapshot)
            try writer.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: writer.nextEntityID, type: .model, name: "Kimi K2"))]))
            let again = try GraphStore.open(dir, mode: .read), again2 = try GraphStore.open(dir, mode: .read, useSnapshot: false)
            assertSameStores(again, again2, "after a commit on top of snapshot \(checkpointAt)")
        }
    }

    func test_damagedSnapshot_isIgnored_andLogReplayed() throws {
        let dir = temporaryDirectory(self)
        let model = try build(dir, seed: 77, count: 20, checkpointAt: 15)
        let snapPath = dir.appendingPathComponent("kg.snapshot")
        let good = [UInt8](try Data(contentsOf: snapPath))
        var positions = Array(stride(from: 0, to: good.count, by: max(1, good.count / 60)))
        positions.append(good.count - 1)
        for i in positions {
            var bad = good
            bad[i] ^= 0x10
            try Data(bad).write(to: snapPath)
            let store = try GraphStore.open(dir, mode: .read)
            let meta = good.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 48, as: UInt64.self)) }
            if i < meta {
                // Header, directory and CRC tables: checked at open (SNAP-6).
                XCTAssertFalse(store.openedFromSnapshot, "flip at \(i)")
                XCTAssertEqual(store.notes.count, 1, "flip at \(i)")
            } else if store.openedFromSnapshot {
                // A column's byte: found when its chunk is first read (SNAP-7), then the log is replayed
                // (SNAP-8); a byte of the padding between sections is read by nobody.
                store.state.checkAllChunks()
                let inPadding = store.snapshotDamage == nil
                if !inPadding { XCTAssertNotNil(try store.reopenIfSnapshotDamaged(), "flip at \(i)") }
                XCTAssertEqual(store.notes.count, inPadding ? 0 : 1, "flip at \(i)")
            }
            assertSame(store.current, model, "flip at \(i)")
        }
        try Data(good[0..<(good.count / 2)]).write(to: snapPath)
        let truncated = try GraphStore.open(dir, mode: .read)
        XCTAssertFalse(truncated.openedFromSnapshot)
        assertSame(truncated.current, model, "truncated snapshot")
    }

    func test_staleSnapshot_fromAnotherLog_isIgnored() throws {
        let a = temporaryDirectory(self, "a"), b = temporaryDirectory(self, "b")
        _ = try build(a, seed: 1, count: 12, checkpointAt: 12)
        let modelB = try build(b, seed: 2, count: 12, checkpointAt: nil)
        try FileManager.default.copyItem(at: a.appendingPathComponent("kg.snapshot"), to: b.appendingPathComponent("kg.snapshot"))
        let store = try GraphStore.open(b, mode: .read)
        XCTAssertFalse(store.openedFromSnapshot)
        XCTAssertTrue(store.notes.first?.contains("ignored") == true, "\(store.notes)")
        assertSame(store.current, modelB, "stale snapshot")
        // A log shorter than the snapshot (salvaged, say) also makes it stale.
        let c = temporaryDirectory(self, "c")
        let modelC = try build(c, seed: 1, count: 5, checkpointAt: nil)
        try FileManager.default.copyItem(at: a.appendingPathComponent("kg.snapshot"), to: c.appendingPathComponent("kg.snapshot"))
        let short = try GraphStore.open(c, mode: .read)
        XCTAssertFalse(short.openedFromSnapshot)
        assertSame(short.current, modelC, "snapshot past the log's end")
        XCTAssertFalse(GraphStore.verify(c).notes.isEmpty)
        XCTAssertTrue(GraphStore.verify(c).isOK, "a stale snapshot is a note, not a problem")
    }

    // EVIDENCE-OF: SNAP-4
    func test_writerClosingAfterManyBytes_writesSnapshot() throws {
        let dir = temporaryDirectory(self)
        do {
            let store = try GraphStore.open(dir, mode: .write)
            store.autoCheckpointBytes = 2_000
            var gen = WorkloadGenerator(seed: 4)
            for i in 1...40 { try store.commit(gen.draft(tx: i)) }
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("kg.snapshot").path))
        XCTAssertTrue(try GraphStore.open(dir, mode: .read).openedFromSnapshot)
    }

    func test_asOf_withSnapshot_matchesModelAtEveryTransaction() throws {
        let dir = temporaryDirectory(self)
        let store = try GraphStore.open(dir, mode: .write)
        store.autoCheckpointBytes = .max
        var gen = WorkloadGenerator(seed: 31)
        var models = [GraphModel()]
        for i in 1...24 {
            let d = gen.draft(tx: i)
            try store.commit(d)
            for op in d.operations { gen.model.apply(op) }
            models.append(gen.model)
            if i == 12 { try store.checkpoint() }
        }
        for reader in [store, try GraphStore.open(dir, mode: .read)] {
            for tx in [0, 5, 11, 12, 13, 20, 23, 24] {
                assertSame(try reader.view(asOf: tx), models[tx], "as of \(tx)")
            }
        }
    }

    // EVIDENCE-OF: SNAP-3
    func test_failedCheckpoint_keepsPreviousSnapshot_andLeavesNoTemporaryFile() throws {
        let dir = temporaryDirectory(self)
        let model = try build(dir, seed: 9, count: 10, checkpointAt: 10)
        let snapPath = dir.appendingPathComponent("kg.snapshot")
        let before = try Data(contentsOf: snapPath)
        let io = FaultyFileIO(budget: .max)
        let store = try GraphStore.open(dir, mode: .write, io: io, useSnapshot: true)
        store.autoCheckpointBytes = .max
        try store.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: store.nextEntityID, type: .model, name: "Late"))]))
        io.budget = 100
        XCTAssertThrowsError(try store.checkpoint())
        XCTAssertEqual(try Data(contentsOf: snapPath), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: snapPath.path + ".tmp"))
        let reopened = try GraphStore.open(dir, mode: .read)
        XCTAssertTrue(reopened.openedFromSnapshot, "the old snapshot still matches the log's prefix")
        XCTAssertEqual(reopened.transactions.count, 11)
        XCTAssertEqual(reopened.current.resolve(name: "late").count, 1)
        XCTAssertEqual(reopened.current.entityCount, model.liveEntities.count + 1)
    }
}
