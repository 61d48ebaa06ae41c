import KGCore
@testable import KGDatalog
import XCTest

/// One test per error class, each asserting the reported line and column.
final class DiagnosticTests: XCTestCase {
    func assertError(_ text: String, line: Int, column: Int, contains fragment: String,
                     file: StaticString = #filePath, testLine: UInt = #line) {
        guard let d = diagnostic(text) else { return XCTFail("no error for \(text)", file: file, line: testLine) }
        XCTAssertEqual(d.location.line, line, "line of: \(d)", file: file, line: testLine)
        XCTAssertEqual(d.location.column, column, "column of: \(d)", file: file, line: testLine)
        XCTAssertTrue(d.message.contains(fragment), "message: \(d.message)", file: file, line: testLine)
        XCTAssertTrue(d.description.contains("^"), "caret missing: \(d)", file: file, line: testLine)
        XCTAssertEqual(d.location.file, "bad.dl", file: file, line: testLine)
    }

    func test_syntax_missingParenthesis() {
        assertError("edge(1, 2).\nreach(X, Y :- edge(X, Y).", line: 2, column: 12, contains: "')'")
    }

    func test_syntax_missingPeriod() {
        assertError("p(1)\nq(2).", line: 2, column: 1, contains: "'.'")
    }

    func test_syntax_unterminatedString() {
        assertError("p(\"abc).", line: 1, column: 3, contains: "unterminated string")
    }

    func test_syntax_unexpectedCharacter() {
        assertError("p(1).\n  q(#).", line: 2, column: 5, contains: "unexpected character")
    }

    func test_syntax_badEscape() {
        assertError("p(\"a\\qb\").", line: 1, column: 5, contains: "escape")
    }

    func test_unsafe_headVariableUnbound() {
        assertError("e(1).\np(X, Y) :- e(X).", line: 2, column: 6, contains: "'Y'")
    }

    func test_unsafe_variableOnlyUnderNegation() {
        assertError("e(1). f(1).\np(X) :- e(X), not f(Z).", line: 2, column: 21, contains: "'Z' occurs only under negation")
    }

    func test_unsafe_variableOnlyInComparison() {
        assertError("e(1).\np(X) :- e(X), Y > 3.", line: 2, column: 15, contains: "'Y' occurs only in a comparison")
    }

    func test_arity_mismatchNamed() {
        assertError("e(1, 2).\np(X) :- e(X).", line: 2, column: 9, contains: "arity mismatch: 'e' has 2")
    }

    func test_stratification_negationCycleNamed() {
        assertError("e(1).\np(X) :- e(X), not q(X).\nq(X) :- e(X), not p(X).\n?- p(X).",
                    line: 2, column: 1, contains: "not stratifiable")
        let d = diagnostic("e(1).\np(X) :- e(X), not q(X).\nq(X) :- e(X), not p(X).\n?- p(X).")
        XCTAssertTrue(d?.message.contains("p -> q -> p") == true || d?.message.contains("q -> p -> q") == true, d?.message ?? "")
    }

    func test_fact_withVariableRejected() {
        assertError("p(X).", line: 1, column: 3, contains: "facts are ground")
    }

    func test_unknownFunction() {
        assertError("e(1).\n?- e(X), Y = frob(X).", line: 2, column: 14, contains: "unknown function 'frob'")
    }

    func test_unknownPredicate_warnsWithNearestName() throws {
        let session = DatalogSession()
        _ = try session.run(source: "edge(1, 2).\n?- edeg(X, Y).", file: "w.dl")
        XCTAssertEqual(session.warnings.count, 1)
        XCTAssertTrue(session.warnings[0].message.contains("'edge'"), session.warnings[0].message)
        XCTAssertEqual(session.warnings[0].severity, .warning)
    }
}
