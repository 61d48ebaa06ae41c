import Foundation
import XCTest
import KGCore
@testable import KGStore
#if canImport(Glibc)
import Glibc
#endif

/// Files nobody should trust: crafted logs with valid checksums, power-loss
/// tails, oversize commits, deleted locks (issue 12).
final class HardeningTests: XCTestCase {
    // MARK: helpers

    /// A payload written field by field, as an attacker with the format at hand would.
    struct Payload {
        var w = ByteWriter()
        init(tx: Int, ops: Int) { w.uint(tx); w.sint(0); w.u8(1); w.uint(ops) }
        mutating func assertEntity(_ id: UInt64, _ name: String) {
            w.u8(1); w.varint(id); w.u8(0); w.string(name); w.uint(0); w.u8(0)
        }
        mutating func unmerge(_ from: UInt64, _ into: UInt64) { w.u8(10); w.varint(from); w.varint(into) }
        mutating func assertTriple(_ s: UInt64, _ p: String, _ o: UInt64, start: UInt64 = 0, end: UInt64 = 0) {
            w.u8(5); w.varint(s); w.string(p); w.u8(0); w.varint(o)
            w.string("d"); w.varint(start); w.varint(end); w.string(""); w.string("r"); w.double(1); w.u8(0)
        }
    }

    private func writeLog(_ payloads: [[UInt8]], to dir: URL) throws -> [UInt8] {
        var bytes = LogFormat.header()
        for p in payloads { bytes += LogFormat.record(p) }
        try Data(bytes).write(to: dir.appendingPathComponent("kg.log"))
        return bytes
    }

