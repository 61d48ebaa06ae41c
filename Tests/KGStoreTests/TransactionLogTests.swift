import Foundation
import XCTest
import KGCore
@testable import KGStore

/// `kg log` reads the log alone (TransactionLog.swift): the summaries equal the
/// ones opening the graph gives, and `--last N` decodes N records only.
final class TransactionLogTests: XCTestCase {
    func test_summaries_equalOpenedStore_andLastDecodesOnlyThose() throws {
        let dir = temporaryDirectory(self)
        do {
            let store = try GraphStore.open(dir, mode: .write)
            var gen = WorkloadGenerator(seed: 5)
            for i in 1...30 {
                let draft = gen.draft(tx: i)
                try store.commit(draft)
                for op in draft.operations { gen.model.apply(op) }
            }
            try store.checkpoint()
        }
        let opened = try GraphStore.open(dir, mode: .read)
        let all = try TransactionLog.read(dir)
        XCTAssertEqual(all.transactions, opened.transactions)
        XCTAssertEqual(all.total, 30)
        let last = try TransactionLog.read(dir, last: 4)
        XCTAssertEqual(last.transactions, Array(opened.transactions.suffix(4)))
        XCTAssertEqual(last.summarized, 4, "only the records shown are summarised")
        XCTAssertEqual(last.total, 30)
        XCTAssertEqual(try TransactionLog.read(dir, last: 0).summarized, 0)
        XCTAssertEqual(try TransactionLog.read(dir, last: 100).transactions.count, 30)
    }

    func test_damagedRecord_isAnError_andTornTailANote() throws {
        let dir = temporaryDirectory(self)
        do {
            let store = try GraphStore.open(dir, mode: .write)
            for i in 1...3 {
                try store.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: i, type: .person, name: "P\(i)"))]))
            }
        }
        let log = dir.appendingPathComponent(LogFormat.logName)
        var bytes = try Data(contentsOf: log)
        bytes.append(contentsOf: [7, 0, 0, 0]) // a record header cut short: a torn tail
        try bytes.write(to: log)
        let torn = try TransactionLog.read(dir)
        XCTAssertEqual(torn.transactions.count, 3)
        XCTAssertEqual(torn.notes.count, 1)
        bytes.removeLast(4)
        bytes[LogFormat.headerSize + LogFormat.recordHeaderSize + 1] ^= 0xFF // inside the first payload: checksum mismatch
        try bytes.write(to: log)
        XCTAssertThrowsError(try TransactionLog.read(dir, last: 1))
    }
}

extension TransactionLogTests {
    /// A record with a valid checksum that names an entity never asserted is
    /// refused as opening refuses it (issue 12: readers trust no file).
    func test_semanticallyBadRecord_isRefused_asOpenRefusesIt() throws {
        let dir = temporaryDirectory(self)
        let tx = Transaction(id: 1, time: Date(timeIntervalSince1970: 0), source: .user, operations: [
            .assertEntity(Entity(id: 1, type: .person, name: "A")),
            .assertTriple(Triple(subject: 1, predicate: "p", object: .entity(7)), Provenance(document: "d", sentence: "", rule: "r")),
        ])
        var record: [UInt8] = []
        try LogFormat.record(tx, into: &record)
        try Data(LogFormat.header() + record).write(to: dir.appendingPathComponent(LogFormat.logName))
        XCTAssertThrowsError(try GraphStore.open(dir, mode: .read))
        XCTAssertThrowsError(try TransactionLog.read(dir, last: 0)) { error in
            XCTAssertTrue("\(error)".contains("no entity with id 7"), "\(error)")
        }
    }
}
