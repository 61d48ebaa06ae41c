import Foundation
import XCTest
@testable import KGCLI

final class ReplCancelTests: XCTestCase {
    /// A Ctrl-C that arrives after Enter but before evaluation starts (no query
    /// running yet) must cancel that query; the next prompt forgets it.
    func test_ctrlCBeforeEvaluationStarts_cancelsTheQuery_andNextPromptClearsIt() throws {
        let graph = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: graph) }
        try GraphFixture.build(at: graph)
        let engine = try ReplEngine(graph: graph)
        engine.queries.timeout = 30 // a safety net only
        func run(_ source: String) throws -> String {
            try engine.run(source: source, format: "table", color: false, timing: false)
        }
        engine.prepareForInput()
        _ = try run("n(0).\nn(Y) :- n(X), Y = X + 1.")

        engine.prepareForInput()
        engine.cancel()
        let started = Date()
        let cancelled = try run("?- n(X), X < 0.")
        XCTAssertTrue(cancelled.contains("TRUNCATED: cancelled"), cancelled)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)

        engine.prepareForInput()
        let next = try run("m(\"still here\").\n?- m(X).")
        XCTAssertTrue(next.contains("still here"), next)
        XCTAssertFalse(next.contains("TRUNCATED"), next)
    }
}
