import Foundation
import Synchronization
import XCTest
import KGCore
@testable import KGStore

/// Fails writes once `budget` bytes have been written, after writing what fits (a disk that fills up).
/// Sendable like every `FileIO` (a commit writes on a second thread): the budget
/// and the sync switch live in a Mutex.
final class FaultyFileIO: FileIO {
    let real = PosixFileIO()
    private let state: Mutex<(budget: Int, failSync: Bool)>
    var budget: Int {
        get { state.withLock { $0.budget } }
        set { state.withLock { $0.budget = newValue } }
    }
    var failSync: Bool {
        get { state.withLock { $0.failSync } }
        set { state.withLock { $0.failSync = newValue } }
    }
    init(budget: Int) { state = Mutex((budget, false)) }

    func read(_ path: String) throws -> [UInt8]? { try real.read(path) }
    func openForWriting(_ path: String) throws -> Int32 { try real.openForWriting(path) }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        let allowed = state.withLock { s in
            let n = min(bytes.count, s.budget)
            s.budget -= n
            return n
        }
        if allowed == bytes.count { return try real.write(fd, bytes) }
        try real.write(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<allowed]))
        throw StoreError.io("No space left on device")
    }
    func sync(_ fd: Int32) throws {
        if failSync { throw StoreError.io("Input/output error") }
        try real.sync(fd)
    }
    func truncate(_ fd: Int32, to length: Int) throws { try real.truncate(fd, to: length) }
    func close(_ fd: Int32) { real.close(fd) }
}

final class RecoveryTests: XCTestCase {
    /// A graph of `count` small transactions; returns the directory and the model after each.
    private func makeGraph(_ count: Int, seed: UInt64 = 11) throws -> (URL, [GraphModel]) {
        let dir = temporaryDirectory(self, "graph")
        let store = try GraphStore.open(dir, mode: .write)
        var gen = WorkloadGenerator(seed: seed)
        var models = [GraphModel()]
        for i in 1...count {
            let d = gen.draft(tx: i)
            try store.commit(d)
            for op in d.operations { gen.model.apply(op) }
            models.append(gen.model)
        }
        return (dir, models)
    }

