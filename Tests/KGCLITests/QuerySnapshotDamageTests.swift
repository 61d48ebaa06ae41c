import Foundation
import KGCore
@testable import KGStore
import XCTest

/// `kg query` on a graph whose snapshot has a damaged column chunk (FORMAT.md
/// SNAP-8): the chunk is only checked when a query reads it, so the damage is
/// found mid-query; the answers read through it are dropped, a note says the
/// graph was reopened from the log, and the printed answers are the log's.
final class QuerySnapshotDamageTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws { dir = try GraphFixture.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func test_query_onDamagedSnapshotChunk_answersFromTheLog_withANote() throws {
        let graph = dir.appendingPathComponent("g")
        do {
            let store = try GraphFixture.build(at: graph)
            XCTAssertGreaterThan(try store.checkpoint(), 0)
        }
        let query = ["query", "--graph", graph.path, "--format", "tsv", "-e", "?- triple(S, P, O)."]
        let intact = try runKG(query)
        XCTAssertEqual(intact.status, 0, intact.err)
        XCTAssertFalse(intact.err.contains("snapshot damaged"), intact.err)
        XCTAssertTrue(intact.out.contains("Jensen Huang"), intact.out)

        // Flip one byte of the subject column's data: open checks only the directory, so the
        // snapshot is used, and the chunk's CRC fails on the first read.
        let url = graph.appendingPathComponent("kg.snapshot")
        var bytes = [UInt8](try Data(contentsOf: url))
        let entry = SnapshotFormat.headerSize + Int(SectionKind.tS.rawValue) * SnapshotFormat.entrySize
        let offset = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: entry + 8, as: UInt64.self)) }
        XCTAssertTrue(offset > 0 && offset < bytes.count)
        bytes[offset] ^= 0x5A
        try Data(bytes).write(to: url)
        XCTAssertTrue(try GraphStore.open(graph, mode: .read).openedFromSnapshot)

        let damaged = try runKG(query)
        XCTAssertEqual(damaged.status, 0, damaged.err)
        XCTAssertTrue(damaged.err.contains("snapshot damaged at") && damaged.err.contains("reopening from the log"), damaged.err)
        XCTAssertEqual(damaged.out, intact.out)

        // A command that does not reread the graph says that what it printed may be wrong, and fails.
        let export = try runKG(["export", "--graph", graph.path, "--format", "json"])
        XCTAssertEqual(export.status, 1, export.out)
        XCTAssertTrue(export.err.contains("snapshot damaged at") && export.err.contains("may be wrong"), export.err)
        // `kg verify` reads every chunk and reports the damaged one.
        let verify = try runKG(["verify", "--graph", graph.path])
        XCTAssertTrue(verify.out.contains("damaged") || verify.err.contains("damaged"), verify.out + verify.err)
    }
}
