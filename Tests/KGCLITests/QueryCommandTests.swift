import Foundation
import XCTest

/// `kg query` end to end: the built binary's exact output and exit status.
final class QueryCommandTests: XCTestCase {
    func test_query_expression_printsTableWithCount() throws {
        let dir = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runKG(["query", "--no-graph",
                           "-e", "edge(1, 2). edge(2, 3). path(X, Y) :- edge(X, Y). path(X, Z) :- path(X, Y), edge(Y, Z). ?- path(1, X)."])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.hasPrefix("| X |\n|---|\n| 2 |\n| 3 |\n2 answers ("), r.out)
    }

    func test_query_factsDirectory_csv() throws {
        let dir = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "1\t2\n2\t3\n".write(to: dir.appendingPathComponent("edge.tsv"), atomically: true, encoding: .utf8)
        let program = dir.appendingPathComponent("tc.dl")
        try "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n?- path(X, Y).\n".write(to: program, atomically: true, encoding: .utf8)
        let r = try runKG(["query", "--facts", dir.path, "--format", "csv", program.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, "X,Y\n1,2\n1,3\n2,3\n")
    }

    func test_query_syntaxError_exitsNonZeroWithCaret() throws {
        let r = try runKG(["query", "--no-graph", "-e", "reach(X, Y :- edge(X, Y)."])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("<command line>:1:12: error:"), r.err)
        XCTAssertTrue(r.err.contains("           ^"), r.err)
    }

    func test_query_graph_aliasConstantAndWhyEvidence() throws {
        let dir = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try GraphFixture.build(at: dir)
        let r = try runKG(["query", "--graph", dir.path, "--format", "tsv", "-e", "?- acquired(\"英伟达\", X)."])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, "X\nMellanox\n")
        let why = try runKG(["query", "--graph", dir.path, "--why", "-e",
                             "rival_ceo(P) :- competitor_of(\"NVIDIA\", C), ceo_of(P, C).\n?- rival_ceo(P)."])
        XCTAssertEqual(why.status, 0, why.err)
        XCTAssertTrue(why.out.contains("ceo_of(\"Lisa Su\", \"AMD\")"), why.out)
        XCTAssertTrue(why.out.contains("AMD 首席执行官苏姿丰"), why.out)
    }

    func test_query_runaway_stopsAtTupleLimitAndFails() throws {
        let r = try runKG(["query", "--no-graph", "--max-tuples", "1000",
                           "-e", "n(0). n(Y) :- n(X), Y = X + 1. ?- n(X)."])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.out.contains("TRUNCATED"), r.out)
    }
}
