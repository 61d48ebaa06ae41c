import Foundation
import KGCore
@testable import KGStore
import XCTest

/// `kg verify` and the reading commands on crafted logs whose checksums are right (issue 12).
final class VerifyCommandTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try GraphFixture.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    /// One record holding `ops` (already encoded) as transaction 1, framed with a right length and CRC.
    func craft(_ ops: Int, _ body: [UInt8]) throws -> URL {
        var w = ByteWriter()
        w.uint(1); w.sint(0); w.u8(1); w.uint(ops)
        w.bytes += body
        let graph = dir.appendingPathComponent("g\(ops)-\(body.count)")
        try FileManager.default.createDirectory(at: graph, withIntermediateDirectories: true)
        try Data(LogFormat.header() + LogFormat.record(w.bytes)).write(to: graph.appendingPathComponent("kg.log"))
        return graph
    }

    // EVIDENCE-OF: LOG-13, REC-1, REC-2
    func test_craftedLogs_areReportedByVerify_andRefusedByReaders_withoutACrash() throws {
        var entity = ByteWriter()
        entity.u8(1); entity.uint(1); entity.u8(0); entity.string("a"); entity.uint(0); entity.u8(0)
        var unmerge = ByteWriter()
        unmerge.u8(10); unmerge.uint(1); unmerge.varint(1 << 40)
        var triple = ByteWriter()
        triple.u8(5); triple.uint(2_147_483_646); triple.string("p"); triple.u8(0); triple.uint(1)
        triple.string("d"); triple.uint(0); triple.uint(0); triple.string(""); triple.string("r"); triple.double(1); triple.u8(0)
        let cases: [(URL, String)] = [
            (try craft(2, entity.bytes + unmerge.bytes), "no entity with id 1099511627776"),
            (try craft(1, triple.bytes), "no entity with id 2147483646"),
        ]
        for (graph, reason) in cases {
            let v = try runKG(["verify", "--graph", graph.path])
            XCTAssertEqual(v.status, 1, v.out + v.err)
            XCTAssertTrue(v.out.contains("transaction 1") && v.out.contains(reason), v.out)
            for command in [["stats"], ["query", "-e", "?- triple(S, P, O)."], ["log"]] {
                let r = try runKG(command + ["--graph", graph.path])
                XCTAssertEqual(r.status, 1, "\(command): \(r.out) \(r.err)")
                XCTAssertTrue(r.err.contains("damaged record at byte offset 16 (transaction 1)"), "\(command): \(r.err)")
            }
        }
    }
}
