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
        XCTAssertEqual(last.decoded, 4, "only the records shown are decoded")
        XCTAssertEqual(last.total, 30)
        XCTAssertEqual(try TransactionLog.read(dir, last: 0).decoded, 0)
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
