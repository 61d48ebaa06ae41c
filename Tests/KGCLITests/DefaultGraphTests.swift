import Foundation
import XCTest

/// The default graph (`./graph` with no --graph or KG_GRAPH) builds itself from
/// `graph/corpus` the first time a command reads it, and only then.
final class DefaultGraphTests: XCTestCase {
    private func workspaceWithSampleCorpus() throws -> URL {
        let dir = try GraphFixture.temporaryDirectory()
        let graph = dir.appendingPathComponent("graph")
        try FileManager.default.createDirectory(at: graph, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: QueryExamplesTests.root.appendingPathComponent("graph/corpus"),
                                         to: graph.appendingPathComponent("corpus"))
        return dir
    }

    func test_firstRead_buildsTheDefaultGraphFromItsCorpus() throws {
        let dir = try workspaceWithSampleCorpus()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try runKG(["query", "-e", "?- ceo_of(P, \"英伟达\")."], in: dir)
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertTrue(first.err.contains("building the default graph"), first.err)
        XCTAssertTrue(first.out.contains("Jensen Huang"), first.out)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("graph/kg.log").path))

        let second = try runKG(["stats"], in: dir)
        XCTAssertEqual(second.status, 0, second.err)
        XCTAssertFalse(second.err.contains("building"), "built once only: \(second.err)")
        XCTAssertTrue(second.out.contains("transactions"), second.out)
    }

    func test_ingestIntoAFreshDefaultGraph_doesNotPullInTheSampleCorpus() throws {
        let dir = try workspaceWithSampleCorpus()
        defer { try? FileManager.default.removeItem(at: dir) }
        let doc = dir.appendingPathComponent("mine.txt")
        try "微软首席执行官萨提亚·纳德拉表示，微软将继续投资 OpenAI。".write(to: doc, atomically: true, encoding: .utf8)
        let r = try runKG(["ingest", doc.path], in: dir)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertFalse(r.err.contains("building the default graph"), r.err)
        let docs = try runKG(["stats"], in: dir)
        XCTAssertTrue(docs.out.range(of: #"documents\s+1\b"#, options: .regularExpression) != nil, docs.out)
    }

    func test_explicitGraphDirectory_isNeverBuiltImplicitly() throws {
        let dir = try workspaceWithSampleCorpus()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runKG(["stats", "--graph", dir.appendingPathComponent("graph").path], in: dir)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.err.contains("no graph at"), r.err)
    }
}