    private func logBytes(_ dir: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: dir.appendingPathComponent("kg.log")))
    }

    private func makeGraph(_ dir: URL, _ count: Int, seed: UInt64 = 3) throws -> GraphModel {
        let store = try GraphStore.open(dir, mode: .write)
        store.autoCheckpointBytes = .max
        var gen = WorkloadGenerator(seed: seed)
        for i in 1...count {
            let d = gen.draft(tx: i)
            try store.commit(d)
            for op in d.operations { gen.model.apply(op) }
        }
        return gen.model
    }

    private func assertRefused(_ dir: URL, tx: TxID, _ reason: String, file: StaticString = #filePath, line: UInt = #line) {
        for mode in [OpenMode.read, .write] {
            XCTAssertThrowsError(try GraphStore.open(dir, mode: mode), file: file, line: line) { error in
                guard case StoreError.corrupt(_, _, let t, let r) = error else { return XCTFail("\(error)", file: file, line: line) }
                XCTAssertEqual(t, tx, file: file, line: line)
                XCTAssertTrue(r.contains(reason), r, file: file, line: line)
            }
        }
        let report = GraphStore.verify(dir)
        XCTAssertFalse(report.isOK, file: file, line: line)
        XCTAssertTrue(report.problems.contains { $0.tx == tx && $0.message.contains(reason) }, "\(report.problems)", file: file, line: line)
    }

    // MARK: 1. crafted logs with valid checksums

    // EVIDENCE-OF: LOG-13
    func test_craftedLog_unmergeIntoHugeId_isRefusedByOpenAndReportedByVerify() throws {
        let dir = temporaryDirectory(self)
        var p = Payload(tx: 1, ops: 2)
        p.assertEntity(1, "a")
        p.unmerge(1, 1 << 40) // converted to Int32 before any check, this trapped every open
        let bytes = try writeLog([p.w.bytes], to: dir)
        XCTAssertLessThan(bytes.count, 60)
        assertRefused(dir, tx: 1, "no entity with id 1099511627776")
        XCTAssertEqual(try logBytes(dir), bytes, "a refused log is never written to")
    }

    // EVIDENCE-OF: LOG-13, OP-11
    func test_craftedLog_subjectNearInt32Max_isRefusedWithoutGrowingColumns() throws {
        let dir = temporaryDirectory(self)
        var p = Payload(tx: 1, ops: 1)
        p.assertTriple(2_147_483_646, "p", 1) // grew nine columns to 2^31 entries
        _ = try writeLog([p.w.bytes], to: dir)
        assertRefused(dir, tx: 1, "no entity with id 2147483646")

        // An assert entity may not skip ids either: its columns would grow just the same.
        let dir2 = temporaryDirectory(self, "skip")
        var q = Payload(tx: 1, ops: 1)
        q.assertEntity(2_147_483_646, "far")
        _ = try writeLog([q.w.bytes], to: dir2)
        assertRefused(dir2, tx: 1, "not an existing id or the next new one")
    }

    // EVIDENCE-OF: LOG-13
    func test_craftedLog_spanBeyondInt32_isRefused_notClamped() throws {
        let dir = temporaryDirectory(self)
        var p = Payload(tx: 1, ops: 3)
        p.assertEntity(1, "a"); p.assertEntity(2, "b")
        p.assertTriple(1, "p", 2, start: 0, end: 1 << 62)
        _ = try writeLog([p.w.bytes], to: dir)
        assertRefused(dir, tx: 1, "evidence span")
    }

    // EVIDENCE-OF: LOG-13
    func test_verify_replays_andNamesTheFirstTransactionThatBreaksARule() throws {
        let dir = temporaryDirectory(self)
        var a = Payload(tx: 1, ops: 2); a.assertEntity(1, "a"); a.assertEntity(2, "b")
        var b = Payload(tx: 2, ops: 1); b.assertTriple(1, "p", 2)
        var c = Payload(tx: 3, ops: 1); c.assertTriple(1, "p", 9) // 9 was never asserted
        _ = try writeLog([a.w.bytes, b.w.bytes, c.w.bytes], to: dir)
        let report = GraphStore.verify(dir)
        XCTAssertEqual(report.problems.count, 1, "\(report.problems)")
        XCTAssertEqual(report.problems.first?.tx, 3)
        XCTAssertTrue(report.problems.first?.message.contains("no entity with id 9") == true)
    }

    // EVIDENCE-OF: COMMIT-3, OP-11
    func test_commit_refusesIdsOutOfOrder_orSkipped() throws {
        let dir = temporaryDirectory(self)
        let store = try GraphStore.open(dir, mode: .write)
        let before = try logBytes(dir)
        XCTAssertThrowsError(try store.commit(TransactionDraft(source: .user, operations: [
            .assertEntity(Entity(id: 5, type: .person, name: "Skips")),
        ])))
        // A triple may only name an entity asserted earlier in the draft, not later.
        XCTAssertThrowsError(try store.commit(TransactionDraft(source: .user, operations: [
            .assertTriple(Triple(subject: 1, predicate: "p", object: .entity(1)), Provenance(document: "d", rule: "user")),
            .assertEntity(Entity(id: 1, type: .person, name: "Late")),
        ])))
        XCTAssertEqual(try logBytes(dir), before)
    }

    // EVIDENCE-OF: REC-1, REC-3
    func test_recordHoldingTransactionIntMax_isReportedBySalvageAndVerify_withoutOverflow() throws {
        // Found by the store fuzzer (seed 3003): `expected = tx.id + 1` overflowed in verify.
        let dir = temporaryDirectory(self)
        var a = Payload(tx: 1, ops: 1); a.assertEntity(1, "a")
        var w = ByteWriter(); w.varint(UInt64(Int.max)); w.sint(0); w.u8(1); w.uint(0)
        var c = Payload(tx: 2, ops: 1); c.assertEntity(2, "b")
        _ = try writeLog([a.w.bytes, w.bytes, c.w.bytes], to: dir)
        let report = GraphStore.verify(dir)
        XCTAssertTrue(report.problems.contains { $0.message.contains("more than the log can hold") }, "\(report.problems)")
        let out = temporaryDirectory(self, "out")
        let (kept, dropped) = try GraphStore.salvageReport(dir, to: out)
        XCTAssertEqual(kept, 2)
        XCTAssertEqual(dropped.count, 1)
        assertRefused(dir, tx: 2, "holds transaction 9223372036854775807")
    }

    // MARK: 3. writer-side limits

    // EVIDENCE-OF: COMMIT-5, LOG-5
    func test_oversizeCommit_isRefusedBeforeAnyByteIsWritten() throws {
        let dir = temporaryDirectory(self)
        let store = try GraphStore.open(dir, mode: .write)
        try store.commit(TransactionDraft(source: .user, operations: [
            .assertEntity(Entity(id: 1, type: .person, name: "A")), .assertEntity(Entity(id: 2, type: .company, name: "B")),
        ]))
        let before = try logBytes(dir)
        store.payloadLimit = 4096
        let big = TransactionDraft(source: .user, operations: [
            .assertTriple(Triple(subject: 1, predicate: "works_at", object: .entity(2)),
                          Provenance(document: "d", sentence: String(repeating: "长句", count: 2000), rule: "user")),
        ])
        XCTAssertThrowsError(try store.commit(big)) { error in
            XCTAssertTrue("\(error)".contains("LOG-5"), "\(error)")
            XCTAssertTrue("\(error)".contains("split"), "\(error)")
        }
        XCTAssertEqual(try logBytes(dir), before, "nothing of the refused commit is in the log")
        XCTAssertEqual(store.current.tx, 1)
        XCTAssertEqual(store.current.allTriples, [], "the refused transaction is not in the graph")
        // The store still takes commits that fit, and the log reopens.
        try store.commit(TransactionDraft(source: .user, operations: [.assertAlias(1, "阿")]))
        XCTAssertEqual(try GraphStore.open(dir, mode: .read).current.tx, 2)
    }

    // MARK: 4. power-loss tails

    // EVIDENCE-OF: LOG-12
    func test_zeroTail_of12And4096Bytes_opensAsTornTail_andWriterCutsIt() throws {
        for zeros in [12, 4096, 5] {
            let dir = temporaryDirectory(self, "zeros\(zeros)")
            let model = try makeGraph(dir, 4)
            let good = try logBytes(dir)
            try Data(good + [UInt8](repeating: 0, count: zeros)).write(to: dir.appendingPathComponent("kg.log"))
            let reader = try GraphStore.open(dir, mode: .read)
            assertSame(reader.current, model, "\(zeros) zeros")
            XCTAssertTrue(reader.notes.contains { $0.contains("torn last record at byte offset \(good.count)") }, "\(reader.notes)")
            let report = GraphStore.verify(dir)
            XCTAssertEqual(report.problems.count, 1)
            XCTAssertTrue(report.problems[0].message.contains("torn"))
            let writer = try GraphStore.open(dir, mode: .write)
            try writer.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: writer.nextEntityID, type: .model, name: "After"))]))
            XCTAssertTrue(GraphStore.verify(dir).isOK)
            XCTAssertEqual(try GraphStore.open(dir, mode: .read).current.tx, 5)
        }
    }

    // EVIDENCE-OF: LOG-12
    func test_zeroCompletedLastRecord_isTornTail_butBitRotInIt_staysDamaged() throws {
        let dir = temporaryDirectory(self)
        let store = try GraphStore.open(dir, mode: .write)
        try store.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: 1, type: .person, name: "A"))]))
        let oneTx = try logBytes(dir)
        try store.commit(TransactionDraft(source: .user, operations: [
            .assertEntity(Entity(id: 2, type: .company, name: "Company with a long enough name")),
            .assertTriple(Triple(subject: 1, predicate: "works_at", object: .entity(2)),
                          Provenance(document: "doc.txt", start: 3, end: 9, sentence: "A works at the company.", rule: "pattern", confidence: 0.5, metric: "x")),
        ]))
        let full = try logBytes(dir)
        let recordStart = oneTx.count
        // Every split point: the first k bytes of the last record landed, the rest (and a page beyond) is zeros.
        for landed in stride(from: 0, to: full.count - recordStart - 8, by: 3) {
            let cut = recordStart + landed
            let damaged = Array(full[0..<cut]) + [UInt8](repeating: 0, count: full.count - cut + (landed % 2 == 0 ? 0 : 4096))
            try Data(damaged).write(to: dir.appendingPathComponent("kg.log"))
            let g = try GraphStore.open(dir, mode: .read)
            XCTAssertEqual(g.current.tx, 1, "landed \(landed)")
            XCTAssertTrue(g.notes.contains { $0.contains("torn last record at byte offset \(recordStart)") }, "landed \(landed): \(g.notes)")
        }
        // A flipped byte in the last record, which does not end in zeros: an acknowledged record, so damage.
        var rotted = full
        rotted[recordStart + 20] ^= 0x40
        try Data(rotted).write(to: dir.appendingPathComponent("kg.log"))
        XCTAssertThrowsError(try GraphStore.open(dir, mode: .read)) { error in
            guard case StoreError.corrupt(_, let offset, let tx, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(offset, recordStart); XCTAssertEqual(tx, 2)
        }
        // A damaged record followed by zeros is not a tail when a non-zero record comes after it.
        var middle = full + LogFormat.record(TransactionCodec.encode(Transaction(id: 3, time: Date(), source: .user, operations: [])))
        for i in (recordStart + 30)..<full.count { middle[i] = 0 }
        try Data(middle).write(to: dir.appendingPathComponent("kg.log"))
        XCTAssertThrowsError(try GraphStore.open(dir, mode: .read))
    }

    // MARK: 2. verify's forward search

    // EVIDENCE-OF: REC-1
    func test_forwardSearch_overFakeHeaders_checksumsAtMostFourTimesTheFileSize() throws {
        let dir = temporaryDirectory(self)
        _ = try makeGraph(dir, 3)
        var bytes = try logBytes(dir)
        // A damaged length, then 64 KiB of headers whose length fields agree but whose checksums do not.
        bytes += [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        let n: UInt32 = 60_000
        for _ in 0..<(65_536 / 8) {
            withUnsafeBytes(of: n.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: (~n).littleEndian) { bytes += $0 }
        }
        let scan = LogScanner(bytes, stopAtProblem: false)
        XCTAssertEqual(scan.records.count, 3)
        XCTAssertLessThanOrEqual(scan.searchChecksummed, LogScanner.searchBudgetPerByte * bytes.count)
        XCTAssertNotNil(scan.searchGaveUp)
        XCTAssertFalse(GraphStore.verify({ try! Data(bytes).write(to: dir.appendingPathComponent("kg.log")); return dir }()).isOK)
    }

    // MARK: 5. salvage keeps the sequence

    // EVIDENCE-OF: REC-3
    func test_salvage_dropsDuplicatedAndOutOfOrderRecords() throws {
        let dir = temporaryDirectory(self)
        let store = try GraphStore.open(dir, mode: .write)
        try store.commit(TransactionDraft(source: .user, operations: [
            .assertEntity(Entity(id: 1, type: .person, name: "A")), .assertEntity(Entity(id: 2, type: .company, name: "B")),
        ]))
        let afterOne = try logBytes(dir)
        try store.commit(TransactionDraft(source: .user, operations: [
            .assertTriple(Triple(subject: 1, predicate: "works_at", object: .entity(2)), Provenance(document: "d", rule: "user")),
        ]))
        let afterTwo = try logBytes(dir)
        try store.commit(TransactionDraft(source: .user, operations: [
            .retractTriple(Triple(subject: 1, predicate: "works_at", object: .entity(2)), document: nil),
        ]))
        let full = try logBytes(dir)
        let record2 = Array(afterTwo[afterOne.count...])
        // Transaction 2 again after the retraction: kept, it would bring the retracted fact back.
        try Data(full + record2).write(to: dir.appendingPathComponent("kg.log"))
        let report = GraphStore.verify(dir)
        XCTAssertTrue(report.problems.contains { $0.message.contains("again or out of order") }, "\(report.problems)")
        let out = temporaryDirectory(self, "out")
        let (kept, dropped) = try GraphStore.salvageReport(dir, to: out)
        XCTAssertEqual(kept, 3)
        XCTAssertEqual(dropped.count, 1)
        let salvaged = try GraphStore.open(out, mode: .read)
        XCTAssertEqual(salvaged.current.allTriples, [], "the retracted fact stays retracted")

        // Two records swapped: the later one is dropped, never applied out of order.
        let record3 = Array(full[afterTwo.count...])
        try Data(afterOne + record3 + record2).write(to: dir.appendingPathComponent("kg.log"))
        let out2 = temporaryDirectory(self, "out2")
        let second = try GraphStore.salvageReport(dir, to: out2)
        XCTAssertEqual(second.kept, 2)
        XCTAssertEqual(second.dropped.count, 1)
        XCTAssertEqual(try GraphStore.open(out2, mode: .read).current.tx, 2)
    }

    // MARK: 6. the lock

    // EVIDENCE-OF: LOCK-1, LOCK-2
    func test_secondWriter_afterLockFileDeleted_isRefused_withHoldersPid() throws {
        let dir = temporaryDirectory(self)
        let first = try GraphStore.open(dir, mode: .write)
        try first.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: 1, type: .person, name: "A"))]))
        unlink(dir.appendingPathComponent("kg.lock").path)
        XCTAssertThrowsError(try GraphStore.open(dir, mode: .write)) { error in
            XCTAssertEqual(error as? StoreError, .locked(pid: getpid()))
        }
        try first.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: 2, type: .person, name: "B"))]))
        XCTAssertTrue(GraphStore.verify(dir).isOK)
    }

    // EVIDENCE-OF: LOCK-4
    func test_writer_refusesToAppend_whenTheLogWasReplacedOrChanged() throws {
        let dir = temporaryDirectory(self)
        let store = try GraphStore.open(dir, mode: .write)
        try store.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: 1, type: .person, name: "A"))]))
        let log = dir.appendingPathComponent("kg.log")
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile(); handle.write(Data([1, 2, 3])); handle.closeFile()
        XCTAssertThrowsError(try store.commit(TransactionDraft(source: .user, operations: [.assertAlias(1, "x")]))) { error in
            XCTAssertTrue("\(error)".contains("last left it at"), "\(error)")
        }
        let bytes = try logBytes(dir)
        unlink(log.path)
        try Data(bytes).write(to: log)
        XCTAssertThrowsError(try store.commit(TransactionDraft(source: .user, operations: [.assertAlias(1, "x")]))) { error in
            XCTAssertTrue("\(error)".contains("deleted or replaced"), "\(error)")
        }
    }

    // MARK: smaller

    // EVIDENCE-OF: LOG-14
    func test_fifoLog_isRefused_readersDoNotHang() throws {
        let dir = temporaryDirectory(self)
        XCTAssertEqual(mkfifo(dir.appendingPathComponent("kg.log").path, 0o644), 0)
        let done = DispatchSemaphore(value: 0)
        let box = ErrorBox()
        DispatchQueue.global().async {
            do { _ = try GraphStore.open(dir, mode: .read) } catch { box.error = error }
            _ = GraphStore.verify(dir)
            do { _ = try GraphStore.open(dir, mode: .write) } catch { box.writeError = error }
            done.signal()
        }
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success, "opening a FIFO log hung")
        XCTAssertTrue("\(box.error.map { "\($0)" } ?? "")".contains("not a regular file"))
        XCTAssertTrue("\(box.writeError.map { "\($0)" } ?? "")".contains("not a regular file"))
    }

    // EVIDENCE-OF: SNAP-4
    func test_closingSnapshotOnAFullDisk_saysSo_andTheLogStaysIntact() throws {
        let dir = temporaryDirectory(self)
        let io = FaultyFileIO(budget: 1 << 30)
        var store: GraphStore? = try GraphStore.open(dir, mode: .write, io: io, useSnapshot: true)
        store!.autoCheckpointBytes = 0
        try store!.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: 1, type: .person, name: "A"))]))
        io.budget = 10
        let captured = dir.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: captured.path, contents: nil)
        let file = open(captured.path, O_WRONLY)
        let saved = dup(2)
        fflush(nil)
        dup2(file, 2)
        store = nil // closes: the snapshot write hits the full disk
        fflush(nil)
        dup2(saved, 2)
        close(saved); close(file)
        let text = try String(contentsOf: captured, encoding: .utf8)
        XCTAssertTrue(text.contains("could not write the closing snapshot"), text)
        XCTAssertTrue(text.contains("No space left on device"), text)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("kg.snapshot.tmp").path))
        XCTAssertTrue(GraphStore.verify(dir).isOK)
        XCTAssertEqual(try GraphStore.open(dir, mode: .read).current.tx, 1)
    }

    /// @unchecked Sendable: written only by the one worker block, read only after
    /// `done.wait` returned `.success` (the semaphore orders the writes before the reads).
    final class ErrorBox: @unchecked Sendable { var error: Error?; var writeError: Error? }
}