    private func logBytes(_ dir: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: dir.appendingPathComponent("kg.log")))
    }

    private func copyGraph(_ bytes: [UInt8]) throws -> URL {
        let dir = temporaryDirectory(self, "copy")
        try Data(bytes).write(to: dir.appendingPathComponent("kg.log"))
        return dir
    }

    // EVIDENCE-OF: LOG-7
    func test_tornLastRecord_atEveryOffset_opensWithEveryEarlierTransaction() throws {
        let (dir, models) = try makeGraph(6)
        let store = try GraphStore.open(dir, mode: .read)
        let bytes = try logBytes(dir)
        let lastStart = store.recordEnds[4], end = store.recordEnds[5]
        XCTAssertEqual(end, bytes.count)
        let copy = try copyGraph([])
        let logPath = copy.appendingPathComponent("kg.log")
        for cut in lastStart..<end {
            try Data(bytes[0..<cut]).write(to: logPath)
            let reader = try GraphStore.open(copy, mode: .read)
            XCTAssertEqual(reader.transactions.count, 5, "cut at \(cut)")
            assertSame(reader.current, models[5], "torn at \(cut)")
            if cut > lastStart {
                XCTAssertTrue(reader.notes.contains { $0.contains("torn last record at byte offset \(lastStart)") }, "\(reader.notes)")
            }
            XCTAssertEqual(try Data(contentsOf: logPath).count, cut, "a reader never changes the log")
            let report = GraphStore.verify(copy)
            XCTAssertEqual(report.isOK, cut == lastStart, "verify at cut \(cut)")
            if cut > lastStart { XCTAssertEqual(report.problems.first?.offset, lastStart) }
        }
        // A writer cuts the torn bytes off before it appends.
        try Data(bytes[0..<(end - 3)]).write(to: logPath)
        let writer = try GraphStore.open(copy, mode: .write)
        XCTAssertEqual(try Data(contentsOf: logPath).count, lastStart)
        try writer.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: writer.nextEntityID, type: .person, name: "New"))]))
        let reopened = try GraphStore.open(copy, mode: .read)
        XCTAssertEqual(reopened.transactions.map(\.id), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(reopened.current.resolve(name: "new").count, 1)
    }

    // EVIDENCE-OF: LOG-8
    func test_flippedByte_anywhereInAnyRecord_isReportedWithOffset_neverRead() throws {
        let (dir, _) = try makeGraph(4)
        let store = try GraphStore.open(dir, mode: .read)
        let bytes = try logBytes(dir)
        let starts = [16] + store.recordEnds.dropLast()
        let copy = try copyGraph([])
        let logPath = copy.appendingPathComponent("kg.log")
        for i in 16..<bytes.count {
            var damaged = bytes
            damaged[i] ^= UInt8(1 << (i % 8))
            try Data(damaged).write(to: logPath)
            let record = starts.lastIndex { $0 <= i }!
            XCTAssertThrowsError(try GraphStore.open(copy, mode: .read), "flip at \(i)") { error in
                guard case StoreError.corrupt(_, let offset, let tx, _) = error else {
                    return XCTFail("flip at \(i): \(error)")
                }
                XCTAssertEqual(offset, starts[record], "flip at \(i)")
                XCTAssertEqual(tx, record + 1, "flip at \(i)")
                XCTAssertTrue("\(error)".contains("damaged record at byte offset \(starts[record]) (transaction \(record + 1))"))
            }
            let report = GraphStore.verify(copy)
            XCTAssertFalse(report.isOK, "verify, flip at \(i)")
            XCTAssertEqual(report.problems.first?.offset, starts[record], "verify, flip at \(i)")
        }
    }

    // EVIDENCE-OF: REC-1, REC-3
    func test_salvage_keepsEveryIntactTransaction_aroundDamagedOne() throws {
        let (dir, _) = try makeGraph(5)
        let store = try GraphStore.open(dir, mode: .read)
        var bytes = try logBytes(dir)
        // Damage transaction 3's length field, so verify must search forward for record 4.
        bytes[store.recordEnds[1]] ^= 0x40
        let copy = try copyGraph(bytes)
        let report = GraphStore.verify(copy)
        XCTAssertEqual(report.problems.count, 1, "\(report.problems)")
        XCTAssertEqual(report.problems.first?.offset, store.recordEnds[1])
        XCTAssertEqual(report.problems.first?.tx, 3)
        XCTAssertEqual(report.transactionCount, 4)
        let out = temporaryDirectory(self, "salvaged")
        XCTAssertEqual(try GraphStore.salvage(copy, to: out), 4)
        let salvaged = try GraphStore.open(out, mode: .read)
        XCTAssertEqual(salvaged.transactions.map(\.id), [1, 2, 3, 4])
        XCTAssertEqual(salvaged.transactions.map(\.counts), [1, 2, 4, 5].map { store.transactions[$0 - 1].counts })
        XCTAssertTrue(GraphStore.verify(out).isOK)
    }

    // EVIDENCE-OF: LOG-2, LOG-3
    func test_notALog_isRefusedAndLeftUntouched() throws {
        let dir = temporaryDirectory(self)
        let logPath = dir.appendingPathComponent("kg.log")
        let junk = Array("hello, this is not a log at all\n".utf8)
        try Data(junk).write(to: logPath)
        for mode in [OpenMode.read, .write] {
            XCTAssertThrowsError(try GraphStore.open(dir, mode: mode)) { error in
                XCTAssertEqual("\(error)", "\(logPath.path) is not a kg log (wrong magic)")
            }
        }
        XCTAssertEqual([UInt8](try Data(contentsOf: logPath)), junk)
        var header = LogFormat.header()
        header[8] = 9
        try Data(header).write(to: logPath)
        XCTAssertThrowsError(try GraphStore.open(dir, mode: .write)) { error in
            XCTAssertTrue("\(error)".contains("not a kg log this version reads (format version 9"), "\(error)")
        }
        XCTAssertEqual([UInt8](try Data(contentsOf: logPath)), header)
        XCTAssertFalse(GraphStore.verify(dir).isOK)
    }

    // EVIDENCE-OF: LOG-3
    func test_logHoldingPartOfItsHeader_isAnEmptyGraph_andWriterRestartsIt() throws {
        for n in 0..<LogFormat.headerSize {
            let dir = temporaryDirectory(self)
            let logPath = dir.appendingPathComponent("kg.log")
            try Data(LogFormat.header()[0..<n]).write(to: logPath)
            XCTAssertEqual(try GraphStore.open(dir, mode: .read).transactions.count, 0, "\(n) header bytes")
            let writer = try GraphStore.open(dir, mode: .write)
            try writer.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: 1, type: .person, name: "A"))]))
            XCTAssertEqual(try GraphStore.open(dir, mode: .read).transactions.count, 1, "\(n) header bytes")
        }
    }

    // EVIDENCE-OF: COMMIT-2
    func test_failedWrite_atEveryByte_leavesNoHalfTransaction() throws {
        let (dir, models) = try makeGraph(3)
        let good = try logBytes(dir)
        var gen = WorkloadGenerator(seed: 99)
        gen.nextID = models[3].entities.keys.max().map { $0 + 1 } ?? 1
        let draft = TransactionDraft(source: .user, operations: [
            .assertEntity(Entity(id: gen.nextID, type: .company, name: "Disk Full Inc", aliases: ["满盘公司"])),
        ])
        let recordSize = LogFormat.record(TransactionCodec.encode(Transaction(id: 4, time: Date(), source: .user, operations: draft.operations))).count
        for budget in 0..<recordSize {
            let copy = try copyGraph(good)
            let io = FaultyFileIO(budget: budget)
            let store = try GraphStore.open(copy, mode: .write, io: io, useSnapshot: true)
            XCTAssertThrowsError(try store.commit(draft)) { error in
                XCTAssertTrue("\(error)".contains("commit failed, transaction 4 not written: No space left on device"), "\(error)")
            }
            XCTAssertEqual(store.current.tx, 3)
            XCTAssertEqual(store.current.resolve(name: "满盘公司"), [], "budget \(budget): the failed transaction is not in the graph")
            assertSame(store.current, models[3], "budget \(budget)")
            XCTAssertEqual(store.logSize, good.count)
            XCTAssertEqual(try logBytes(copy), good, "budget \(budget)")
            // The store stays usable once space is back.
            io.budget = .max
            XCTAssertEqual(try store.commit(draft), 4)
            let reopened = try GraphStore.open(copy, mode: .read)
            XCTAssertEqual(reopened.transactions.count, 4)
            XCTAssertEqual(reopened.current.resolve(name: "满盘公司"), [gen.nextID])
        }
        // A failing fsync also cuts the record back.
        let copy = try copyGraph(good)
        let io = FaultyFileIO(budget: .max)
        io.failSync = true
        let store = try GraphStore.open(copy, mode: .write, io: io, useSnapshot: true)
        XCTAssertThrowsError(try store.commit(draft))
        XCTAssertEqual(try logBytes(copy), good)
        assertSame(store.current, models[3], "after a failed fsync")
        XCTAssertEqual(store.transactions.count, 3)
    }

    // EVIDENCE-OF: COMMIT-3
    func test_negativeSpanOrDocumentSize_isRefusedBeforeWriting() throws {
        let (dir, _) = try makeGraph(2)
        let good = try logBytes(dir)
        let store = try GraphStore.open(dir, mode: .write)
        let triple = Triple(subject: 1, predicate: "ceo_of", object: .entity(1))
        let drafts: [(TransactionDraft, String)] = [
            (TransactionDraft(source: .user, operations: [.assertTriple(triple, Provenance(
                document: "a.md", start: -4, end: 3, sentence: "s", rule: "r", confidence: 1))]), "evidence span -4…3"),
            (TransactionDraft(source: .user, operations: [.assertDocument(DocumentRecord(
                path: "b.md", sha256: String(repeating: "0", count: 64), size: -1, tx: 1))]), "document b.md has a negative size"),
        ]
        for (draft, message) in drafts {
            XCTAssertThrowsError(try store.commit(draft)) { XCTAssertTrue("\($0)".contains(message), "\($0)") }
        }
        XCTAssertEqual(try logBytes(dir), good)
    }
}
