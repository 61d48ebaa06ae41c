import Foundation
import KGCore
import XCTest
@testable import KGCLI
@testable import KGStore

/// Commands that change or read one thing cost what they touch, not the
/// graph (issue 14): no commit made while a view of the graph is held (that
/// copies every column), `kg stats` from kept counts, `kg log --last N`
/// decoding N records. Counters, not timings.
final class CommandCostTests: XCTestCase {
    var graph: URL!

    override func setUpWithError() throws {
        graph = try GraphFixture.temporaryDirectory()
        _ = try GraphFixture.build(at: graph)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: graph) }

    /// Runs kg in this process, its standard output dropped.
    private func run(_ arguments: [String]) -> Int32 {
        fflush(nil)
        let saved = dup(1), null = open("/dev/null", O_WRONLY)
        dup2(null, 1)
        defer { fflush(nil); dup2(saved, 1); close(saved); close(null) }
        return KGCommandLine.run(arguments)
    }

    func test_curationCommands_commitWithoutCopyingTheGraph() throws {
        let before = GraphStore.commitsThatCopiedTheGraph
        XCTAssertEqual(run(["assert", "--graph", graph.path, "Jensen Huang", "advises", "company:Lumen Robotics"]), 0)
        XCTAssertEqual(run(["retract", "--graph", graph.path, "Jensen Huang", "advises", "Lumen Robotics"]), 0)
        XCTAssertEqual(run(["add", "--graph", graph.path, "person", "Priya Raman"]), 0)
        XCTAssertEqual(run(["merge", "--graph", graph.path, "Lumen Robotics", "Priya Raman"]), 0)
        XCTAssertEqual(run(["split", "--graph", graph.path, "Lumen Robotics", "Priya Raman"]), 0)
        XCTAssertEqual(run(["remove", "--graph", graph.path, "Priya Raman"]), 0)
        XCTAssertEqual(GraphStore.commitsThatCopiedTheGraph, before, "a command committed while holding a view")
        let store = try GraphStore.open(graph, mode: .read)
        XCTAssertEqual(store.transactions.dropFirst().map(\.source), Array(repeating: TransactionSource.user, count: 6))
        XCTAssertEqual(store.current.tx, 7, "the fixture's transaction and six user transactions")
        XCTAssertTrue(store.current.triples(predicate: "advises").isEmpty)
    }

    /// `kg log --last N` decodes N records (the others are only framed and checksummed).
    func test_logLast_decodesOnlyTheRecordsShown() throws {
        for _ in 0..<5 { XCTAssertEqual(run(["add", "--graph", graph.path, "person", "P \(UUID().uuidString.prefix(6))"]), 0) }
        XCTAssertEqual(try TransactionLog.read(graph, last: 2).summarized, 2)
        XCTAssertEqual(try TransactionLog.read(graph).summarized, 6)
        XCTAssertEqual(run(["log", "--graph", graph.path, "--last", "2"]), 0)
    }
}
